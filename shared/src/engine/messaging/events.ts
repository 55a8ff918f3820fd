import { z } from 'zod';
import { Id, NationId } from '../../common.ts';
import { event } from '../define.ts';

/** Who besides the nations is on the thread: a persona (played by control), exercise control itself, or nobody. */
export const Counterpart = z
  .union([z.null(), z.strictObject({ kind: z.literal('persona'), persona: Id }), z.strictObject({ kind: z.literal('control') })])
  .describe('null: nations only; a persona thread; or the thread with exercise control');
export type Counterpart = z.infer<typeof Counterpart>;

export const MessageSent = event('message.sent', {
  id: Id,
  turn: z.number().int().min(0),
  from: z.strictObject({ nation: NationId.nullable(), persona: Id.nullable(), position: Id.nullable(), name: z.string() }),
  members: z.array(NationId).min(1),
  counterpart: Counterpart,
  subject: z.string(),
  body: z.string(),
});

export const messagingEvents = [MessageSent] as const;
export type MessagingEvent = z.infer<(typeof messagingEvents)[number]>;
