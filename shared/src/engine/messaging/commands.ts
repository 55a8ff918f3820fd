import { z } from 'zod';
import { Id, longText, NationId } from '../../common.ts';
import { command, LIVE, type CommandInfo } from '../define.ts';

export const MessageSend = command('message.send', {
  to: z
    .array(z.union([z.literal('ALL'), NationId]))
    .min(1)
    .max(32)
    .describe('Other nations on the channel ("ALL" = every ally). The sender\'s nation is always a member.'),
  subject: longText(200).default(''),
  body: longText(4000).min(1),
  persona: Id.optional().describe('Facilitators only: the persona the message comes from'),
});

export const messagingCommands = [MessageSend] as const;
export type MessagingCommand = z.infer<(typeof messagingCommands)[number]>;

export const messagingInfo = {
  'message.send': {
    roles: ['nation', 'facilitator'],
    // Talking is allowed while paused: a pause stops the clock, not the conversation.
    status: LIVE,
    summary:
      'Post to a channel between nations: two members make a bilateral channel, more a multilateral one. Exercise control may post as a persona.',
    rejections: {
      unknown_nation: 'A recipient is not an allied nation.',
      no_recipient: 'A channel needs at least one other nation.',
      unknown_persona: 'No persona has that id.',
      persona_forbidden: 'Only exercise control speaks through personas.',
    },
  },
} as const satisfies Record<MessagingCommand['type'], CommandInfo>;
