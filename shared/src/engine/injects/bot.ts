/**
 * Simulation moves for the MSEL: teams acknowledge what reached them; exercise control holds,
 * skips, reschedules and releases injects, releases manual ones when their turn comes, and writes
 * ad hoc injects from personas, released now or at a later phase.
 */
import type { PhaseId } from '../../common.ts';
import { CHANNELS } from '../../vocab.ts';
import type { BotContext, BotMove } from '../define.ts';
import { currentPosition, type ExerciseState } from '../state.ts';
import { addressedTo } from './decide.ts';

const KINDS = ['event', 'information', 'facilitation'] as const;
const HEADLINES = ['breaking development', 'unconfirmed reports', 'statement issued', 'request for comment'];

export function injectsBot(state: ExerciseState, bot: BotContext): BotMove[] {
  if (state.status !== 'running' && state.status !== 'paused') return [];
  const moves: BotMove[] = [];
  const nations = Object.keys(state.nations);

  // Teams read their injects when the brief and the outcome are read out; what they have not read
  // by the end of the next turn they leave unread.
  if (bot.phase === 'brief' || bot.phase === 'outcome')
    for (const id of state.injectOrder) {
      const x = state.injects[id];
      if (x?.status !== 'released' || (x.releasedTurn ?? 0) < state.turn - 1) continue;
      for (const nation of nations)
        if (addressedTo(x.def, nation) && !Object.hasOwn(x.acknowledged, nation) && bot.chance(0.85))
          moves.push({ actor: { nation }, command: { type: 'inject.acknowledge', inject: id } });
    }

  // One MSEL adjustment at a time, on an inject that has not gone out.
  const touched = bot.chance(0.4) ? bot.pick(state.injectOrder.filter((id) => state.injects[id]?.status !== 'released')) : undefined;
  const status = touched === undefined ? undefined : state.injects[touched]?.status;
  if (touched !== undefined && status !== undefined) {
    const r = bot.random();
    if (status === 'scheduled') {
      if (r < 0.35) moves.push({ actor: 'control', command: { type: 'inject.hold', inject: touched, note: 'Holding for pacing' } });
      else if (r < 0.7) moves.push({ actor: 'control', command: { type: 'inject.skip', inject: touched, note: 'Overtaken by events' } });
      else moves.push({ actor: 'control', command: { type: 'inject.release', inject: touched } });
    } else if (status === 'skipped') {
      if (r < 0.5) moves.push({ actor: 'control', command: { type: 'inject.schedule', inject: touched } });
    } else if (r < 0.6) moves.push({ actor: 'control', command: { type: 'inject.schedule', inject: touched } });
    else moves.push({ actor: 'control', command: { type: 'inject.release', inject: touched } });
  }

  // Manual injects go out when their turn has come (the one just adjusted is left as it is). Only
  // the scenario's can be manual: ad hoc injects are released now or at their turn and phase.
  for (const { id } of state.scenario.injects) {
    const x = state.injects[id];
    if (id !== touched && x?.def.trigger.type === 'manual' && x.status === 'scheduled' && x.def.turn <= state.turn)
      moves.push({ actor: 'control', command: { type: 'inject.release', inject: id } });
  }

  const persona = bot.chance(0.15) ? bot.pick(state.scenario.personas) : undefined;
  if (persona) {
    const to = bot.chance(0.3) ? ['ALL'] : bot.sample(nations, bot.int(1, 2));
    const teams = to.includes('ALL') ? state.scenario.nations : state.scenario.nations.filter((n) => to.includes(n.id));
    const positions = [...new Set(teams.flatMap((n) => n.positions.map((p) => p.id)))];
    const objectives = state.scenario.objectives.map((o) => o.id);
    const later = bot.chance(0.3) ? laterPhase(state, bot) : null;
    moves.push({
      actor: 'control',
      command: {
        type: 'inject.create',
        from: persona.id,
        to,
        positions: bot.chance(0.2) ? bot.sample(positions, 1) : [],
        channel: bot.pick(CHANNELS) ?? 'news',
        subject: `${persona.name}: ${bot.pick(HEADLINES) ?? HEADLINES[0]}`,
        message: 'Reports are coming in of a new incident; details to follow.',
        expectedAction: bot.chance(0.5) ? 'Teams coordinate a public line.' : '',
        regions: bot.sample(Object.keys(state.regions), 1),
        objectives: bot.chance(0.3) ? bot.sample(objectives, 1) : [],
        controlNotes: bot.chance(0.3) ? 'White cell: watch how the teams share this.' : '',
        kind: bot.pick(KINDS) ?? 'event',
        release: later ?? 'now',
      },
    });
  }
  return moves;
}

/** A turn and phase after the current one, within the exercise, or null after the last. */
function laterPhase(state: ExerciseState, bot: BotContext): { turn: number; phase: PhaseId } | null {
  const phases = state.scenario.clock.phases;
  const at = currentPosition(state) + bot.int(1, phases.length);
  const phase = phases[at % phases.length];
  return phase && at < state.scenario.clock.turns * phases.length ? { turn: Math.floor(at / phases.length) + 1, phase: phase.id } : null;
}
