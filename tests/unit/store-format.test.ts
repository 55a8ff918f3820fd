/**
 * The SQLite store and format versions, on real database files: a format 1 database (written by
 * Concord before formats were versioned, tests/fixtures/store-v1.sqlite) is migrated and restored,
 * newer logs and snapshots are refused naming both versions, and no event that fails its schema is
 * ever appended.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createExercise, decideParsed, fold, parseCommand, type EngineEvent } from '../../shared/src/engine/index.ts';
import { LOG_FORMAT_VERSION, LogFormatError, upcast } from '../../shared/src/engine/versioning.ts';
import { parseJsonl, toJsonl } from '../../shared/src/replay/index.ts';
import { LiveExercise } from '../../server/src/host/exercise.ts';
import { SqliteEventStore } from '../../server/src/store/sqlite.ts';
import { InvalidEventError } from '../../server/src/store/types.ts';
import { facilitator, loadHarbourWatch, nationActor, T0 } from '../helpers/harness.ts';

const FIXTURE = new URL('../fixtures/store-v1.sqlite', import.meta.url);
const EXERCISE = 'ex_iQLhTlQT0sTn';
const log = pino({ level: 'silent' });

const dirs: string[] = [];
const stores: SqliteEventStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'concord-store-format-'));
  dirs.push(dir);
  return dir;
}

/** A private copy of the format 1 database (opening it migrates the schema). */
function v1Copy(): string {
  const path = join(tempDir(), 'concord.sqlite');
  copyFileSync(FIXTURE, path);
  return path;
}

function open(path: string): SqliteEventStore {
  const store = new SqliteEventStore(path);
  stores.push(store);
  return store;
}

