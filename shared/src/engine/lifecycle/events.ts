import { z } from 'zod';
import { ScenarioShape } from '../../scenario/schema.ts';
import { Id } from '../../common.ts';
import { event } from '../define.ts';

export const ExerciseCreated = event('exercise.created', {
  exerciseId: Id,
  scenario: ScenarioShape,
  seed: z.number().int(),
});
export const ExerciseStarted = event('exercise.started', {});
export const ExercisePaused = event('exercise.paused', { reason: z.string() });
export const ExerciseResumed = event('exercise.resumed', { pausedMs: z.number().int().nonnegative() });
export const ExerciseEnded = event('exercise.ended', { reason: z.string() });

export const lifecycleEvents = [ExerciseCreated, ExerciseStarted, ExercisePaused, ExerciseResumed, ExerciseEnded] as const;
export type LifecycleEvent = z.infer<(typeof lifecycleEvents)[number]>;
