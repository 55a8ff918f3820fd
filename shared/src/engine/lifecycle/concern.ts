/** Lifecycle: setup → running ⇄ paused → ended. */
import type { Concern } from '../define.ts';
import type { ExerciseStatus } from '../state.ts';
import { lifecycleCommands, lifecycleInfo } from './commands.ts';
import { lifecycleHandlers } from './decide.ts';
import { lifecycleEvents } from './events.ts';
import { lifecycleEvolvers } from './evolve.ts';
import { lifecycleBot } from './bot.ts';

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
  upcasters: [
    {
      // Format 1 scenarios had no auto-advance: phases never ended by themselves.
      name: 'v1→v2: exercise.created scenario.clock.autoAdvance defaults to false',
      from: 1,
      to: 2,
      type: 'exercise.created',
      up: (event) => {
        const scenario = event.scenario as { clock?: Record<string, unknown> } | undefined;
        if (!scenario?.clock || 'autoAdvance' in scenario.clock) return event;
        return { ...event, scenario: { ...scenario, clock: { ...scenario.clock, autoAdvance: false } } };
      },
    },
  ],
  initial: (): LifecycleSlice => ({ status: 'setup', pausedAt: null, pausedTotalMs: 0, endedReason: null }),
  collections: [],
  bot: lifecycleBot,
};
