import { z } from 'zod';
import { Id, PhaseId } from '../../common.ts';
import { event } from '../define.ts';
import { Effect, EscalationMove, Visibility } from './commands.ts';

export const AdjudicationRecorded = event('adjudication.recorded', {
  id: Id,
  turn: z.number().int().min(1),
  phase: PhaseId,
  actions: z.array(Id),
  operations: z.array(Id),
  title: z.string(),
  outcome: z.string(),
  rationale: z.string(),
  effects: z.array(Effect),
  previous: z.array(Effect),
  visibleTo: Visibility,
  escalation: EscalationMove.nullable(),
});
export const DiceRolled = event('dice.rolled', {
  purpose: z.string(),
  sides: z.number().int().min(2),
  results: z.array(z.number().int().min(1)),
  rng: z.number().int().nonnegative(),
});

export const adjudicationEvents = [AdjudicationRecorded, DiceRolled] as const;
export type AdjudicationEvent = z.infer<(typeof adjudicationEvents)[number]>;