/** Look at a database file with a separate connection, as an operator would. */
function peek<T>(path: string, sql: string, ...params: Array<string | number>): T[] {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

describe('the format 1 database fixture', () => {
  it('has no format columns, a snapshot at turn 2 and a tail after it', () => {
    const path = v1Copy();
    const cols = peek<{ name: string }>(path, "SELECT name FROM pragma_table_info('snapshots')").map((c) => c.name);
    expect(cols).not.toContain('format');
    expect(peek(path, 'SELECT id, last_seq FROM exercises')).toEqual([{ id: EXERCISE, last_seq: 19 }]);
    expect(peek(path, 'SELECT seq FROM snapshots')).toEqual([{ seq: 18 }]);
  });

  it('is migrated on open (columns, default 1) and on first read (the log, through the upcaster)', async () => {
    const path = v1Copy();
    const before = peek<{ seq: number; body: string }>(path, 'SELECT seq, body FROM events ORDER BY seq');
    const store = open(path);
    expect(peek(path, 'SELECT log_format FROM exercises')).toEqual([{ log_format: 1 }]);
    expect(peek(path, 'SELECT format FROM snapshots')).toEqual([{ format: 1 }]);
    const events = await store.events(EXERCISE);
    expect(events.map((e) => e.seq)).toEqual(before.map((r) => r.seq));
    expect(peek(path, 'SELECT log_format FROM exercises')).toEqual([{ log_format: LOG_FORMAT_VERSION }]);
    // The rows now hold each event as today's schema reads it (the 1 → 2 step changes no value;
    // defaults the schema has gained since are filled in), and that is what a read returns.
    const upcastRows = upcast(
      before.map((r): unknown => JSON.parse(r.body)),
      1,
    );
    expect(events).toEqual(upcastRows);
    expect(peek<{ body: string }>(path, 'SELECT body FROM events ORDER BY seq').map((r) => JSON.parse(r.body) as unknown)).toEqual(
      upcastRows,
    );
  });

  it("refuses to migrate a log with an event today's schema refuses, naming it, and leaves the file as it was", async () => {
    const path = v1Copy();
    const store = open(path);
    const row = peek<{ body: string }>(path, 'SELECT body FROM events WHERE seq = 9')[0];
    const { subject: _subject, ...withoutSubject } = JSON.parse(row?.body ?? '{}') as Record<string, unknown>;
    store.db.prepare('UPDATE events SET body = ? WHERE seq = 9').run(JSON.stringify(withoutSubject));
    await expect(store.events(EXERCISE)).rejects.toThrow(
      `exercise ${EXERCISE}, event 9 (message.sent), upcast from format 1 to ${LOG_FORMAT_VERSION}: subject: Invalid input: expected string, received undefined`,
    );
    expect(peek(path, 'SELECT log_format FROM exercises')).toEqual([{ log_format: 1 }]);
  });

  it('restores by discarding the format 1 snapshot and folding the log, then saves a current snapshot', async () => {
    const path = v1Copy();
    const store = open(path);
    const live = await LiveExercise.restore({ id: EXERCISE, store, log, now: () => T0 });
    const all = await store.events(EXERCISE);
    expect(JSON.stringify(live.state)).toBe(JSON.stringify(fold(all)));
    expect(live.state.turn).toBe(2);
    expect(peek(path, 'SELECT seq, format FROM snapshots')).toEqual([{ seq: 19, format: LOG_FORMAT_VERSION }]);

    // The new snapshot is used from now on, and gives the same state.
    const again = await LiveExercise.restore({ id: EXERCISE, store, log, now: () => T0 });
    expect(JSON.stringify(again.state)).toBe(JSON.stringify(live.state));

    // Play goes on, in the current format, and the export says so.
    const command = parseCommand({ id: 'after-upgrade', type: 'message.send', to: ['ARN'], body: 'Still here.' });
    if (!command.ok) throw new Error(command.rejection.message);
    const reply = await again.submit(nationActor('BRV', 'dm', 'Bravaria DM'), command.command);
    expect(reply.ok).toBe(true);
    const exported = parseJsonl(toJsonl(await store.events(EXERCISE)));
    expect(exported.ok && exported.format).toBe(LOG_FORMAT_VERSION);
    expect(exported.ok && exported.events.length).toBe(20);
  });
});

describe('newer formats', () => {
  it('refuses a snapshot from a newer format, naming both versions', async () => {
    const path = v1Copy();
    const store = open(path);
    const newer = LOG_FORMAT_VERSION + 1;
    store.db.prepare(`UPDATE snapshots SET format = ${newer}`).run();
    await expect(LiveExercise.restore({ id: EXERCISE, store, log, now: () => T0 })).rejects.toThrow(
      new LogFormatError(
        'format_too_new',
        `this snapshot is format ${newer}; this Concord reads formats up to ${LOG_FORMAT_VERSION}`,
        newer,
      ),
    );
  });

  it('refuses a log from a newer format on read and on append, writing nothing', async () => {
    const path = v1Copy();
    const store = open(path);
    const newer = LOG_FORMAT_VERSION + 1;
    store.db.prepare(`UPDATE exercises SET log_format = ${newer}`).run();
    const message = `this log is format ${newer}; this Concord reads formats up to ${LOG_FORMAT_VERSION}`;
    await expect(store.events(EXERCISE)).rejects.toThrow(message);
    const tail = peek<{ body: string }>(path, 'SELECT body FROM events WHERE seq = 19')[0];
    // The stored row is format 1: bring it up to today's schema, so that only the log's format is wrong.
    const [last] = upcast([JSON.parse(tail?.body ?? '{}')], 1);
    const next: EngineEvent = { ...last!, seq: 20, cmd: 'later' };
    await expect(store.append({ exerciseId: EXERCISE, expectedSeq: 19, events: [next] })).rejects.toThrow(message);
    expect(peek(path, 'SELECT last_seq, log_format FROM exercises')).toEqual([{ last_seq: 19, log_format: newer }]);
  });
});

describe('events are checked against their schema before they are appended', () => {
  const scenario = loadHarbourWatch();
  const genesis = createExercise({ exerciseId: 'ex-schema', scenario, seed: 7, at: T0, by: facilitator });
  const row = { id: 'ex-schema', scenarioId: scenario.meta.id, title: scenario.meta.title, status: 'setup' as const, createdAt: T0 };

  it('refuses a malformed event with a typed error naming the field; nothing is appended', async () => {
    const path = join(tempDir(), 'concord.sqlite');
    const store = open(path);
    await store.create(row, genesis);
    const start = decideParsed(fold([genesis]), { command: { id: 'go', type: 'exercise.start' }, actor: facilitator, at: T0 + 1 });
    if (!start.ok || start.duplicate) throw new Error('exercise.start was refused');
    const phase = start.events.find((e) => e.type === 'phase.started');
    if (phase?.type !== 'phase.started') throw new Error('no phase.started');
    const bad: EngineEvent[] = start.events.map((e) => (e === phase ? { ...phase, turn: 0 } : e));
    const err = await store.append({ exerciseId: row.id, expectedSeq: 1, events: bad }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidEventError);
    expect(err).toMatchObject({ code: 'invalid_event', seq: phase.seq, eventType: 'phase.started', path: 'turn' });
    expect(String(err)).toMatch(/event \d+ \(phase\.started\) does not match its schema at turn: .*nothing was appended/);
    expect(peek(path, 'SELECT count(*) AS n FROM events')).toEqual([{ n: 1 }]);
    expect(peek(path, 'SELECT last_seq FROM exercises')).toEqual([{ last_seq: 1 }]);
    // The well-formed command still goes in.
    await store.append({ exerciseId: row.id, expectedSeq: 1, events: start.events });
    expect(peek(path, 'SELECT last_seq FROM exercises')).toEqual([{ last_seq: start.events.at(-1)?.seq }]);
  });

  it('refuses a malformed genesis: no exercise is created', async () => {
    const path = join(tempDir(), 'concord.sqlite');
    const store = open(path);
    await expect(store.create(row, { ...genesis, seed: 1.5 })).rejects.toMatchObject({ code: 'invalid_event', path: 'seed' });
    expect(peek(path, 'SELECT count(*) AS n FROM exercises')).toEqual([{ n: 0 }]);
  });

  it('LiveExercise answers invalid_event and folds nothing when decide gives an event its schema refuses', async () => {
    // decide stamps the actor it is given onto every event; one whose name is longer than the
    // schema allows (say, from a token of an older server) makes every event it sends malformed.
    const path = join(tempDir(), 'concord.sqlite');
    const store = open(path);
    await store.create(row, genesis);
    const live = new LiveExercise({ state: fold([genesis]), store, log, now: () => T0 + 1 });
    const before = JSON.stringify(live.state);
    const longName = { ...facilitator, name: 'x'.repeat(500) };
    const start = parseCommand({ id: 'go', type: 'exercise.start' });
    if (!start.ok) throw new Error(start.rejection.message);
    const reply = await live.submit(longName, start.command);
    expect(reply).toMatchObject({ ok: false, code: 'invalid_event' });
    expect(JSON.stringify(live.state)).toBe(before);
    expect(peek(path, 'SELECT last_seq FROM exercises')).toEqual([{ last_seq: 1 }]);
    expect(peek(path, 'SELECT count(*) AS n FROM events')).toEqual([{ n: 1 }]);
    // The same command from a well-formed actor goes through.
    expect(await live.submit(facilitator, start.command)).toMatchObject({ ok: true });
  });
});
