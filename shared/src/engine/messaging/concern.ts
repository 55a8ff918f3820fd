/** Messaging: bilateral and multilateral channels between nations, and personas written by control. */
import type { Concern } from '../define.ts';
import type { MessageRecord } from '../state.ts';
import { messagingCommands, messagingInfo } from './commands.ts';
import { messagingHandlers } from './decide.ts';
import { messagingEvents } from './events.ts';
import { messagingEvolvers } from './evolve.ts';
import { messagingBot } from './bot.ts';

export interface MessagingSlice {
  messages: MessageRecord[];
}

export const messaging: Concern<typeof messagingCommands, typeof messagingEvents, typeof messagingInfo, MessagingSlice> = {
  name: 'messaging',
  summary: 'Channels between nations, and personas.',
  commands: messagingCommands,
  info: messagingInfo,
  handlers: messagingHandlers,
  events: messagingEvents,
  evolvers: messagingEvolvers,
  initial: (): MessagingSlice => ({ messages: [] }),
  collections: ['messages'],
  bot: messagingBot,
  upcasters: [
    {
      // Format 2 messages had no counterpart: a persona's message was on the nations' own channel.
      name: 'v2→v3: message.sent gets its counterpart (the persona it came from, exercise control, or none)',
      from: 2,
      to: 3,
      type: 'message.sent',
      up: (event) => {
        if ('counterpart' in event) return event;
        const from = event.from as { nation?: string | null; persona?: string | null } | undefined;
        const counterpart = from?.persona ? { kind: 'persona', persona: from.persona } : from?.nation ? null : { kind: 'control' };
        return { ...event, counterpart };
      },
    },
  ],
};
