/**
 * The exercise state: ground truth, folded from the log. Only `views/` decides who sees what.
 *
 * The fold owns its state: `evolve` updates the collections of the object it is given and returns
 * it, because an exercise log grows into the tens of thousands of events and copying the growing
 * collections on every event would make replay quadratic. The records inside the collections
 * (a region, an action, an inject…) are never changed in place: evolve replaces them. So a
 * snapshot (`cloneState`) copies only the collections and shares the records. `decide` never
 * mutates anything.
 */
import type { z } from 'zod';
import type { ActionType, PhaseId, Readiness } from '../common.ts';
import type { InjectDef, Scenario } from '../scenario/schema.ts';
import type { Actor } from './envelope.ts';
import type { Effect as EffectSchema } from './adjudication/commands.ts';
import { seedRng, type RngState } from './rng.ts';
import type { CommandLog } from './command-log.ts';

export type ExerciseStatus = 'setup' | 'running' | 'paused' | 'ended';
export type InjectStatus = 'draft' | 'scheduled' | 'held' | 'skipped' | 'released';

export interface NationStatus {
  ready: boolean;
  readyAt: number | null;
}

export interface RegionState {
  controller: string | null;
  stability: number;
}

export interface AssetState {
  owner: string;
  region: string;
  strength: number;
  readiness: Readiness;
  hidden: boolean;
}

export interface InjectState {
  def: InjectDef;
  adHoc: boolean;
  status: InjectStatus;
  releasedAt: number | null;
  releasedSeq: number | null;
  releasedTurn: number | null;
  releaseReason: 'scheduled' | 'manual' | 'contingency' | null;
  statusNote: string | null;
  acknowledged: Record<string, { at: number; seq: number; position: string | null }>;
}

export interface IntelState {
  released: boolean;
  releasedAt: number | null;
  releasedSeq: number | null;
  releasedTurn: number | null;
}

export interface MessageRecord {
  id: string;
  seq: number;
  at: number;
  turn: number;
  from: { nation: string | null; persona: string | null; position: string | null; name: string };
  members: string[];
  channel: string;
  subject: string;
  body: string;
}

export interface ActionRecord {
  id: string;
  seq: number;
  at: number;
  turn: number;
  nation: string;
  position: string | null;
  submittedBy: string;
  type: ActionType;
  title: string;
  text: string;
  regions: string[];
  assets: string[];
  status: 'submitted' | 'withdrawn' | 'adjudicated';
  adjudication: string | null;
}

export type Effect = z.infer<typeof EffectSchema>;

export interface AdjudicationRecord {
  id: string;
  seq: number;
  at: number;
  turn: number;
  phase: PhaseId;
  actions: string[];
  title: string;
  outcome: string;
  rationale: string;
  effects: Effect[];
  /** Before-values of every changed field, so views can animate and replay can explain. */
  previous: Effect[];
  visibleTo: 'ALL' | string[];
}

export interface NoteRecord {
  id: string;
  seq: number;
  at: number;
  turn: number;
  author: string;
  role: string;
  text: string;
  inject: string | null;
  nation: string | null;
}

export interface RollRecord {
  seq: number;
  at: number;
  turn: number;
  purpose: string;
  sides: number;
  results: number[];
}

export interface ExerciseState {
  exerciseId: string;
  scenario: Scenario;
  seed: number;
  createdAt: number;
  createdBy: Actor;
  /** Sequence number of the last event folded in. */
  seq: number;
  lastAt: number;
  status: ExerciseStatus;
  /** 0 before the start. */
  turn: number;
  /** Index into scenario.clock.phases; -1 before the start. */
  phaseIndex: number;
  phaseStartedAt: number | null;
  deadline: number | null;
  pausedAt: number | null;
  pausedTotalMs: number;
  endedReason: string | null;
  rng: RngState;
  nations: Record<string, NationStatus>;
  regions: Record<string, RegionState>;
  assets: Record<string, AssetState>;
  injects: Record<string, InjectState>;
  /** Scenario injects first, ad hoc injects in the order they were created. */
  injectOrder: string[];
  intel: Record<string, IntelState>;
  messages: MessageRecord[];
  actions: Record<string, ActionRecord>;
  actionOrder: string[];
  adjudications: AdjudicationRecord[];
  rolls: RollRecord[];
  notes: NoteRecord[];
  escalationLevel: number;
  /** Applied command ids with their first and last event, for idempotent retries. */
  commands: CommandLog;
}

