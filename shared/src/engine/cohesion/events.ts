import { z } from 'zod';
import { Id, NationId } from '../../common.ts';
import { event } from '../define.ts';

/** What changed a pair's trust: control by hand, or a scenario rule following an event (its type, seq and subject). */
export const CohesionCause = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('control') }),
  z.strictObject({
    kind: z.literal('rule'),
    rule: z.enum(['veto', 'brokenPledge', 'sharedReport']),
    event: z.string().describe('The type of the event the rule follows'),
    seq: z.number().int().min(1).describe('That event’s seq in the log'),
    ref: Id.describe('What it is about: the agreement, consultation, pledge or share'),
  }),
]);
export type CohesionCause = z.infer<typeof CohesionCause>;

export const CohesionChanged = event('cohesion.changed', {
  turn: z.number().int().min(0),
  /** The pair, as the state keys it (see `pairKey`). */
  a: NationId,
  b: NationId,
  from: z.number().int().min(0).max(100),
  to: z.number().int().min(0).max(100),
  delta: z.number().int(),
  clamped: z.boolean().describe('True when the change was cut short at 0 or 100'),
  reason: z.string(),
  cause: CohesionCause,
});

export const cohesionEvents = [CohesionChanged] as const;
export type CohesionEvent = z.infer<(typeof cohesionEvents)[number]>;
