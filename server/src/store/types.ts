/**
 * The durable event store. Every exercise is an append-only log; snapshots are a cache that
 * shortens recovery and never replace events.
 *
 * Every event is checked against the EngineEvent schema before it is written (create and
 * append refuse with InvalidEventError, writing nothing). Each exercise's log and each snapshot
 * records its format version (engine/versioning.ts); see docs/log-format.md.
 */
import { z } from 'zod';
import { EngineEvent, type ExerciseState } from '@concord/shared/engine/index';

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

/** What an error message can say about any event, however malformed. */
const EventHead = z.looseObject({ seq: z.number().optional().catch(undefined), type: z.string().optional().catch(undefined) });

/** An event that does not match its schema: refused before anything is written. */
export class InvalidEventError extends Error {
  readonly code = 'invalid_event';
  readonly exerciseId: string;
  /** The seq and type of the refused event, when it has them. */
  readonly seq: number | null;
  readonly eventType: string | null;
  /** The field at fault, dot-separated ('' for the event itself). */
  readonly path: string;
  constructor(exerciseId: string, event: unknown, path: string, problem: string) {
    const head = EventHead.safeParse(event);
    const seq = head.success ? (head.data.seq ?? null) : null;
    const type = head.success ? (head.data.type ?? null) : null;
    super(
      `exercise ${exerciseId}: event ${seq ?? '?'} (${type ?? 'no type'}) does not match its schema at ${path || '(event)'}: ${problem}; nothing was appended`,
    );
    this.name = 'InvalidEventError';
    this.exerciseId = exerciseId;
    this.seq = seq;
    this.eventType = type;
    this.path = path;
  }
}

/** Parse every event with the EngineEvent schema; throws InvalidEventError at the first that does not match. */
export function validateEvents(exerciseId: string, events: readonly unknown[]): void {
  for (const e of events) {
    const r = EngineEvent.safeParse(e);
    if (r.success) continue;
    const issue = r.error.issues[0];
    throw new InvalidEventError(exerciseId, e, issue?.path.map(String).join('.') ?? '', issue?.message ?? 'does not match');
  }
}

/** A snapshot row: the state as JSON (without the scenario), and the format it was written in. */
export interface SnapshotRow {
  seq: number;
  state: string;
  format: number;
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
  /**
   * Append the events of one command atomically. Resolves only once they are durable; rejects
   * with InvalidEventError (nothing written) if an event does not match its schema.
   */
  append(req: AppendRequest): Promise<void>;
  /**
   * Events with seq > afterSeq, in order, in the current format: a log of an older format is
   * upcast (and so migrated) first; one of a newer format is refused with LogFormatError.
   */
  events(exerciseId: string, afterSeq?: number): Promise<EngineEvent[]>;
  exercise(id: string): Promise<ExerciseRow | null>;
  exercises(): Promise<ExerciseRow[]>;
  /** Keep the exercise row's status current for listings (the log remains the truth). */
  setStatus(exerciseId: string, status: ExerciseRow['status']): Promise<void>;
  /** Save the snapshot of an exercise (replacing the last one), marked with the current format. */
  saveSnapshot(exerciseId: string, seq: number, state: string): Promise<void>;
  snapshot(exerciseId: string): Promise<SnapshotRow | null>;

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
