/**
 * The clock: time acts only through logged commands of the system actor. The host asks the state
 * for its next due time (`nextDue` in registry.ts, over every concern) and holds one timer; when
 * it fires, the host submits `clock.tick`, and the concern that owns the earliest due item answers
 * its events. Replay needs nothing but the log.
 */
import { reject } from '../envelope.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { type Concern, type EvolversFor, type HandlersFor } from '../define.ts';
import { dueEvents } from '../registry.ts';
import { clockCommands, clockInfo } from './commands.ts';
import { clockEvents } from './events.ts';
import { clockBot } from './bot.ts';

export interface ClockSlice {
  /** Whether phases end by themselves at their deadline. */
  autoAdvance: boolean;
}

const handlers: HandlersFor<typeof clockCommands, typeof clockInfo> = {
  'clock.tick': (state, _cmd, ctx) => {
    const events = dueEvents(state, ctx.at);
    return events && events.length > 0 ? events : reject('nothing_due', 'Nothing is due yet.');
  },
  'clock.auto': (state, cmd) =>
    state.autoAdvance === cmd.on
      ? reject('no_change', `Auto-advance is already ${cmd.on ? 'on' : 'off'}.`, 'on')
      : [{ type: 'clock.auto.changed', on: cmd.on }],
};

const evolvers: EvolversFor<typeof clockEvents> = {
  'clock.auto.changed': (s, e) => {
    s.autoAdvance = e.on;
  },
};

export const clock: Concern<typeof clockCommands, typeof clockEvents, typeof clockInfo, ClockSlice> = {
  name: 'clock',
  summary: 'The exercise clock: auto-advance, and what falls due.',
  commands: clockCommands,
  info: clockInfo,
  handlers,
  events: clockEvents,
  evolvers,
  initial: (scenario: Scenario): ClockSlice => ({ autoAdvance: scenario.clock.autoAdvance }),
  collections: [],
  bot: clockBot,
};
