import { z } from 'zod';
import { Id, NationId } from '../../common.ts';
import { event } from '../define.ts';
import { Citation } from '../citations.ts';

export const DecisionRecorded = event('decision.recorded', {
  decision: Id,
  turn: z.number().int().min(0),
  nation: NationId,
  title: z.string(),
  options: z.array(z.string()),
  rationale: z.string(),
  dissent: z.string(),
  relied: z.array(Citation),
  about: Citation.nullable(),
});
export const decisionEvents = [DecisionRecorded] as const;
export type DecisionEvent = z.infer<(typeof decisionEvents)[number]>;
