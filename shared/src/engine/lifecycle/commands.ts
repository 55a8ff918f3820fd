import { type z } from 'zod';
import { longText, shortText } from '../../common.ts';
import { command, LIVE, RUNNING, type CommandInfo } from '../define.ts';

export const ExerciseStart = command('exercise.start', {});
export const ExercisePause = command('exercise.pause', { reason: longText(500).default('') });
export const ExerciseResume = command('exercise.resume', {});
export const ExerciseEnd = command('exercise.end', { reason: shortText(500) });

export const lifecycleCommands = [ExerciseStart, ExercisePause, ExerciseResume, ExerciseEnd] as const;
export type LifecycleCommand = z.infer<(typeof lifecycleCommands)[number]>;

export const lifecycleInfo = {
  'exercise.start': {
    roles: ['facilitator'],
    summary: 'Start the exercise: turn 1 begins with the first phase, and its scripted injects and intel are released.',
    rejections: { already_started: 'The exercise has already started.' },
  },
  'exercise.pause': {
    roles: ['facilitator'],
    summary: 'Pause the clock. Players can still read and talk, but cannot act. Deadlines move by the paused time.',
    status: RUNNING,
    rejections: {},
  },
  'exercise.resume': {
    roles: ['facilitator'],
    summary: 'Resume a paused exercise; the phase deadline is pushed back by the time spent paused.',
    rejections: { not_paused: 'The exercise is not paused.' },
  },
  'exercise.end': {
    roles: ['facilitator'],
    summary: 'End the exercise (ENDEX). Nothing more can be played; the log is kept for the after-action review.',
    status: LIVE,
    rejections: {},
  },
} as const satisfies Record<LifecycleCommand['type'], CommandInfo>;
