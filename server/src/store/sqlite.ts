/**
 * The embedded event store on node:sqlite: WAL journal, synchronous=FULL, and group commit.
 *
 * node:sqlite is synchronous, and an fsync per command would stall the event loop for every
 * exercise at once. Appends that arrive within one tick, across all exercises, are written in a
 * single transaction; each keeps its own optimistic sequence check (a savepoint), and every
 * caller is resolved only after the COMMIT has returned.
 *
 * Every event is parsed with the EngineEvent schema before it is queued (create and append
 * refuse with InvalidEventError, nothing written). Formats (engine/versioning.ts): each exercise
 * row records the format of its log (`log_format`) and each snapshot row the format of its state
 * (`format`); both columns default to 1, the format of databases written before they existed. An
 * exercise whose log is older is migrated in place the first time it is read or appended to:
 * its events go through the upcasters, are parsed with today's schema, and rewritten as parsed
 * (defaults filled in), all in one transaction. A log or snapshot from a newer format is
 * refused with LogFormatError naming both versions.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { z } from 'zod';
import { EngineEvent } from '@concord/shared/engine/index';
import { LOG_FORMAT_VERSION, LogFormatError, readableFormat, upcastEvent, upcastPlan } from '@concord/shared/engine/versioning';
import {
  ConcurrencyError,
  validateEvents,
  type AppendRequest,
  type EventStore,
  type ExerciseRow,
  type JoinCodeRow,
  type ParticipantRow,
  type SnapshotRow,
} from './types.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS exercises (
  id TEXT PRIMARY KEY, scenario_id TEXT NOT NULL, title TEXT NOT NULL, status TEXT NOT NULL,
  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, last_seq INTEGER NOT NULL,
  log_format INTEGER NOT NULL DEFAULT 1);
CREATE TABLE IF NOT EXISTS events (
  exercise_id TEXT NOT NULL, seq INTEGER NOT NULL, type TEXT NOT NULL, at INTEGER NOT NULL, body TEXT NOT NULL,
  PRIMARY KEY (exercise_id, seq)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS snapshots (
  exercise_id TEXT PRIMARY KEY, seq INTEGER NOT NULL, state TEXT NOT NULL, format INTEGER NOT NULL DEFAULT 1);
CREATE TABLE IF NOT EXISTS join_codes (
  id TEXT PRIMARY KEY, exercise_id TEXT NOT NULL, hash TEXT NOT NULL UNIQUE, role TEXT NOT NULL, nation TEXT,
  label TEXT NOT NULL, created_at INTEGER NOT NULL, revoked_at INTEGER);
CREATE INDEX IF NOT EXISTS join_codes_exercise ON join_codes (exercise_id);
CREATE TABLE IF NOT EXISTS participants (
  id TEXT PRIMARY KEY, exercise_id TEXT NOT NULL, code_id TEXT NOT NULL, role TEXT NOT NULL, nation TEXT,
  position TEXT, name TEXT NOT NULL, joined_at INTEGER NOT NULL, removed_at INTEGER);
CREATE INDEX IF NOT EXISTS participants_exercise ON participants (exercise_id);
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

/** Columns added after the first release: added to older databases when they are opened. */
const ADDED_COLUMNS: ReadonlyArray<[table: string, column: string, ddl: string]> = [
  ['exercises', 'log_format', 'INTEGER NOT NULL DEFAULT 1'],
  ['snapshots', 'format', 'INTEGER NOT NULL DEFAULT 1'],
];

// Rows as node:sqlite returns them, typed through zod.
const Status = z.enum(['setup', 'running', 'paused', 'ended']) satisfies z.ZodType<ExerciseRow['status']>;
/** The roles a join code can seat (the engine's actor roles may include more, such as its own clock). */
const SeatRole = z.enum(['facilitator', 'nation', 'evaluator', 'observer']) satisfies z.ZodType<JoinCodeRow['role']>;
const nullableText = z.string().nullable();
const nullableInt = z.number().nullable();
const ExerciseDb = z
  .object({
    id: z.string(),
    scenario_id: z.string(),
    title: z.string(),
    status: Status,
    created_at: z.number(),
    updated_at: z.number(),
    last_seq: z.number(),
  })
  .transform((r): ExerciseRow => ({
    id: r.id,
    scenarioId: r.scenario_id,
    title: r.title,
    status: r.status,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    lastSeq: r.last_seq,
  }));
