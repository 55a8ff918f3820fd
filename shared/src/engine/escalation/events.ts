import { z } from 'zod';
import { Id } from '../../common.ts';
import { event } from '../define.ts';

/** What moved the ladder: control by hand, a released inject, or a recorded outcome. */
export const EscalationCause = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('control') }),
  z.strictObject({ kind: z.literal('inject'), inject: Id }),
  z.strictObject({ kind: z.literal('outcome'), outcome: Id }),
]);
export type EscalationCause = z.infer<typeof EscalationCause>;

export const EscalationMoved = event('escalation.moved', {
  turn: z.number().int().min(0),
  from: z.number().int().min(0),
  to: z.number().int().min(0),
  /** The move asked for (an inject's or outcome's delta), before clamping to the ladder. */
  delta: z.number().int(),
  clamped: z.boolean().describe("True when the move was cut short at the ladder's bottom or top rung"),
  reason: z.string(),
  cause: EscalationCause,
});

export const escalationEvents = [EscalationMoved] as const;
export type EscalationEvent = z.infer<(typeof escalationEvents)[number]>;
