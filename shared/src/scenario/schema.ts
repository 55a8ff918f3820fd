/**
 * The portable scenario file. One zod schema serves the server (upload validation), the client
 * (types), the CLI (`concord scenario validate`) and the editor (the generated JSON Schema).
 *
 * Shape checks live here; checks that need the whole file (references, symmetry, uniqueness)
 * live in `validate.ts`.
 */
import { z } from 'zod';
import {
  ActionType,
  AssetType,
  Channel,
  Classification,
  Domain,
  Hex,
  Id,
  Infrastructure,
  NationId,
  PhaseId,
  Readiness,
  shortText,
  longText,
} from '../common.ts';

export const Point = z.tuple([z.number().finite(), z.number().finite()]).describe('[x, y] in scenario coordinates');

export const Meta = z.strictObject({
  id: Id.describe('Stable identifier of the scenario, used in URLs and exercise records'),
  title: shortText(120),
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'must be a semantic version such as "1.0.0"'),
  banner: shortText(160).describe('Shown on every screen, e.g. "EXERCISE NORTHERN LANTERN — FICTIONAL — UNCLASSIFIED"'),
  exerciseType: z.enum(['tabletop', 'seminar', 'functional', 'wargame', 'matrix']),
  adjudication: z.enum(['free', 'semi-rigid', 'rigid', 'matrix']),
  description: longText(4000).default(''),
  author: shortText(120).optional(),
});

export const PhaseDef = z.strictObject({
  id: PhaseId,
  label: shortText(60),
  durationMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .describe('Default real-time length of the phase'),
});

export const Clock = z.strictObject({
  turns: z.number().int().min(1).max(500),
  startGameTime: z.iso.datetime({ offset: true }).describe('Game time at the start of turn 1 (ISO 8601)'),
  gameMinutesPerTurn: z
    .number()
    .int()
    .min(1)
    .max(60 * 24 * 365)
    .describe('Game time that passes in one turn'),
  phases: z.array(PhaseDef).min(1).max(10),
  autoAdvance: z
    .boolean()
    .default(false)
    .describe('Whether a phase ends by itself at its deadline; exercise control can turn this on or off during play'),
});

export const Narrative = z.strictObject({
  publicBrief: longText(20000).describe('The road to war, read by everyone'),
  nationBriefs: z.record(NationId, longText(20000)).describe('Private brief per nation, keyed by trigraph'),
});

export const Position = z.strictObject({ id: Id, title: shortText(80) });

export const Nation = z.strictObject({
  id: NationId,
  name: shortText(80),
  colour: Hex,
  capital: Id.describe('Region id of the capital'),
  positions: z.array(Position).min(1).max(20),
  resources: z.strictObject({
    gdpBillion: z.number().positive(),
    defenceSpendPct: z.number().min(0).max(100),
    publicSupport: z.number().min(0).max(100).describe('Public support for the government line, 0-100'),
  }),
  caveats: z.array(shortText(300)).max(20).default([]).describe('National caveats on the use of forces'),
});

export const Adversary = z.strictObject({
  id: NationId,
  name: shortText(80),
  colour: Hex,
  description: longText(4000),
});

export const Persona = z.strictObject({
  id: Id,
  name: shortText(80),
  kind: z.enum(['adversary', 'media', 'ngo', 'alliance', 'government', 'industry', 'public', 'other']),
  affiliation: shortText(120).optional(),
  description: longText(2000).default(''),
});

export const Region = z.strictObject({
  id: Id,
  name: shortText(80),
  domain: Domain,
  polygon: z.array(Point).min(3).max(512),
  label: Point.optional().describe('Label anchor; defaults to the polygon centroid'),
  adjacent: z.array(Id).max(64).default([]),
  infrastructure: z.array(Infrastructure).max(16).default([]),
  controller: NationId.nullable().describe('Nation or adversary trigraph, or null for contested/none'),
  stability: z.number().int().min(0).max(100),
  population: z.number().int().min(0).optional().describe('Thousands of inhabitants'),
});

export const MapDef = z.strictObject({
  width: z.number().positive(),
  height: z.number().positive(),
  regions: z.array(Region).min(1).max(500),
});

export const Asset = z.strictObject({
  id: Id,
  name: shortText(80),
  owner: NationId,
  type: AssetType,
  region: Id,
  strength: z.number().int().min(0).max(100),
  readiness: Readiness,
  hidden: z.boolean().default(false).describe('Known only to exercise control until revealed'),
});