const LogHeadDb = z.object({ last_seq: z.number(), log_format: z.number() });
const SeqBodyDb = z.object({ seq: z.number(), body: z.string() });
const SnapshotDb = z.object({ seq: z.number(), state: z.string(), format: z.number() });
const CodeDb = z
  .object({
    id: z.string(),
    exercise_id: z.string(),
    hash: z.string(),
    role: SeatRole,
    nation: nullableText,
    label: z.string(),
    created_at: z.number(),
    revoked_at: nullableInt,
  })
  .transform((r): JoinCodeRow => ({
    id: r.id,
    exerciseId: r.exercise_id,
    hash: r.hash,
    role: r.role,
    nation: r.nation,
    label: r.label,
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
  }));
const ParticipantDb = z
  .object({
    id: z.string(),
    exercise_id: z.string(),
    code_id: z.string(),
    role: SeatRole,
    nation: nullableText,
    position: nullableText,
    name: z.string(),
    joined_at: z.number(),
    removed_at: nullableInt,
  })
  .transform((r): ParticipantRow => ({
    id: r.id,
    exerciseId: r.exercise_id,
    codeId: r.code_id,
    role: r.role,
    nation: r.nation,
    position: r.position,
    name: r.name,
    joinedAt: r.joined_at,
    removedAt: r.removed_at,
  }));
const ValueDb = z.object({ value: z.string() });
const ColumnDb = z.object({ name: z.string() });

/** One row or null, typed. */
const one = <T>(schema: z.ZodType<T>, row: unknown): T | null => (row === undefined ? null : schema.parse(row));
/** Run synchronous work as the Promise the EventStore interface promises: a throw becomes a rejection. */
function settle<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (e) {
    return Promise.reject(e instanceof Error ? e : new Error(String(e)));
  }
}

interface Pending {
  req: AppendRequest;
  resolve: () => void;
  reject: (e: unknown) => void;
}

type Statements = 'logHead' | 'insertEvent' | 'bumpExercise' | 'events' | 'allEvents' | 'rewriteEvent' | 'setLogFormat';

export class SqliteEventStore implements EventStore {
  readonly db: DatabaseSync;
  private queue: Pending[] = [];
  private scheduled = false;
  private closed = false;
  private readonly st: Record<Statements, StatementSync>;
  /** Number of transactions committed by group commit (for tests and benchmarks). */
  commits = 0;

  readonly path: string;

