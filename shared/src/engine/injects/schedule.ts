/**
 * What the MSEL releases by itself on entering a phase: scripted injects for this turn and phase,
 * and contingency injects whose deadline has passed, released (the expected action did not happen)
 * or retired (it did).
 */
import type { InjectDef } from '../../scenario/schema.ts';
import type { EventBody } from '../define.ts';
import { currentPosition, positionOf, type ExerciseState, type InjectState } from '../state.ts';

export function newInjectState(def: InjectDef, adHoc: boolean): InjectState {
  return {
    def,
    adHoc,
    status: def.status,
    releasedAt: null,
    releasedSeq: null,
    releasedTurn: null,
    releaseReason: null,
    statusNote: null,
    acknowledged: {},
  };
}

export function injectsOnPhaseEnter(state: ExerciseState, entering: { turn: number; phaseIndex: number }): EventBody[] {
  const phase = state.scenario.clock.phases[entering.phaseIndex];
  if (!phase) return [];
  const leaving = currentPosition(state);
  const out: EventBody[] = [];
  for (const id of state.injectOrder) {
    const x = state.injects[id];
    if (x?.status !== 'scheduled') continue;
    const trig = x.def.trigger;
    if (trig.type === 'time' && x.def.turn === entering.turn && x.def.phase === phase.id) {
      out.push({ type: 'inject.released', inject: id, reason: 'scheduled' });
    } else if (trig.type === 'condition' && leaving >= positionOf(state, trig.deadline.turn, trig.deadline.phase)) {
      const met = matchingAction(state, x);
      if (met) out.push({ type: 'inject.skipped', inject: id, note: `Condition met: action ${met} was submitted in time.` });
      else out.push({ type: 'inject.released', inject: id, reason: 'contingency' });
    }
  }
  return out;
}

/** The first non-withdrawn action that satisfies a contingency inject's condition, if any. */
export function matchingAction(state: ExerciseState, x: InjectState): string | null {
  if (x.def.trigger.type !== 'condition') return null;
  const { unlessAction: u, deadline } = x.def.trigger;
  for (const id of state.actionOrder) {
    const a = state.actions[id];
    if (!a || a.status === 'withdrawn' || a.turn < u.fromTurn || a.turn > deadline.turn) continue;
    if (!u.types.includes(a.type)) continue;
    if (u.by.length && !u.by.includes(a.nation)) continue;
    if (!Object.hasOwn(state.nations, a.nation)) continue;
    if (u.regions.length && !a.regions.some((r) => u.regions.includes(r))) continue;
    return id;
  }
  return null;
}