export const ClauseType = z.enum([
  'consultation',
  'collective_defence',
  'intel_sharing',
  'basing_access',
  'burden_sharing',
  'sanctions_coordination',
  'mutual_aid',
  'non_aggression',
]);
export const DecisionRule = z
  .enum(['consensus', 'majority', 'silence', 'unilateral'])
  .describe(
    'How the members decide an invocation: consensus (anyone can veto), majority, silence (activated at the deadline unless a member objects), or unilateral (each member answers for itself)',
  );

export const Clause = z.strictObject({
  id: Id,
  article: shortText(40),
  title: shortText(120),
  type: ClauseType,
  text: longText(4000),
  trigger: shortText(400).describe('What allows a party to invoke the clause'),
  decisionRule: DecisionRule,
  pledgePct: z.number().min(0).max(100).optional().describe('burden_sharing: pledged defence spend, % of GDP'),
});

export const Treaty = z.strictObject({
  id: Id,
  name: shortText(120),
  kind: z.enum(['alliance', 'side_agreement']),
  parties: z.array(NationId).min(2).max(32),
  clauses: z.array(Clause).min(1).max(40),
});

export const Grading = z.strictObject({
  reliability: z.enum(['A', 'B', 'C', 'D', 'E', 'F']).describe('Source reliability (A completely reliable … F cannot be judged)'),
  credibility: z.enum(['1', '2', '3', '4', '5', '6']).describe('Information credibility (1 confirmed … 6 cannot be judged)'),
});

export const Dissemination = z.strictObject({
  relTo: z.array(NationId).max(32).default([]).describe('Nations besides the originator that may receive it'),
  noforn: z.boolean().default(false).describe('Originator only'),
  orcon: z.boolean().default(false).describe('Originator must approve any onward release'),
});

export const Tearline = z.strictObject({
  title: shortText(160)
    .optional()
    .describe('Its own title; without one, readers see "Tearline" with the originator and date, never the report\'s title'),
  classification: Classification,
  controls: Dissemination,
  body: longText(8000),
});

export const IntelReport = z.strictObject({
  id: Id,
  title: shortText(160),
  originator: NationId,
  classification: Classification,
  controls: Dissemination,
  grading: Grading,
  releaseTurn: z.number().int().min(1),
  regions: z.array(Id).max(32).default([]),
  body: longText(8000),
  groundTruth: longText(4000).describe('Control-only: what is really going on'),
  truth: z.enum(['true', 'false', 'deception']).optional().describe('Control-only verdict on the report'),
  tearline: Tearline.optional().describe('Sanitised version an originator may release more widely'),
});

export const Objective = z.strictObject({
  id: Id,
  title: shortText(160),
  description: longText(2000),
  nations: z.array(NationId).max(32).default([]).describe('Nations this objective applies to; empty = all'),
});

export const Recipient = z.union([z.literal('ALL'), NationId]);

export const InjectTrigger = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('time') }).describe('Released when its turn and phase begin'),
  z.strictObject({ type: z.literal('manual') }).describe('Released only by exercise control'),
  z
    .strictObject({
      type: z.literal('condition'),
      deadline: z.strictObject({ turn: z.number().int().min(1), phase: PhaseId }),
      unlessAction: z.strictObject({
        types: z.array(ActionType).min(1),
        by: z.array(NationId).max(32).default([]).describe('Empty = any allied nation'),
        regions: z.array(Id).max(32).default([]).describe('Empty = any region'),
        fromTurn: z.number().int().min(1).default(1),
      }),
    })
    .describe('Contingency: when the deadline phase ends, released if no matching action was submitted, retired otherwise'),
]);

export const Inject = z.strictObject({
  id: Id,
  number: z.number().int().min(1).max(9999).describe('MSEL serial number'),
  turn: z.number().int().min(1),
  phase: PhaseId.default('brief'),
  offsetMinutes: z.number().int().min(0).optional().describe('Game-time offset from exercise start'),
  from: Id.describe('Persona id'),
  to: z.array(Recipient).min(1).max(32),
  positions: z.array(Id).max(20).default([]).describe('Addressed positions within the receiving teams; empty = whole team'),
  channel: Channel,
  subject: shortText(200),
  message: longText(8000),
  expectedAction: longText(2000).default(''),
  objectives: z.array(Id).max(20).default([]),
  status: z.enum(['draft', 'scheduled', 'held', 'skipped']).default('scheduled'),
  kind: z.enum(['event', 'information', 'facilitation', 'contingency']),
  trigger: InjectTrigger.default({ type: 'time' }),
  regions: z.array(Id).max(32).default([]),
  intel: Id.optional().describe('Intel report delivered with this inject'),
  escalation: z
    .strictObject({ delta: z.number().int().min(-10).max(10), reason: shortText(400) })
    .optional()
    .describe("Moves the adversary's escalation ladder when the inject is released (clamped to the ladder)"),
  controlNotes: longText(4000).default(''),
});

