import { z } from 'zod';
import { Id, longText, NationId, Readiness, shortText } from '../../common.ts';
import { command, LIVE, type CommandInfo } from '../define.ts';

export const Effect = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('region'),
    region: Id,
    controller: NationId.nullable().optional().describe('New controller; null = contested'),
    stability: z.number().int().min(0).max(100).optional(),
  }),
  z.strictObject({
    kind: z.literal('asset'),
    asset: Id,
    region: Id.optional().describe('Move the asset here'),
    strength: z.number().int().min(0).max(100).optional(),
    readiness: Readiness.optional(),
    hidden: z.boolean().optional().describe('false reveals a hidden asset'),
  }),
]);

export const Visibility = z
  .union([z.literal('ALL'), z.array(NationId).max(32)])
  .describe('"ALL", or the nations that read the outcome (exercise control always does)');

/** An outcome's move on the adversary's escalation ladder (the escalation concern applies it, clamped to the ladder). */
export const EscalationMove = z.strictObject({
  delta: z
    .number()
    .int()
    .min(-5)
    .max(5)
    .refine((d) => d !== 0, 'must move the ladder up or down'),
  reason: shortText(400).min(1),
});

export const AdjudicationRecord = command('adjudication.record', {
  actions: z.array(Id).max(64).default([]).describe('Actions this outcome settles; may be empty for a white-cell event'),
  operations: z.array(Id).max(16).default([]).describe('Launched joint operations this outcome settles'),
  title: shortText(160),
  outcome: longText(8000).min(1).describe('What happened, as the players will read it'),
  rationale: longText(4000).default('').describe('Control-only: why'),
  effects: z.array(Effect).max(100).default([]),
  visibleTo: Visibility.default('ALL'),
  escalation: EscalationMove.optional().describe("Moves the adversary's escalation ladder, with the reason"),
});
export const DiceRoll = command('dice.roll', {
  sides: z.number().int().min(2).max(1000).default(100),
  count: z.number().int().min(1).max(20).default(1),
  purpose: shortText(200),
});

export const adjudicationCommands = [AdjudicationRecord, DiceRoll] as const;
export type AdjudicationCommand = z.infer<(typeof adjudicationCommands)[number]>;

export const adjudicationInfo = {
  'adjudication.record': {
    roles: ['facilitator'],
    status: LIVE,
    phases: { facilitator: ['adjudicate', 'outcome'] },
    phaseWhat: 'Outcomes can be recorded',
    summary:
      'Free adjudication: record an outcome for actions, change region control/stability and asset position/strength/readiness, and choose which nations read it.',
    rejections: {
      unknown_action: 'An action does not exist.',
      action_closed: 'An action was withdrawn or already adjudicated.',
      unknown_region: 'A region does not exist.',
      unknown_asset: 'An asset does not exist.',
      unknown_nation: 'A nation does not exist.',
      empty_effect: 'An effect changes nothing.',
    },
  },
  'dice.roll': {
    roles: ['facilitator'],
    status: LIVE,
    summary: "Roll dice from the exercise's seeded generator; the result is logged for everyone to audit.",
    rejections: {},
  },
} as const satisfies Record<AdjudicationCommand['type'], CommandInfo>;
