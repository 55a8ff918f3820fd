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
  roll: Id.optional().describe('The table or matrix roll this outcome follows (from adjudication.roll)'),
  row: z
    .number()
    .int()
    .min(0)
    .max(19)
    .optional()
    .describe('Table roll: the index of the row recorded (default: the row rolled; another row is an override)'),
  success: z.boolean().optional().describe('Matrix roll: the result recorded (default: the result rolled; the other is an override)'),
  override: longText(4000)
    .trim()
    .min(1)
    .optional()
    .describe(
      "Control-only: why the outcome departs from the roll (another row or result, or other effects than the row's), or why it is recorded without one",
    ),
});
export const AdjudicationRoll = command('adjudication.roll', {
  actions: z.array(Id).max(64).default([]).describe('Open actions the roll is for'),
  operations: z.array(Id).max(16).default([]).describe('Launched joint operations the roll is for'),
  method: z.enum(['table', 'matrix']).describe("table: the scenario's d100 table; matrix: odds control sets"),
  table: Id.optional().describe("Table method: the table (default: the one for the first action's or operation's type)"),
  modifier: z.number().int().min(-50).max(50).default(0).describe("Table method: control's modifier to the d100"),
  odds: z.number().int().min(1).max(99).optional().describe('Matrix method (required): the chance of success in percent'),
  note: longText(2000).default('').describe('Control-only: why this table, modifier or odds'),
});
export const DiceRoll = command('dice.roll', {
  sides: z.number().int().min(2).max(1000).default(100),
  count: z.number().int().min(1).max(20).default(1),
  purpose: shortText(200),
});

export const adjudicationCommands = [AdjudicationRecord, AdjudicationRoll, DiceRoll] as const;
export type AdjudicationCommand = z.infer<(typeof adjudicationCommands)[number]>;

export const adjudicationInfo = {
  'adjudication.record': {
    roles: ['facilitator'],
    status: LIVE,
    phases: { facilitator: ['adjudicate', 'outcome'] },
    phaseWhat: 'Outcomes can be recorded',
    summary:
      "Record an outcome for actions and launched joint operations: what happened, its effects on region control/stability and asset position/strength/readiness, its move on the escalation ladder, and which nations read it. It may follow a table or matrix roll; departing from the roll, or (in a semi-rigid, rigid or matrix scenario) recording an action's outcome without one, needs an override rationale, and a rigid scenario refuses any override.",
    rejections: {
      unknown_action: 'An action does not exist.',
      action_closed: 'An action was withdrawn or already adjudicated.',
      unknown_operation: 'A joint operation does not exist.',
      operation_not_launched: 'A joint operation has not launched, or was already adjudicated.',
      unknown_region: 'A region does not exist.',
      unknown_asset: 'An asset does not exist.',
      unknown_nation: 'A nation does not exist.',
      empty_effect: 'An effect changes nothing.',
      unknown_roll: 'The roll does not exist.',
      roll_used: 'The roll already has its outcome.',
      roll_mismatch: 'The roll was for other actions or operations, or row/success does not fit its method.',
      unknown_row: 'The table has no row with that index.',
      override_needs_rationale:
        "The outcome departs from the roll (another row or result, other effects or escalation than the row's), or settles actions without a roll in a scenario that adjudicates by roll: it needs an override rationale.",
      override_not_allowed:
        'A rigid scenario binds control to the roll: no other row, result, effects or escalation, and no outcome for actions without a roll.',
    },
  },
  'adjudication.roll': {
    roles: ['facilitator'],
    status: LIVE,
    phases: { facilitator: ['adjudicate', 'outcome'] },
    phaseWhat: 'Rolls for outcomes can be made',
    summary:
      "Roll the d100 for open actions and launched operations from the exercise's seeded generator: on the scenario's table for their type (with control's modifier and the operation-delivery modifier; each row's chance is logged), or against the odds control sets (matrix). The outcome recorded next follows it.",
    rejections: {
      unknown_action: 'An action does not exist.',
      action_closed: 'An action was withdrawn or already adjudicated.',
      unknown_operation: 'A joint operation does not exist.',
      operation_not_launched: 'A joint operation has not launched, or was already adjudicated.',
      nothing_to_roll: 'The roll names no action and no operation.',
      unknown_table: 'The table does not exist.',
      no_table: 'The scenario has no table for the type of the first action or operation.',
      odds_required: 'A matrix roll needs the odds.',
      not_this_method: 'Odds are for a matrix roll; a table and a modifier for a table roll.',
      already_rolled:
        'A rigid scenario binds control to the first roll: an action or operation already has a roll waiting for its outcome.',
    },
  },
  'dice.roll': {
    roles: ['facilitator'],
    status: LIVE,
    summary: "Roll dice from the exercise's seeded generator; the result is logged for everyone to audit.",
    rejections: {},
  },
} as const satisfies Record<AdjudicationCommand['type'], CommandInfo>;
