/**
 * The exercise state: ground truth, folded from the log. Only `views/` decides who sees what.
 *
 * The fold owns its state: `evolve` updates the collections of the object it is given and returns
 * it, because an exercise log grows into the tens of thousands of events and copying the growing
 * collections on every event would make replay quadratic. The records inside the collections
 * (a region, an action, an inject…) are never changed in place: evolve replaces them, and their
 * types are `Readonly` so that the compiler holds evolvers to it. So a snapshot (`cloneState` in
 * `registry.ts`) copies only the collections each concern declares and shares the records.
 * `decide` never mutates anything.
 */
import type { z } from 'zod';
import type { ActionType, PhaseId, Readiness } from '../common.ts';
import type { InjectDef, Scenario } from '../scenario/schema.ts';
import type { Actor } from './envelope.ts';
import type { Effect as EffectSchema } from './adjudication/commands.ts';
import type { RngState } from './rng.ts';
import type { CommandLog } from './command-log.ts';
import type { LifecycleSlice } from './lifecycle/concern.ts';
import type { TurnsSlice } from './turns/concern.ts';
import type { ClockSlice } from './clock/concern.ts';
import type { IntelSlice } from './intel/concern.ts';
import type { InjectsSlice } from './injects/concern.ts';
import type { MessagingSlice } from './messaging/concern.ts';
import type { Counterpart } from './messaging/events.ts';
import type { NegotiationSlice } from './negotiation/concern.ts';
import type { TreatiesSlice } from './treaties/concern.ts';
import type { DecisionsSlice } from './decisions/concern.ts';
import type { ForcesSlice } from './forces/concern.ts';
import type { OperationsSlice } from './operations/concern.ts';
import type { ActionsSlice } from './actions/concern.ts';
import type { AdjudicationSlice } from './adjudication/concern.ts';
import type { EscalationSlice } from './escalation/concern.ts';
import type { CohesionSlice } from './cohesion/concern.ts';
import type { EvaluationSlice } from './evaluation/concern.ts';

export type ExerciseStatus = 'setup' | 'running' | 'paused' | 'ended';
export type InjectStatus = 'draft' | 'scheduled' | 'held' | 'skipped' | 'released';

export interface NationStatus {
  readonly ready: boolean;
  readonly readyAt: number | null;
}

export interface RegionState {
  readonly controller: string | null;
  readonly stability: number;
}

export interface AssetState {
  readonly owner: string;
  readonly region: string;
  readonly strength: number;
  readonly readiness: Readiness;
  readonly hidden: boolean;
}

export interface InjectState {
  readonly def: InjectDef;
  readonly adHoc: boolean;
  readonly status: InjectStatus;
  readonly releasedAt: number | null;
  readonly releasedSeq: number | null;
  readonly releasedTurn: number | null;
  readonly releaseReason: 'scheduled' | 'manual' | 'contingency' | null;
  readonly statusNote: string | null;
  readonly acknowledged: Readonly<Record<string, { readonly at: number; readonly seq: number; readonly position: string | null }>>;
}

export type { IntelState } from './intel/records.ts';

export interface MessageRecord {
  readonly id: string;
  readonly seq: number;
  readonly at: number;
  readonly turn: number;
  readonly from: {
    readonly nation: string | null;
    readonly persona: string | null;
    readonly position: string | null;
    readonly name: string;
  };
  readonly members: readonly string[];
  /** A persona's thread, the thread with exercise control, or null between nations only. */
  readonly counterpart: Counterpart;
  readonly channel: string;
  readonly subject: string;
  readonly body: string;
}

export interface ActionRecord {
  readonly id: string;
  readonly seq: number;
  readonly at: number;
  readonly turn: number;
  readonly nation: string;
  readonly position: string | null;
  readonly submittedBy: string;
  readonly type: ActionType;
  readonly title: string;
  readonly text: string;
  readonly regions: readonly string[];
  readonly assets: readonly string[];
  /** The matrix argument, when the team made one. */
  readonly argument: { readonly result: string; readonly reasons: readonly string[] } | null;
  /** Shown to the allies; never the adversary's. */
  readonly shared: boolean;
  readonly status: 'submitted' | 'withdrawn' | 'adjudicated';
  readonly adjudication: string | null;
}

export type Effect = z.infer<typeof EffectSchema>;

export interface AdjudicationRecord {
  readonly id: string;
  readonly seq: number;
  readonly at: number;
  readonly turn: number;
  readonly phase: PhaseId;
  readonly actions: readonly string[];
  readonly title: string;
  readonly outcome: string;
  readonly rationale: string;
  readonly effects: readonly Effect[];
  /** Before-values of every changed field, so views can animate and replay can explain. */
  readonly previous: readonly Effect[];
  readonly visibleTo: 'ALL' | readonly string[];
  /** Launched joint operations this outcome settles. */
  readonly operations: readonly string[];
  /** The outcome's move on the escalation ladder, if any. */
  readonly escalation: { readonly delta: number; readonly reason: string } | null;
  /** The table or matrix roll it follows (null: none), the row or result recorded, and control's override rationale (control-only). */
  readonly roll: string | null;
  readonly row: number | null;
  readonly success: boolean | null;
  readonly override: string | null;
}

export interface NoteRecord {
  readonly id: string;
  readonly seq: number;
  readonly at: number;
  readonly turn: number;
  readonly author: string;
  readonly role: string;
  readonly text: string;
  readonly inject: string | null;
  readonly nation: string | null;
}

export interface RollRecord {
  readonly seq: number;
  readonly at: number;
  readonly turn: number;
  readonly purpose: string;
  readonly sides: number;
  readonly results: readonly number[];
}

/** What every exercise has whatever its concerns: identity, the scenario, the sequence, the dice and the command log. */
export interface CoreState {
  exerciseId: string;
  scenario: Scenario;
  seed: number;
  createdAt: number;
  createdBy: Actor;
  /** Sequence number of the last event folded in. */
  seq: number;
  lastAt: number;
  rng: RngState;
  /** Applied command ids with their first and last event, for idempotent retries. */
  commands: CommandLog;
}

/**
 * The exercise state: the core plus every concern's slice. `concerns.ts` checks at compile time
 * that this is exactly what the listed concerns declare, so a slice cannot be forgotten here.
 */
export interface ExerciseState
  extends
    CoreState,
    LifecycleSlice,
    TurnsSlice,
    ClockSlice,
    IntelSlice,
    InjectsSlice,
    MessagingSlice,
    NegotiationSlice,
    TreatiesSlice,
    DecisionsSlice,
    ForcesSlice,
    OperationsSlice,
    ActionsSlice,
    AdjudicationSlice,
    EscalationSlice,
    CohesionSlice,
    EvaluationSlice {}

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
