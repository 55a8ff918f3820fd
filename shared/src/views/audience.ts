/**
 * Audiences: the pictures the exercise is shown as. Exercise control (the facilitator's white
 * cell and the evaluators) sees everything; a nation sees its own material and what is released
 * to it; the public sees the public picture.
 */
import { z } from 'zod';
import { NationId } from '../common.ts';
import type { Role } from '../engine/envelope.ts';
import type { ExerciseState } from '../engine/index.ts';

export const Audience = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('control'), role: z.enum(['facilitator', 'evaluator']) }),
  z.strictObject({ kind: z.literal('nation'), nation: NationId }),
  z.strictObject({ kind: z.literal('public') }),
]);
export type Audience = z.infer<typeof Audience>;

export const CONTROL: Audience = { kind: 'control', role: 'facilitator' };
export const PUBLIC: Audience = { kind: 'public' };
export const nationAudience = (nation: string): Audience => ({ kind: 'nation', nation });

/** Parse "facilitator" | "evaluator" | "observer" | "public" | a nation trigraph. */
export function audienceFromLabel(label: string): Audience | null {
  if (label === 'facilitator' || label === 'control') return CONTROL;
  if (label === 'evaluator') return { kind: 'control', role: 'evaluator' };
  if (label === 'observer' || label === 'public') return PUBLIC;
  const n = NationId.safeParse(label.toUpperCase());
  return n.success ? nationAudience(n.data) : null;
}

/** What a participant watches: control for the white cell and evaluators, else a nation's or the public picture. */
export function audienceOf(actor: { role: Role; nation: string | null }): Audience {
  switch (actor.role) {
    case 'system':
      return CONTROL;
    case 'facilitator':
    case 'evaluator':
      return { kind: 'control', role: actor.role };
    case 'nation':
      return actor.nation === null ? PUBLIC : nationAudience(actor.nation);
    case 'observer':
      return actor.nation === null ? PUBLIC : nationAudience(actor.nation);
  }
}

export const audienceLabel = (a: Audience): string => (a.kind === 'control' ? a.role : a.kind === 'nation' ? a.nation : 'public');

export const EVALUATOR: Audience = { kind: 'control', role: 'evaluator' };

/** Every audience of an exercise: both control pictures, the public, and each allied nation. */
export const audiencesOf = (state: ExerciseState): Audience[] => [
  CONTROL,
  EVALUATOR,
  PUBLIC,
  ...state.scenario.nations.map((n) => nationAudience(n.id)),
];
