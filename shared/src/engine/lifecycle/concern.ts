/** Lifecycle: setup → running ⇄ paused → ended. */
import type { Concern } from '../define.ts';
import type { ExerciseStatus } from '../state.ts';
import { lifecycleCommands, lifecycleInfo } from './commands.ts';
import { lifecycleHandlers } from './decide.ts';
import { lifecycleEvents } from './events.ts';
import { lifecycleEvolvers } from './evolve.ts';

export interface LifecycleSlice {
  status: ExerciseStatus;
  pausedAt: number | null;
  /** All the time spent paused so far. */
  pausedTotalMs: number;
  endedReason: string | null;
}

export const lifecycle: Concern<typeof lifecycleCommands, typeof lifecycleEvents, typeof lifecycleInfo, LifecycleSlice> = {
  name: 'lifecycle',
  summary: 'Starting, pausing, resuming and ending the exercise.',
  commands: lifecycleCommands,
  info: lifecycleInfo,
  handlers: lifecycleHandlers,
  events: lifecycleEvents,
  evolvers: lifecycleEvolvers,
  initial: (): LifecycleSlice => ({ status: 'setup', pausedAt: null, pausedTotalMs: 0, endedReason: null }),
  collections: [],
};
