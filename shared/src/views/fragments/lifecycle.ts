/**
 * The exercise header: identity and status (lifecycle), with the turn, phase and clock fields
 * every audience reads the same. The only field that is not the same for everyone over time is
 * the position in the log (`seq`, `lastAt`): `feed.ts` holds an audience's picture back while
 * nothing it may see changes, so these name the last event that changed that picture.
 */
import { currentPhase, gameTimeOf } from '../../engine/index.ts';
import type { ViewCtx } from '../context.ts';
import { memo } from '../memo.ts';

export function exercise({ state, audience }: ViewCtx) {
  const s = state.scenario;
  return {
    exercise: {
      id: state.exerciseId,
      scenarioId: s.meta.id,
      title: s.meta.title,
      banner: s.meta.banner,
      adjudication: s.meta.adjudication,
      status: state.status,
      turn: state.turn,
      turns: s.clock.turns,
      phase: currentPhase(state),
      phaseIndex: state.phaseIndex,
      phases: s.clock.phases.map((p) => ({ id: p.id, label: p.label, durationMinutes: p.durationMinutes })),
      phaseStartedAt: state.phaseStartedAt,
      deadline: state.deadline,
      autoAdvance: state.autoAdvance,
      pausedAt: state.pausedAt,
      gameTime: gameTimeOf(s, Math.max(1, state.turn)),
      gameMinutesPerTurn: s.clock.gameMinutesPerTurn,
      startGameTime: s.clock.startGameTime,
      /** The runs of phases so far: the client turns any moment into game time with gameclock.ts. */
      // A copy: the state's list grows in place, and a picture must never change after it is sent.
      timeline: memo(state.timeline, audience, [state.timeline.length, state.timeline.at(-1)?.deadline ?? null], () => [...state.timeline]),
      endedReason: state.endedReason,
      seq: state.seq,
      lastAt: state.lastAt,
    },
  };
}
