/**
 * Simulation moves for intelligence. Teams pass recent reports they hold to allies who lack them
 * (sharing within REL TO or an agreement, asking the originator when it is ORCON, releasing the
 * tearline where the full report may not go), originators answer ORCON requests and now and then
 * widen a report, teams write assessments, and control holds, resumes, releases and writes a
 * report from time to time. Every move passes the engine's own tests first; each round reads only
 * the most recent reports and requests, so the bots stay linear in the length of the log.
 */
import type { Classification } from '../../common.ts';
import type { BotContext, BotMove } from '../define.ts';
import type { ExerciseState } from '../state.ts';
import { allyOptions } from './options.ts';

const RECENT = 24;
const CLASSES: readonly Classification[] = ['RESTRICTED', 'CONFIDENTIAL', 'SECRET'];
const NOTES = ['For your planning.', 'Relevant to the Sound patrols.', 'Please protect the source.', ''];

export function intelBot(state: ExerciseState, bot: BotContext): BotMove[] {
  if (state.status !== 'running' && state.status !== 'paused') return [];
  const moves: BotMove[] = [];
  const recent = state.intelOrder.slice(-RECENT);
  const released = state.intelOrder.filter((id) => state.intel[id]?.status === 'released').slice(-RECENT);
  const nations = state.scenario.nations.map((n) => n.id).filter((n) => Object.hasOwn(state.nations, n));
  const running = state.status === 'running';

  if (running) {
    // One dissemination per nation per round, now and then.
    for (const nation of nations) {
      if (!bot.chance(0.15)) continue;
      const mine = released.filter((r) => {
        const x = state.intel[r]!;
        return Object.hasOwn(x.holders, nation) || Object.hasOwn(x.tearlineHolders, nation);
      });
      const move = bot
        .sample(mine, Math.min(4, mine.length))
        .map((id) => disseminate(state, bot, nation, id))
        .find((m) => m !== null);
      if (move) moves.push(move);
    }

    // Originators answer the pending requests addressed to them, mostly yes.
    for (const rid of state.intelRequestOrder.slice(-RECENT)) {
      const r = state.intelRequests[rid];
      if (r?.status !== 'pending' || !Object.hasOwn(state.nations, r.originator) || !bot.chance(0.6)) continue;
      moves.push(
        bot.chance(0.55)
          ? { actor: { nation: r.originator }, command: { type: 'intel.approve', request: rid, note: 'Approved; protect the source.' } }
          : { actor: { nation: r.originator }, command: { type: 'intel.deny', request: rid, note: 'Source too sensitive.' } },
      );
    }

    // An originator widens one of its reports now and then (after the shares above, which it cannot spoil).
    if (bot.chance(0.12)) {
      const id = bot.pick(released.filter((r) => state.intel[r]!.origin !== 'assessment' || bot.chance(0.5)));
      const x = id === undefined ? undefined : state.intel[id];
      if (x && id !== undefined && Object.hasOwn(state.nations, x.def.originator)) {
        const add = nations.filter((n) => n !== x.def.originator && !x.controls.relTo.includes(n));
        const lift = x.controls.orcon && bot.chance(0.2) ? (['orcon'] as const) : [];
        if (add.length || lift.length)
          moves.push({
            actor: { nation: x.def.originator },
            command: { type: 'intel.widen', intel: id, relTo: bot.sample(add, 1), lift: [...lift], note: 'Widened for the coalition.' },
          });
      }
    }

    // A team writes an assessment for some allies, citing a report it holds.
    if (bot.chance(0.05)) {
      const nation = bot.pick(nations);
      if (nation !== undefined) {
        const allies = nations.filter((n) => n !== nation);
        const to = bot.sample(allies, bot.int(1, Math.min(3, allies.length)));
        const held = released.filter((r) => Object.hasOwn(state.intel[r]!.holders, nation)).slice(-6);
        moves.push({
          actor: { nation },
          command: {
            type: 'intel.assess',
            title: `${nation} assessment, turn ${state.turn}`,
            classification: bot.pick(CLASSES) ?? 'CONFIDENTIAL',
            controls: {
              relTo: bot.chance(0.5)
                ? to
                : [
                    ...to,
                    ...bot.sample(
                      allies.filter((n) => !to.includes(n)),
                      1,
                    ),
                  ],
              noforn: false,
              orcon: bot.chance(0.3),
            },
            regions: bot.sample(Object.keys(state.regions), 1),
            body: '(C) Our reading of the situation: the adversary is probing, not yet committed.\n\n(U) We recommend a joint public line.',
            cites: bot.sample(held, Math.min(1, held.length)),
            to,
            note: bot.pick(NOTES) ?? '',
          },
        });
      }
    }
  }

  // Exercise control adjusts the library now and then: one report at a time.
  const r = bot.random();
  const held = recent.find((id) => state.intel[id]?.status === 'held');
  if (held !== undefined && r < 0.3) {
    moves.push({ actor: 'control', command: { type: 'intel.resume', intel: held } });
    return moves;
  }
  const pending = recent.filter((id) => state.intel[id]?.status !== 'released');
  const touched = bot.pick(pending);
  const x = touched === undefined ? undefined : state.intel[touched];
  if (x && touched !== undefined && r < 0.14) {
    if (x.status === 'scheduled' && r < 0.05)
      moves.push({ actor: 'control', command: { type: 'intel.hold', intel: touched, note: 'Holding for pacing' } });
    else moves.push({ actor: 'control', command: { type: 'intel.release', intel: touched, to: [] } });
  } else if (r > 0.93 && nations.length > 1) {
    const originator = bot.pick(nations) ?? nations[0]!;
    const to = bot.sample(
      nations.filter((n) => n !== originator),
      1,
    );
    const later = state.turn < state.scenario.clock.turns && bot.chance(0.3) ? { turn: state.turn + 1 } : 'now';
    moves.push({
      actor: 'control',
      command: {
        type: 'intel.write',
        title: 'Late reporting: adversary movements',
        originator,
        classification: 'SECRET',
        controls: { relTo: to, noforn: false, orcon: bot.chance(0.3) },
        grading: { reliability: 'C', credibility: '3' },
        regions: bot.sample(Object.keys(state.regions), 1),
        body: '(S) Movements reported overnight; details to follow.',
        groundTruth: 'Partly true: the movements are a feint.',
        truth: bot.pick(['true', 'false', 'deception'] as const) ?? 'true',
        tearline: {
          classification: 'RESTRICTED',
          controls: { relTo: nations.filter((n) => n !== originator), noforn: false, orcon: false },
          body: 'Movements were reported overnight.',
        },
        to: later === 'now' ? to : [],
        release: later,
      },
    });
  }
  return moves;
}