export const TableOutcome = z.strictObject({
  range: z.tuple([z.number().int().min(1), z.number().int().min(1)]).describe('Inclusive d100 range'),
  label: shortText(80),
  description: longText(1000),
  stabilityDelta: z.number().int().min(-100).max(100).default(0),
  strengthDelta: z.number().int().min(-100).max(100).default(0),
  escalationDelta: z.number().int().min(-5).max(5).default(0),
});

export const AdjudicationTable = z.strictObject({
  id: Id,
  actionType: ActionType,
  title: shortText(120),
  outcomes: z.array(TableOutcome).min(1).max(20),
});

/** What players are shown of a value control tracks: the value itself, only its direction this turn, or nothing. */
export const Shown = z.enum(['level', 'trend', 'none']);

export const EscalationRung = z.strictObject({
  level: z.number().int().min(0).max(10),
  name: shortText(80),
  description: longText(1000),
});

export const Escalation = z.strictObject({
  ladder: z.array(EscalationRung).min(2).max(11),
  initialLevel: z.number().int().min(0).max(10),
  playbook: z
    .array(z.strictObject({ level: z.number().int().min(0).max(10), moves: longText(2000) }))
    .max(20)
    .default([])
    .describe('Control-only: what the adversary does at each rung'),
  show: Shown.default('none').describe(
    "What the allied nations see of the ladder: 'level' (the rung's number and name), 'trend' (rising, steady or falling this turn, without the level) or 'none'",
  ),
});

export const Cohesion = z.strictObject({
  a: NationId,
  b: NationId,
  value: z.number().int().min(0).max(100),
  visible: z.boolean().default(false).describe('Whether the two nations see this value'),
});

export const CohesionRules = z
  .strictObject({
    show: Shown.default('none').describe("What the two nations of a visible pair see of their trust: 'level', 'trend' or 'none'"),
    initial: z.number().int().min(0).max(100).default(50).describe('Trust between two allies the scenario does not list'),
    veto: z
      .number()
      .int()
      .min(-100)
      .max(100)
      .default(-8)
      .describe('Trust moved between a vetoing nation and each ally whose proposal or position it vetoed'),
    brokenPledge: z
      .number()
      .int()
      .min(-100)
      .max(100)
      .default(-10)
      .describe('Trust moved between a nation that broke a pledge and the proposer and each nation that delivered'),
    sharedReport: z
      .number()
      .int()
      .min(-100)
      .max(100)
      .default(3)
      .describe('Trust moved between a nation that shared a report (or its tearline, or an assessment) and each recipient'),
  })
  .describe('How trust between allies moves, and what the nations see of it');

export const ScenarioShape = z.strictObject({
  $schema: z.string().optional(),
  meta: Meta,
  clock: Clock,
  narrative: Narrative,
  nations: z.array(Nation).min(2).max(32),
  adversary: Adversary,
  personas: z.array(Persona).min(1).max(100),
  map: MapDef,
  assets: z.array(Asset).max(20000),
  treaties: z.array(Treaty).max(20),
  intel: z.array(IntelReport).max(2000),
  objectives: z.array(Objective).max(100),
  injects: z.array(Inject).max(2000),
  adjudicationTables: z.array(AdjudicationTable).max(100).default([]),
  escalation: Escalation,
  cohesion: z.array(Cohesion).max(600).default([]),
  cohesionRules: CohesionRules.default({ show: 'none', initial: 50, veto: -8, brokenPledge: -10, sharedReport: 3 }),
});

export type Scenario = z.infer<typeof ScenarioShape>;
export type ScenarioInput = z.input<typeof ScenarioShape>;
export type NationDef = z.infer<typeof Nation>;
export type RegionDef = z.infer<typeof Region>;
export type AssetDef = z.infer<typeof Asset>;
export type InjectDef = z.infer<typeof Inject>;
export type IntelDef = z.infer<typeof IntelReport>;
export type DisseminationDef = z.infer<typeof Dissemination>;
export type PersonaDef = z.infer<typeof Persona>;
