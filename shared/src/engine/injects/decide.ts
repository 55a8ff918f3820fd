/** Inject rules: the white cell releases, holds, reschedules, skips and writes injects. */
import { own, reject, type Rejection } from '../envelope.ts';
import { isAllied, requireStatus, LIVE, type HandlersFor } from '../define.ts';
import { currentPosition, positionOf, type ExerciseState, type InjectState } from '../state.ts';
import type { injectCommands, injectInfo } from './commands.ts';
import type { InjectDef } from '../../scenario/schema.ts';

function find(state: ExerciseState, id: string): InjectState | Rejection<'unknown_inject'> {
  return own(state.injects, id) ?? reject('unknown_inject', `There is no inject "${id}".`, 'inject');
}

const label = (x: InjectState) => `Inject #${x.def.number} "${x.def.subject}"`;

/** Whether a released inject is addressed to a nation. */
export const addressedTo = (def: InjectDef, nation: string): boolean => def.to.includes('ALL') || def.to.includes(nation);

export const injectHandlers: HandlersFor<typeof injectCommands, typeof injectInfo> = {
  'inject.release': (state, cmd) => {
    const x = find(state, cmd.inject);
    if ('code' in x) return x;
    if (x.status === 'released') return reject('already_released', `${label(x)} was already released.`, 'inject');
    if (x.status === 'skipped') return reject('skipped', `${label(x)} was skipped; reschedule it before releasing it.`, 'inject');
    return [{ type: 'inject.released', inject: cmd.inject, reason: 'manual' }];
  },
  'inject.hold': (state, cmd) => {
    const x = find(state, cmd.inject);
    if ('code' in x) return x;
    if (x.status === 'released' || x.status === 'skipped' || x.status === 'held')
      return reject('not_pending', `${label(x)} is ${x.status}; only a pending inject can be held.`, 'inject');
    return [{ type: 'inject.held', inject: cmd.inject, note: cmd.note }];
  },
  'inject.schedule': (state, cmd) => {
    const x = find(state, cmd.inject);
    if ('code' in x) return x;
    if (x.status === 'released' || x.status === 'scheduled') return reject('not_pending', `${label(x)} is already ${x.status}.`, 'inject');
    return [{ type: 'inject.scheduled', inject: cmd.inject }];
  },
  'inject.skip': (state, cmd) => {
    const x = find(state, cmd.inject);
    if ('code' in x) return x;
    if (x.status === 'released' || x.status === 'skipped') return reject('not_pending', `${label(x)} is already ${x.status}.`, 'inject');
    return [{ type: 'inject.skipped', inject: cmd.inject, note: cmd.note }];
  },
  'inject.acknowledge': (state, cmd, ctx) => {
    const { nation } = ctx;
    // Unknown, unreleased and addressed to others answer alike: a nation learns nothing it cannot see.
    const x = own(state.injects, cmd.inject);
    if (!x || x.status !== 'released' || !addressedTo(x.def, nation))
      return reject('not_found', 'You have no inject by that id.', 'inject');
    if (own(x.acknowledged, nation)) return reject('already_acknowledged', `${nation} already acknowledged this inject.`, 'inject');
    return [{ type: 'inject.acknowledged', inject: cmd.inject, nation, position: ctx.actor.position }];
  },
  'inject.create': (state, cmd) => {
    const s = state.scenario;
    if (!s.personas.some((p) => p.id === cmd.from)) return reject('unknown_persona', `There is no persona "${cmd.from}".`, 'from');
    for (const [i, t] of cmd.to.entries())
      if (t !== 'ALL' && !isAllied(state, t)) return reject('unknown_nation', `"${t}" is not an allied nation.`, `to[${i}]`);
    const teams = cmd.to.includes('ALL') ? s.nations : s.nations.filter((n) => cmd.to.includes(n.id));
    for (const [i, p] of cmd.positions.entries())
      if (!teams.some((n) => n.positions.some((q) => q.id === p)))
        return reject('unknown_position', `No receiving team has a position "${p}".`, `positions[${i}]`);
    for (const [i, r] of cmd.regions.entries())
      if (!own(state.regions, r)) return reject('unknown_region', `There is no region "${r}".`, `regions[${i}]`);
    for (const [i, o] of cmd.objectives.entries())
      if (!s.objectives.some((x) => x.id === o)) return reject('unknown_objective', `There is no objective "${o}".`, `objectives[${i}]`);
    const rel = cmd.release;
    const now = rel === 'now';
    const turn = now ? Math.max(1, state.turn) : rel.turn;
    const phase = now ? (s.clock.phases[Math.max(0, state.phaseIndex)]?.id ?? 'brief') : rel.phase;
    if (!now) {
      if (!s.clock.phases.some((p) => p.id === phase))
        return reject('unknown_phase', `This scenario has no "${phase}" phase.`, 'release.phase');
      if (turn > s.clock.turns) return reject('in_the_past', `Turn ${turn} is after the last turn (${s.clock.turns}).`, 'release.turn');
      if (positionOf(state, turn, phase) <= currentPosition(state))
        return reject('in_the_past', `Turn ${turn} ${phase} has already begun; release it now instead.`, 'release');
    }
    if (now) {
      const refused = requireStatus(state, LIVE);
      if (refused) return refused;
    }
    const used = new Set(Object.values(state.injects).map((x) => x.def.number));
    let number = Math.max(0, ...used) + 1;
    while (used.has(number)) number++;
    const id = `adhoc-${state.seq + 1}`;
    const def: InjectDef = {
      id,
      number,
      turn,
      phase,
      from: cmd.from,
      to: cmd.to,
      positions: cmd.positions,
      channel: cmd.channel,
      subject: cmd.subject,
      message: cmd.message,
      expectedAction: cmd.expectedAction,
      objectives: cmd.objectives,
      status: 'scheduled',
      kind: cmd.kind,
      trigger: { type: 'time' },
      regions: cmd.regions,
      controlNotes: cmd.controlNotes,
      ...(cmd.escalation ? { escalation: cmd.escalation } : {}),
    };
    return now
      ? [
          { type: 'inject.created', inject: def },
          { type: 'inject.released', inject: id, reason: 'manual' },
        ]
      : [{ type: 'inject.created', inject: def }];
  },
};
