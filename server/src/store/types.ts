/**
 * The durable event store. Every exercise is an append-only log; snapshots are a cache that
 * shortens recovery and never replace events.
 */
import type { EngineEvent, ExerciseState } from '@concord/shared/engine/index';

export interface ExerciseRow {
  id: string;
  scenarioId: string;
  title: string;
  status: ExerciseState['status'];
  createdAt: number;
  updatedAt: number;
  lastSeq: number;
}

export interface JoinCodeRow {
  id: string;
  exerciseId: string;
  hash: string;
  role: 'facilitator' | 'nation' | 'evaluator' | 'observer';
  nation: string | null;
  label: string;
  createdAt: number;
  revokedAt: number | null;
}

export interface ParticipantRow {
  id: string;
  exerciseId: string;
  codeId: string;
  role: JoinCodeRow['role'];
  nation: string | null;
  position: string | null;
  name: string;
  joinedAt: number;
  removedAt: number | null;
}

export class ConcurrencyError extends Error {
  readonly exerciseId: string;
  readonly expected: number;
  readonly actual: number;
  constructor(exerciseId: string, expected: number, actual: number) {
    super(`exercise ${exerciseId}: expected to append after event ${expected}, but the log ends at ${actual}`);
    this.exerciseId = exerciseId;
    this.expected = expected;
    this.actual = actual;
  }
}

export interface AppendRequest {
  exerciseId: string;
  /** The last sequence number the writer saw; the append fails if the log has moved on. */
  expectedSeq: number;
  events: readonly EngineEvent[];
}

export interface EventStore {
  /** Create an exercise with its genesis event (seq 1). */
  create(row: Omit<ExerciseRow, 'lastSeq' | 'updatedAt'>, genesis: EngineEvent): Promise<void>;
  /** Append the events of one command atomically. Resolves only once they are durable. */
  append(req: AppendRequest): Promise<void>;
  /** Events with seq > afterSeq, in order. */
  events(exerciseId: string, afterSeq?: number): Promise<EngineEvent[]>;
  exercise(id: string): Promise<ExerciseRow | null>;
  exercises(): Promise<ExerciseRow[]>;
  /** Keep the exercise row's status current for listings (the log remains the truth). */
  setStatus(exerciseId: string, status: ExerciseRow['status']): Promise<void>;
  saveSnapshot(exerciseId: string, seq: number, state: string): Promise<void>;
  snapshot(exerciseId: string): Promise<{ seq: number; state: string } | null>;

  addCodes(codes: readonly JoinCodeRow[]): Promise<void>;
  codeByHash(hash: string): Promise<JoinCodeRow | null>;
  codes(exerciseId: string): Promise<JoinCodeRow[]>;
  revokeCode(exerciseId: string, codeId: string, at: number): Promise<boolean>;

  addParticipant(p: ParticipantRow): Promise<void>;
  participant(id: string): Promise<ParticipantRow | null>;
  participants(exerciseId: string): Promise<ParticipantRow[]>;
  removeParticipant(exerciseId: string, id: string, at: number): Promise<boolean>;

  /** A small key/value table for server settings such as the token secret. */
  setting(key: string): Promise<string | null>;
  setSetting(key: string, value: string): Promise<void>;

  close(): Promise<void>;
}