/** One way to pass a report on to allies who lack it: share, ask the originator (ORCON), or release the tearline. */
function disseminate(state: ExerciseState, bot: BotContext, nation: string, id: string): BotMove | null {
  const x = state.intel[id]!;
  const lacking = allyOptions(state, nation, x).filter((o) => !Object.hasOwn(x.holders, o.nation));
  const share = lacking.filter((o) => o.share === 'ok' || o.share === 'agreement').map((o) => o.nation);
  const request = lacking.filter((o) => o.request === 'ok').map((o) => o.nation);
  const tearline = lacking
    .filter((o) => (o.tearline === 'ok' || o.tearline === 'agreement') && !Object.hasOwn(x.tearlineHolders, o.nation))
    .map((o) => o.nation);
  const tearlineRequest = lacking
    .filter((o) => o.tearlineRequest === 'ok' && !Object.hasOwn(x.tearlineHolders, o.nation))
    .map((o) => o.nation);
  const note = bot.pick(NOTES) ?? '';
  const ask = request.length > 0 && bot.chance(0.5);
  if (share.length && !ask)
    return { actor: { nation }, command: { type: 'intel.share', intel: id, to: bot.sample(share, bot.int(1, share.length)), note } };
  if (request.length)
    return {
      actor: { nation },
      command: {
        type: 'intel.request',
        intel: id,
        part: 'full',
        to: bot.sample(request, 1),
        reason: 'They need it for the coming consultation.',
      },
    };
  if (tearline.length)
    return {
      actor: { nation },
      command: { type: 'intel.release_tearline', intel: id, to: bot.sample(tearline, bot.int(1, tearline.length)), note },
    };
  if (tearlineRequest.length)
    return {
      actor: { nation },
      command: {
        type: 'intel.request',
        intel: id,
        part: 'tearline',
        to: bot.sample(tearlineRequest, 1),
        reason: 'The sanitised version would help them.',
      },
    };
  return null;
}