  constructor(path: string) {
    this.path = path;
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new DatabaseSync(path);
    this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;');
    this.db.exec(SCHEMA);
    for (const [table, column, ddl] of ADDED_COLUMNS) {
      const columns = this.db
        .prepare(`PRAGMA table_info(${table})`)
        .all()
        .map((r) => ColumnDb.parse(r).name);
      if (!columns.includes(column)) this.db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${ddl}`);
    }
    this.st = {
      logHead: this.db.prepare('SELECT last_seq, log_format FROM exercises WHERE id = ?'),
      insertEvent: this.db.prepare('INSERT INTO events (exercise_id, seq, type, at, body) VALUES (?, ?, ?, ?, ?)'),
      bumpExercise: this.db.prepare('UPDATE exercises SET last_seq = ?, updated_at = ? WHERE id = ?'),
      events: this.db.prepare('SELECT body FROM events WHERE exercise_id = ? AND seq > ? ORDER BY seq'),
      allEvents: this.db.prepare('SELECT seq, body FROM events WHERE exercise_id = ? ORDER BY seq'),
      rewriteEvent: this.db.prepare('UPDATE events SET type = ?, at = ?, body = ? WHERE exercise_id = ? AND seq = ?'),
      setLogFormat: this.db.prepare('UPDATE exercises SET log_format = ? WHERE id = ?'),
    };
  }

  create(row: Omit<ExerciseRow, 'lastSeq' | 'updatedAt'>, genesis: EngineEvent): Promise<void> {
    return settle(() => {
      validateEvents(row.id, [genesis]);
      this.db.exec('BEGIN IMMEDIATE');
      try {
        this.db
          .prepare(
            'INSERT INTO exercises (id, scenario_id, title, status, created_at, updated_at, last_seq, log_format) VALUES (?, ?, ?, ?, ?, ?, 1, ?)',
          )
          .run(row.id, row.scenarioId, row.title, row.status, row.createdAt, row.createdAt, LOG_FORMAT_VERSION);
        this.st.insertEvent.run(row.id, genesis.seq, genesis.type, genesis.at, JSON.stringify(genesis));
        this.db.exec('COMMIT');
      } catch (e) {
        this.db.exec('ROLLBACK');
        throw e;
      }
    });
  }

  append(req: AppendRequest): Promise<void> {
    if (this.closed) return Promise.reject(new Error('event store is closed'));
    try {
      validateEvents(req.exerciseId, req.events);
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ req, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Write everything queued in one transaction, then settle each caller. */
  private flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    const outcomes: Array<{ error: unknown } | null> = [];
    try {
      this.db.exec('BEGIN IMMEDIATE');
      for (const { req } of batch) {
        this.db.exec('SAVEPOINT item');
        try {
          this.writeOne(req);
          this.db.exec('RELEASE item');
          outcomes.push(null);
        } catch (e) {
          this.db.exec('ROLLBACK TO item');
          this.db.exec('RELEASE item');
          outcomes.push({ error: e });
        }
      }
      this.db.exec('COMMIT');
      this.commits++;
    } catch (e) {
      try {
        this.db.exec('ROLLBACK');
      } catch {
        // The transaction may already be gone; the error below is what matters.
      }
      for (const p of batch) p.reject(e);
      return;
    }
    batch.forEach((p, i) => {
      const outcome = outcomes[i];
      if (outcome === null) p.resolve();
      else p.reject(outcome === undefined ? new Error('append outcome missing') : outcome.error);
    });
  }

  private writeOne(req: AppendRequest): void {
    // The hot path of every command: the two integers are checked by hand rather than through zod.
    const head = this.st.logHead.get(req.exerciseId);
    const actual = typeof head?.last_seq === 'number' ? head.last_seq : 0;
    if (!head || actual !== req.expectedSeq) throw new ConcurrencyError(req.exerciseId, req.expectedSeq, actual);
    // Never mix formats in one log: bring an older log up to date first (within this savepoint).
    if (head.log_format !== LOG_FORMAT_VERSION) this.ensureCurrentLog(req.exerciseId, head.log_format);
    let seq = actual;
    let at = 0;
    for (const e of req.events) {
      if (e.seq !== seq + 1) throw new ConcurrencyError(req.exerciseId, seq, e.seq - 1);
      this.st.insertEvent.run(req.exerciseId, e.seq, e.type, e.at, JSON.stringify(e));
      seq = e.seq;
      at = e.at;
    }
    this.st.bumpExercise.run(seq, at, req.exerciseId);
  }

  /**
   * Refuse a log of a newer format; migrate one of an older format to the current one. Must run
   * inside a transaction (the caller's), so that the migration is all or nothing.
   */
  private ensureCurrentLog(exerciseId: string, stored: unknown): void {
    const format = readableFormat('log', stored, 'exercises.log_format');
    if (format === LOG_FORMAT_VERSION) return;
    const plan = upcastPlan(format);
    for (const row of this.st.allEvents.all(exerciseId)) {
      const { seq, body } = SeqBodyDb.parse(row);
      const up = upcastEvent(JSON.parse(body), plan);
      const parsed = EngineEvent.safeParse(up);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new LogFormatError(
          'upcast_failed',
          `exercise ${exerciseId}, event ${seq} (${up.type}), upcast from format ${format} to ${LOG_FORMAT_VERSION}: ${issue?.path.map(String).join('.') || '(event)'}: ${issue?.message ?? 'does not match'}`,
          format,
        );
      }
      // Store the event as today's schema reads it (defaults filled in), since rows of a current
      // log are read back without a parse; rows that are already exactly that are left alone.
      const text = JSON.stringify(parsed.data);
      if (text !== body) this.st.rewriteEvent.run(parsed.data.type, parsed.data.at, text, exerciseId, seq);
    }
    this.st.setLogFormat.run(LOG_FORMAT_VERSION, exerciseId);
  }

  events(exerciseId: string, afterSeq = 0): Promise<EngineEvent[]> {
    return settle(() => {
      const head = one(LogHeadDb, this.st.logHead.get(exerciseId));
      if (head && head.log_format !== LOG_FORMAT_VERSION) {
        readableFormat('log', head.log_format, 'exercises.log_format');
        this.db.exec('BEGIN IMMEDIATE');
        try {
          this.ensureCurrentLog(exerciseId, head.log_format);
          this.db.exec('COMMIT');
        } catch (e) {
          this.db.exec('ROLLBACK');
          throw e;
        }
      }
      // Rows of a current-format log were parsed with the schema before they were written (and
      // migrated rows when they were upcast); parsing them again would cost more than the fold.
      return this.st.events.all(exerciseId, afterSeq).map((r) => {
        if (typeof r.body !== 'string') throw new Error(`exercise ${exerciseId}: an event row has no body`);
        return JSON.parse(r.body) as EngineEvent;
      });
    });
  }

  exercise(id: string): Promise<ExerciseRow | null> {
    return settle(() => one(ExerciseDb, this.db.prepare('SELECT * FROM exercises WHERE id = ?').get(id)));
  }

  exercises(): Promise<ExerciseRow[]> {
    return settle(() =>
      this.db
        .prepare('SELECT * FROM exercises ORDER BY created_at')
        .all()
        .map((r) => ExerciseDb.parse(r)),
    );
  }

  setStatus(exerciseId: string, status: ExerciseRow['status']): Promise<void> {
    return settle(() => {
      this.db.prepare('UPDATE exercises SET status = ? WHERE id = ?').run(status, exerciseId);
    });
  }

  saveSnapshot(exerciseId: string, seq: number, state: string): Promise<void> {
    return settle(() => {
      this.db
        .prepare(
          'INSERT INTO snapshots (exercise_id, seq, state, format) VALUES (?, ?, ?, ?) ON CONFLICT (exercise_id) DO UPDATE SET seq = excluded.seq, state = excluded.state, format = excluded.format',
        )
        .run(exerciseId, seq, state, LOG_FORMAT_VERSION);
    });
  }

  snapshot(exerciseId: string): Promise<SnapshotRow | null> {
    return settle(() => one(SnapshotDb, this.db.prepare('SELECT seq, state, format FROM snapshots WHERE exercise_id = ?').get(exerciseId)));
  }

  addCodes(codes: readonly JoinCodeRow[]): Promise<void> {
    return settle(() => {
      const st = this.db.prepare(
        'INSERT INTO join_codes (id, exercise_id, hash, role, nation, label, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      );
      this.db.exec('BEGIN IMMEDIATE');
      try {
        for (const c of codes) st.run(c.id, c.exerciseId, c.hash, c.role, c.nation, c.label, c.createdAt, c.revokedAt);
        this.db.exec('COMMIT');
      } catch (e) {
        this.db.exec('ROLLBACK');
        throw e;
      }
    });
  }

  codeByHash(hash: string): Promise<JoinCodeRow | null> {
    return settle(() => one(CodeDb, this.db.prepare('SELECT * FROM join_codes WHERE hash = ?').get(hash)));
  }

  codes(exerciseId: string): Promise<JoinCodeRow[]> {
    return settle(() =>
      this.db
        .prepare('SELECT * FROM join_codes WHERE exercise_id = ? ORDER BY created_at, label')
        .all(exerciseId)
        .map((r) => CodeDb.parse(r)),
    );
  }

  revokeCode(exerciseId: string, codeId: string, at: number): Promise<boolean> {
    return settle(() => {
      const r = this.db
        .prepare('UPDATE join_codes SET revoked_at = ? WHERE exercise_id = ? AND id = ? AND revoked_at IS NULL')
        .run(at, exerciseId, codeId);
      return Number(r.changes) > 0;
    });
  }

  addParticipant(p: ParticipantRow): Promise<void> {
    return settle(() => {
      this.db
        .prepare(
          'INSERT INTO participants (id, exercise_id, code_id, role, nation, position, name, joined_at, removed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(p.id, p.exerciseId, p.codeId, p.role, p.nation, p.position, p.name, p.joinedAt, p.removedAt);
    });
  }

  participant(id: string): Promise<ParticipantRow | null> {
    return settle(() => one(ParticipantDb, this.db.prepare('SELECT * FROM participants WHERE id = ?').get(id)));
  }

  participants(exerciseId: string): Promise<ParticipantRow[]> {
    return settle(() =>
      this.db
        .prepare('SELECT * FROM participants WHERE exercise_id = ? ORDER BY joined_at')
        .all(exerciseId)
        .map((r) => ParticipantDb.parse(r)),
    );
  }

  removeParticipant(exerciseId: string, id: string, at: number): Promise<boolean> {
    return settle(() => {
      const r = this.db
        .prepare('UPDATE participants SET removed_at = ? WHERE exercise_id = ? AND id = ? AND removed_at IS NULL')
        .run(at, exerciseId, id);
      return Number(r.changes) > 0;
    });
  }

  setting(key: string): Promise<string | null> {
    return settle(() => one(ValueDb, this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key))?.value ?? null);
  }

  setSetting(key: string, value: string): Promise<void> {
    return settle(() => {
      this.db
        .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
        .run(key, value);
    });
  }

  close(): Promise<void> {
    return settle(() => {
      if (this.closed) return;
      this.flush();
      this.closed = true;
      this.db.close();
    });
  }
}
