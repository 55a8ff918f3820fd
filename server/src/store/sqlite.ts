/**
 * The embedded event store on node:sqlite: WAL journal, synchronous=FULL, and group commit.
 *
 * node:sqlite is synchronous, and an fsync per command would stall the event loop for every
 * exercise at once. Appends that arrive within one tick, across all exercises, are written in a
 * single transaction; each keeps its own optimistic sequence check (a savepoint), and every
 * caller is resolved only after the COMMIT has returned.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { EngineEvent } from '@concord/shared/engine/index';
import { ConcurrencyError, type AppendRequest, type EventStore, type ExerciseRow, type JoinCodeRow, type ParticipantRow } from './types.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS exercises (
  id TEXT PRIMARY KEY, scenario_id TEXT NOT NULL, title TEXT NOT NULL, status TEXT NOT NULL,
  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, last_seq INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS events (
  exercise_id TEXT NOT NULL, seq INTEGER NOT NULL, type TEXT NOT NULL, at INTEGER NOT NULL, body TEXT NOT NULL,
  PRIMARY KEY (exercise_id, seq)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS snapshots (exercise_id TEXT PRIMARY KEY, seq INTEGER NOT NULL, state TEXT NOT NULL);
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

interface Pending {
  req: AppendRequest;
  resolve: () => void;
  reject: (e: unknown) => void;
}

type Row = Record<string, string | number | null>;

export class SqliteEventStore implements EventStore {
  readonly db: DatabaseSync;
  private queue: Pending[] = [];
  private scheduled = false;
  private closed = false;
  private readonly st: Record<'lastSeq' | 'insertEvent' | 'bumpExercise' | 'events', StatementSync>;
  /** Number of transactions committed by group commit (for tests and benchmarks). */
  commits = 0;

  readonly path: string;

  constructor(path: string) {
    this.path = path;
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new DatabaseSync(path);
    this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;');
    this.db.exec(SCHEMA);
    this.st = {
      lastSeq: this.db.prepare('SELECT last_seq FROM exercises WHERE id = ?'),
      insertEvent: this.db.prepare('INSERT INTO events (exercise_id, seq, type, at, body) VALUES (?, ?, ?, ?, ?)'),
      bumpExercise: this.db.prepare('UPDATE exercises SET last_seq = ?, updated_at = ? WHERE id = ?'),
      events: this.db.prepare('SELECT body FROM events WHERE exercise_id = ? AND seq > ? ORDER BY seq'),
    };
  }

  async create(row: Omit<ExerciseRow, 'lastSeq' | 'updatedAt'>, genesis: EngineEvent): Promise<void> {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      this.db
        .prepare('INSERT INTO exercises (id, scenario_id, title, status, created_at, updated_at, last_seq) VALUES (?, ?, ?, ?, ?, ?, 1)')
        .run(row.id, row.scenarioId, row.title, row.status, row.createdAt, row.createdAt);
      this.st.insertEvent.run(row.id, genesis.seq, genesis.type, genesis.at, JSON.stringify(genesis));
      this.db.exec('COMMIT');
    } catch (e) {
      this.db.exec('ROLLBACK');
      throw e;
    }
  }

  append(req: AppendRequest): Promise<void> {
    if (this.closed) return Promise.reject(new Error('event store is closed'));
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
    const outcomes: Array<unknown | null> = [];
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
          outcomes.push(e);
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
      const err = outcomes[i];
      if (err === null) p.resolve();
      else p.reject(err);
    });
  }

  private writeOne(req: AppendRequest): void {
    const row = this.st.lastSeq.get(req.exerciseId) as Row | undefined;
    const actual = row ? Number(row.last_seq) : 0;
    if (!row || actual !== req.expectedSeq) throw new ConcurrencyError(req.exerciseId, req.expectedSeq, actual);
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

  async events(exerciseId: string, afterSeq = 0): Promise<EngineEvent[]> {
    // Stored events were validated when decided; parsing with the schema here would cost more than
    // the fold, so rows are trusted as written by this store.
    return (this.st.events.all(exerciseId, afterSeq) as Row[]).map((r) => JSON.parse(String(r.body)) as EngineEvent);
  }

  async exercise(id: string): Promise<ExerciseRow | null> {
    const r = this.db.prepare('SELECT * FROM exercises WHERE id = ?').get(id) as Row | undefined;
    return r ? toExercise(r) : null;
  }

  async exercises(): Promise<ExerciseRow[]> {
    return (this.db.prepare('SELECT * FROM exercises ORDER BY created_at').all() as Row[]).map(toExercise);
  }

  async setStatus(exerciseId: string, status: ExerciseRow['status']): Promise<void> {
    this.db.prepare('UPDATE exercises SET status = ? WHERE id = ?').run(status, exerciseId);
  }

  async saveSnapshot(exerciseId: string, seq: number, state: string): Promise<void> {
    this.db
      .prepare(
        'INSERT INTO snapshots (exercise_id, seq, state) VALUES (?, ?, ?) ON CONFLICT (exercise_id) DO UPDATE SET seq = excluded.seq, state = excluded.state',
      )
      .run(exerciseId, seq, state);
  }

  async snapshot(exerciseId: string): Promise<{ seq: number; state: string } | null> {
    const r = this.db.prepare('SELECT seq, state FROM snapshots WHERE exercise_id = ?').get(exerciseId) as Row | undefined;
    return r ? { seq: Number(r.seq), state: String(r.state) } : null;
  }

  async addCodes(codes: readonly JoinCodeRow[]): Promise<void> {
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
  }

  async codeByHash(hash: string): Promise<JoinCodeRow | null> {
    const r = this.db.prepare('SELECT * FROM join_codes WHERE hash = ?').get(hash) as Row | undefined;
    return r ? toCode(r) : null;
  }

  async codes(exerciseId: string): Promise<JoinCodeRow[]> {
    return (this.db.prepare('SELECT * FROM join_codes WHERE exercise_id = ? ORDER BY created_at, label').all(exerciseId) as Row[]).map(
      toCode,
    );
  }

  async revokeCode(exerciseId: string, codeId: string, at: number): Promise<boolean> {
    const r = this.db
      .prepare('UPDATE join_codes SET revoked_at = ? WHERE exercise_id = ? AND id = ? AND revoked_at IS NULL')
      .run(at, exerciseId, codeId);
    return Number(r.changes) > 0;
  }

  async addParticipant(p: ParticipantRow): Promise<void> {
    this.db
      .prepare(
        'INSERT INTO participants (id, exercise_id, code_id, role, nation, position, name, joined_at, removed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(p.id, p.exerciseId, p.codeId, p.role, p.nation, p.position, p.name, p.joinedAt, p.removedAt);
  }

  async participant(id: string): Promise<ParticipantRow | null> {
    const r = this.db.prepare('SELECT * FROM participants WHERE id = ?').get(id) as Row | undefined;
    return r ? toParticipant(r) : null;
  }

  async participants(exerciseId: string): Promise<ParticipantRow[]> {
    return (this.db.prepare('SELECT * FROM participants WHERE exercise_id = ? ORDER BY joined_at').all(exerciseId) as Row[]).map(
      toParticipant,
    );
  }

  async removeParticipant(exerciseId: string, id: string, at: number): Promise<boolean> {
    const r = this.db
      .prepare('UPDATE participants SET removed_at = ? WHERE exercise_id = ? AND id = ? AND removed_at IS NULL')
      .run(at, exerciseId, id);
    return Number(r.changes) > 0;
  }

  async setting(key: string): Promise<string | null> {
    const r = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as Row | undefined;
    return r ? String(r.value) : null;
  }

  async setSetting(key: string, value: string): Promise<void> {
    this.db
      .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(key, value);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    this.db.close();
  }
}

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function toExercise(r: Row): ExerciseRow {
  return {
    id: String(r.id),
    scenarioId: String(r.scenario_id),
    title: String(r.title),
    status: String(r.status) as ExerciseRow['status'],
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
    lastSeq: Number(r.last_seq),
  };
}

function toCode(r: Row): JoinCodeRow {
  return {
    id: String(r.id),
    exerciseId: String(r.exercise_id),
    hash: String(r.hash),
    role: String(r.role) as JoinCodeRow['role'],
    nation: str(r.nation),
    label: String(r.label),
    createdAt: Number(r.created_at),
    revokedAt: num(r.revoked_at),
  };
}

function toParticipant(r: Row): ParticipantRow {
  return {
    id: String(r.id),
    exerciseId: String(r.exercise_id),
    codeId: String(r.code_id),
    role: String(r.role) as ParticipantRow['role'],
    nation: str(r.nation),
    position: str(r.position),
    name: String(r.name),
    joinedAt: Number(r.joined_at),
    removedAt: num(r.removed_at),
  };
}
