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
  /** The roll followed (null: none), the table row or matrix result recorded, and control's override rationale. */
  roll: Id.nullable(),
  row: z.number().int().min(0).nullable(),
  success: z.boolean().nullable(),
  override: z.string().nullable(),
});
export const AdjudicationRolled = event('adjudication.rolled', {
  id: Id,
  turn: z.number().int().min(1),
  method: z.enum(['table', 'matrix']),
  actions: z.array(Id),
  operations: z.array(Id),
  table: Id.nullable(),
  modifier: z.number().int(),
  operationModifier: z.number().int(),
  roll: z.number().int().min(1).max(100),
  adjusted: z.number().int().min(1).max(100),
  row: z.number().int().min(0).nullable(),
  label: z.string().nullable(),
  chances: z.array(z.number().int().min(0).max(100)),
  odds: z.number().int().min(1).max(99).nullable(),
  success: z.boolean().nullable(),
  note: z.string(),
  rng: z.number().int().nonnegative(),
});
export const DiceRolled = event('dice.rolled', {
  purpose: z.string(),
  sides: z.number().int().min(2),
  results: z.array(z.number().int().min(1)),
  rng: z.number().int().nonnegative(),
});

export const adjudicationEvents = [AdjudicationRecorded, AdjudicationRolled, DiceRolled] as const;
export type AdjudicationEvent = z.infer<(typeof adjudicationEvents)[number]>;