export function initialState(args: {
  exerciseId: string;
  scenario: Scenario;
  seed: number;
  at: number;
  seq: number;
  by: Actor;
}): ExerciseState {
  const { scenario: s } = args;
  const nations: Record<string, NationStatus> = {};
  for (const n of s.nations) nations[n.id] = { ready: false, readyAt: null };
  const regions: Record<string, RegionState> = {};
  for (const r of s.map.regions) regions[r.id] = { controller: r.controller, stability: r.stability };
  const assets: Record<string, AssetState> = {};
  for (const a of s.assets)
    assets[a.id] = { owner: a.owner, region: a.region, strength: a.strength, readiness: a.readiness, hidden: a.hidden };
  const injects: Record<string, InjectState> = {};
  for (const x of s.injects) injects[x.id] = newInjectState(x, false);
  const intel: Record<string, IntelState> = {};
  for (const r of s.intel) intel[r.id] = { released: false, releasedAt: null, releasedSeq: null, releasedTurn: null };
  return {
    exerciseId: args.exerciseId,
    scenario: s,
    seed: args.seed,
    createdAt: args.at,
    createdBy: args.by,
    seq: args.seq,
    lastAt: args.at,
    status: 'setup',
    turn: 0,
    phaseIndex: -1,
    phaseStartedAt: null,
    deadline: null,
    pausedAt: null,
    pausedTotalMs: 0,
    endedReason: null,
    rng: seedRng(args.seed),
    nations,
    regions,
    assets,
    injects,
    injectOrder: s.injects.map((x) => x.id),
    intel,
    messages: [],
    actions: {},
    actionOrder: [],
    adjudications: [],
    rolls: [],
    notes: [],
    escalationLevel: s.escalation.initialLevel,
    commands: [],
  };
}

export function newInjectState(def: InjectDef, adHoc: boolean): InjectState {
  return {
    def,
    adHoc,
    status: def.status,
    releasedAt: null,
    releasedSeq: null,
    releasedTurn: null,
    releaseReason: null,
    statusNote: null,
    acknowledged: {},
  };
}

/** A deep copy for snapshots; the scenario is immutable and shared. */
export function cloneState(state: ExerciseState): ExerciseState {
  // Key order is kept, so serialised states still compare byte for byte.
  return {
    ...state,
    nations: { ...state.nations },
    regions: { ...state.regions },
    assets: { ...state.assets },
    injects: { ...state.injects },
    injectOrder: [...state.injectOrder],
    intel: { ...state.intel },
    messages: [...state.messages],
    actions: { ...state.actions },
    actionOrder: [...state.actionOrder],
    adjudications: [...state.adjudications],
    rolls: [...state.rolls],
    notes: [...state.notes],
    commands: [...state.commands],
  };
}

export const currentPhase = (state: ExerciseState): PhaseId | null =>
  state.phaseIndex < 0 ? null : (state.scenario.clock.phases[state.phaseIndex]?.id ?? null);

/** Position of a (turn, phase) on the exercise timeline, for ordering deadlines. */
export function positionOf(state: ExerciseState, turn: number, phase: PhaseId): number {
  const phases = state.scenario.clock.phases;
  const i = phases.findIndex((p) => p.id === phase);
  return (turn - 1) * phases.length + (i < 0 ? phases.length : i);
}

export const currentPosition = (state: ExerciseState): number =>
  state.turn === 0 ? -1 : (state.turn - 1) * state.scenario.clock.phases.length + state.phaseIndex;

/** Game time (ISO) at the start of a turn. */
export function gameTimeOf(scenario: Scenario, turn: number): string {
  const start = Date.parse(scenario.clock.startGameTime);
  return new Date(start + Math.max(0, turn - 1) * scenario.clock.gameMinutesPerTurn * 60_000).toISOString();
}
