import { z } from 'zod';
import { Id, longText, NationId } from '../../common.ts';
import { command, LIVE, type CommandInfo } from '../define.ts';

export const MessageSend = command('message.send', {
  to: z
    .array(z.union([z.literal('ALL'), NationId]))
    .max(32)
    .default([])
    .describe('Other nations on the channel ("ALL" = every ally). The sender\'s nation is always a member.'),
  subject: longText(200).default(''),
  body: longText(4000).min(1),
  persona: Id.optional().describe("The persona's thread: exercise control writes as the persona, a nation writes to it"),
  control: z.boolean().default(false).describe("Nations: write to exercise control (the white cell's own thread with the team)"),
});

export const messagingCommands = [MessageSend] as const;
export type MessagingCommand = z.infer<(typeof messagingCommands)[number]>;

export const messagingInfo = {
  'message.send': {
    roles: ['nation', 'facilitator'],
    // Talking is allowed while paused: a pause stops the clock, not the conversation.
    status: LIVE,
    summary:
      "Post to a channel. Between nations: two members make a bilateral channel, more a multilateral one. With a persona: exercise control writes as the persona, and the nations on the thread answer it. With exercise control: a team writes to the white cell, and control answers on the team's thread.",
    rejections: {
      unknown_nation: 'A recipient is not an allied nation.',
      no_recipient: 'A channel needs at least one other nation, a persona, or exercise control.',
      unknown_persona: 'No persona has that id.',
      two_counterparts: 'A message goes to a persona or to exercise control, not both.',
    },
  },
} as const satisfies Record<MessagingCommand['type'], CommandInfo>;
