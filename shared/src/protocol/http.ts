/** Bodies and answers of the HTTP API (server validation, client types, docs). */
import { z } from 'zod';
import { Id } from '../common.ts';

export const CreateExerciseRequest = z
  .strictObject({
    scenarioId: Id.optional().describe('A shipped scenario (GET /api/scenarios)'),
    scenario: z.unknown().optional().describe('Or a whole scenario document, validated with path-level errors'),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .optional(),
    createdBy: z.string().trim().min(1).max(80).optional(),
  })
  .refine((b) => (b.scenarioId === undefined) !== (b.scenario === undefined), {
    message: 'give either "scenarioId" or "scenario", not both',
    path: ['scenarioId'],
  });
export type CreateExerciseRequest = z.infer<typeof CreateExerciseRequest>;

export const JoinRequest = z.strictObject({
  code: z.string().min(1).max(40),
  displayName: z.string().trim().min(1).max(80),
  position: Id.optional().describe('For a nation team: the position played (e.g. "fm")'),
});
export type JoinRequest = z.infer<typeof JoinRequest>;

/** What a code opens, before joining: lets the join screen offer the team's positions. */
export const JoinPreviewRequest = z.strictObject({ code: z.string().min(1).max(40) });
export const JoinPreview = z.object({
  exerciseTitle: z.string(),
  banner: z.string(),
  role: z.enum(['facilitator', 'nation', 'evaluator', 'observer']),
  nation: z.object({ id: z.string(), name: z.string(), positions: z.array(z.object({ id: z.string(), title: z.string() })) }).nullable(),
});
export type JoinPreview = z.infer<typeof JoinPreview>;

export const JoinResponse = z.object({
  token: z.string(),
  exerciseId: Id,
  participant: z.string().describe("This session's participant id (what control sees in the participants list)"),
  role: z.enum(['facilitator', 'nation', 'evaluator', 'observer']),
  nation: z.string().nullable(),
  position: z.string().nullable(),
  displayName: z.string(),
  expiresIn: z.number().int(),
  room: z.literal('exercise'),
});
export type JoinResponse = z.infer<typeof JoinResponse>;

export const ApiErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    problems: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;
