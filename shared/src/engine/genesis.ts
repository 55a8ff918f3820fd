/** The first event of every exercise: it carries the whole validated scenario and the seed. */
import type { Scenario } from '../scenario/schema.ts';
import type { Actor } from './envelope.ts';
import type { CreatedEvent } from './events.ts';

export function createExercise(args: { exerciseId: string; scenario: Scenario; seed: number; at: number; by: Actor }): CreatedEvent {
  return {
    type: 'exercise.created',
    seq: 1,
    at: args.at,
    cmd: null,
    by: args.by,
    exerciseId: args.exerciseId,
    scenario: args.scenario,
    seed: args.seed,
  };
}
