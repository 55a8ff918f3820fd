/** Injects: the MSEL, released on schedule or by control, held, rescheduled, skipped, written ad hoc, and acknowledged. */
import type { Scenario } from '../../scenario/schema.ts';
import type { Concern } from '../define.ts';
import type { InjectState } from '../state.ts';
import { injectCommands, injectInfo } from './commands.ts';
import { injectHandlers } from './decide.ts';
import { injectEvents } from './events.ts';
import { injectEvolvers } from './evolve.ts';
import { injectsOnPhaseEnter, newInjectState } from './schedule.ts';
import { injectsBot } from './bot.ts';

export interface InjectsSlice {
  injects: Record<string, InjectState>;
  /** Scenario injects first, ad hoc injects in the order they were created. */
  injectOrder: string[];
}

export const injects: Concern<typeof injectCommands, typeof injectEvents, typeof injectInfo, InjectsSlice> = {
  name: 'injects',
  summary: 'The MSEL: scripted and ad hoc injects.',
  commands: injectCommands,
  info: injectInfo,
  handlers: injectHandlers,
  events: injectEvents,
  evolvers: injectEvolvers,
  initial: (scenario: Scenario): InjectsSlice => ({
    injects: Object.fromEntries(scenario.injects.map((x) => [x.id, newInjectState(x, false)])),
    injectOrder: scenario.injects.map((x) => x.id),
  }),
  collections: ['injects', 'injectOrder'],
  onPhaseEnter: injectsOnPhaseEnter,
  bot: injectsBot,
};
