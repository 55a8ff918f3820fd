import { z } from 'zod';
import { Id, NationId } from '../../common.ts';
import { event } from '../define.ts';

export const MessageSent = event('message.sent', {
  id: Id,
  turn: z.number().int().min(0),
  from: z.strictObject({ nation: NationId.nullable(), persona: Id.nullable(), position: Id.nullable(), name: z.string() }),
  members: z.array(NationId).min(1),
  subject: z.string(),
  body: z.string(),
});

export const messagingEvents = [MessageSent] as const;
export type MessagingEvent = z.infer<(typeof messagingEvents)[number]>;
