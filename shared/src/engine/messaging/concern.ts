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
};
