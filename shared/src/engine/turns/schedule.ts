/**
 * What happens on entering a phase: the phase starts, intel due this turn is released, scripted
 * injects for this turn and phase are released, and contingency injects whose deadline has
 * passed are either released (the expected action did not happen) or retired (it did).
 */
import { gameTimeOf, currentPosition, positionOf, type ExerciseState, type InjectState } from '../state.ts';
import type { EventBody } from '../handlers.ts';

export function enterPhase(state: ExerciseState, turn: number, phaseIndex: number, at: number, restart = false): EventBody[] {
  const phases = state.scenario.clock.phases;
  const phase = phases[phaseIndex]!;
  const out: EventBody[] = [
    {
      type: 'phase.started',
      turn,
      phase: phase.id,
      phaseIndex,
      deadline: at + phase.durationMinutes * 60_000,
      gameTime: gameTimeOf(state.scenario, turn),
      restart,
    },
  ];
  if (restart) return out;

  if (phaseIndex === 0) {
    for (const r of state.scenario.intel) {
      const st = state.intel[r.id];
      if (st && !st.released && r.releaseTurn <= turn) out.push({ type: 'intel.released', intel: r.id, turn });
    }
  }

  const leaving = currentPosition(state);
  for (const id of state.injectOrder) {
    const x = state.injects[id]!;
    if (x.status !== 'scheduled') continue;
    const trig = x.def.trigger;
    if (trig.type === 'time' && x.def.turn === turn && x.def.phase === phase.id) {
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
    const a = state.actions[id]!;
    if (a.status === 'withdrawn' || a.turn < u.fromTurn || a.turn > deadline.turn) continue;
    if (!u.types.includes(a.type)) continue;
    if (u.by.length && !u.by.includes(a.nation)) continue;
    if (!Object.hasOwn(state.nations, a.nation)) continue;
    if (u.regions.length && !a.regions.some((r) => u.regions.includes(r))) continue;
    return id;
  }
  return null;
}
