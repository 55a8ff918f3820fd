/**
 * Tests that start from events: `given(events).when(actor, command).then(events)` or
 * `.refused(code)`. The events are bodies (no seq, time, command or sender): the helper stamps
 * them after the harbour-watch genesis, folds them, and decides the command on the result. It
 * makes edge states cheap to build (a state no sequence of accepted commands reaches quickly),
 * and it is what frozen-state and upcaster tests need.
 */
import { expect } from 'vitest';
import {
  createExercise,
  decide,
  evolve,
  genesis,
  type Actor,
  type EngineEvent,
  type EventBody,
  type ExerciseState,
  type Rejection,
} from '../../shared/src/engine/index.ts';
import { facilitator, loadHarbourWatch, SEED, STEP_MS, T0, type Draft } from './harness.ts';

export interface GivenOptions {
  /** Who the given events are from (default: the white cell). */
  by?: Actor;
  scenario?: ReturnType<typeof loadHarbourWatch>;
}

export interface When {
  /** The state the command is decided on. */
  readonly state: ExerciseState;
  /** The command's events, as bodies, must be exactly these. Answers the full events. */
  then(expected: readonly EventBody[]): EngineEvent[];
  /** The command must be accepted; answers its events, for assertions of their own. */
  accepted(): EngineEvent[];
  /** The command must be refused with this code, and change nothing. Answers the refusal. */
  refused(code: string): Rejection;
}

/** Stamp bodies as consecutive events after `after`, one command each, a step apart. */
export function stamp(bodies: readonly EventBody[], after: { seq: number; at: number }, by: Actor = facilitator): EngineEvent[] {
  return bodies.map((b, i) => ({ ...b, seq: after.seq + 1 + i, at: after.at + (i + 1) * STEP_MS, cmd: `given-${i + 1}`, by }));
}

export function given(bodies: readonly EventBody[], opts: GivenOptions = {}) {
  const created = createExercise({
    exerciseId: 'given',
    scenario: opts.scenario ?? loadHarbourWatch(),
    seed: SEED,
    at: T0,
    by: facilitator,
  });
  const log: EngineEvent[] = [created, ...stamp(bodies, created, opts.by)];
  const state = genesis(created);
  for (const e of log.slice(1)) evolve(state, e);
  const at = state.lastAt + STEP_MS;
  return {
    state,
    log,
    when(actor: Actor, command: Draft): When {
      const before = structuredClone(state);
      const decision = decide(state, { command: { id: 'when', ...command }, actor, at });
      return {
        state,
        then(expected) {
          if (!decision.ok) throw new Error(`expected events, got ${decision.rejection.code}: ${decision.rejection.message}`);
          const strip = decision.events.map(({ seq: _s, at: _a, cmd: _c, by: _b, ...body }) => body);
          expect(strip).toEqual(expected);
          return decision.events;
        },
        accepted() {
          if (!decision.ok) throw new Error(`expected events, got ${decision.rejection.code}: ${decision.rejection.message}`);
          return decision.events;
        },
        refused(code) {
          if (decision.ok) throw new Error(`expected refusal ${code}, got ${decision.events.length} events`);
          expect(decision.rejection.code, decision.rejection.message).toBe(code);
          expect(state).toEqual(before);
          return decision.rejection;
        },
      };
    },
  };
}
