/**
 * The host's clock on a LiveExercise, with Vitest's fake setTimeout and Date (the injected `now`
 * reads the fake Date) over a real SQLite store: a phase deadline with auto-advance on ends the
 * phase through a logged `clock.tick` of the system actor; a pause holds the deadline and resuming
 * shifts it; after a restart an overdue deadline fires exactly once; the replay of the stored log
 * equals the live state. setImmediate stays real: the store's group commit runs on it.
 */
import { join as joinPath } from 'node:path';
import type { Logger } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConcordService } from '../../server/src/host/service.ts';
import { MAX_TIMER_MS, TICK_RETRY_MS, type LiveExercise } from '../../server/src/host/exercise.ts';
import { SqliteEventStore } from '../../server/src/store/sqlite.ts';
import type { EventStore } from '../../server/src/store/types.ts';
import { fold, parseCommand, SYSTEM, type Actor, type EngineEvent } from '../../shared/src/engine/index.ts';
import type { Reply } from '../../shared/src/protocol/index.ts';
import { loadHarbourWatch, MINUTE, T0 } from '../helpers/harness.ts';
import { captureLog, quietLog, tempDir } from './support.ts';

const control: Actor = { role: 'facilitator', nation: null, position: null, name: 'White Cell', participant: 'p-control' };
const arnholm: Actor = { role: 'nation', nation: 'ARN', position: 'hog', name: 'Arnholm', participant: 'p-arn' };

/** Let the store's group commit (setImmediate) and what follows it run. */
async function settle(rounds = 6): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setImmediate(r));
}

let dir: Awaited<ReturnType<typeof tempDir>>;
const opened: Array<{ service: ConcordService; store: EventStore }> = [];

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: T0 });
  dir = await tempDir('concord-clock-');
});
afterEach(async () => {
  for (const o of opened.splice(0)) {
    await o.service.close();
    await o.store.close();
  }
  vi.useRealTimers();
  await dir.remove();
});

/** A service over the SQLite file in this test's folder, on the fake clock. */
async function open(log: Logger = quietLog(), wrap: (s: EventStore) => EventStore = (s) => s) {
  const store = new SqliteEventStore(joinPath(dir.path, 'concord.sqlite'));
  const service = await ConcordService.open({ store: wrap(store), log, now: () => Date.now() });
  opened.push({ service, store });
  return service;
}

async function close(service: ConcordService): Promise<void> {
  const i = opened.findIndex((o) => o.service === service);
  const [o] = opened.splice(i, 1);
  await o?.service.close();
  await o?.store.close();
}

async function exercise(service: ConcordService, autoAdvance = true): Promise<LiveExercise> {
  const scenario = loadHarbourWatch(); // phases of 5, 10, 5, 5 and 5 minutes
  scenario.clock.autoAdvance = autoAdvance;
  const { id } = await service.createExercise(scenario, { seed: 7 });
  return service.exercise(id);
}

let counter = 0;
function send(live: LiveExercise, actor: Actor, draft: { type: string } & Record<string, unknown>): Promise<Reply> {
  const parsed = parseCommand({ id: `t-${++counter}`, ...draft });
  if (!parsed.ok) throw new Error(`${draft.type}: ${parsed.rejection.message}`);
  return live.submit(actor, parsed.command);
}
async function ok(live: LiveExercise, actor: Actor, draft: { type: string } & Record<string, unknown>): Promise<void> {
  expect(await send(live, actor, draft), draft.type).toMatchObject({ ok: true });
}

/**
 * Move the fake clock on, fire what falls due, and let the tick reach the store. The next timer is
 * set only once a tick is saved, so a test crosses one deadline per call.
 */
async function pass(ms: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
  await settle();
}

async function storedLog(service: ConcordService, id: string): Promise<EngineEvent[]> {
  return service.store.events(id, 0);
}

const ticksIn = (log: readonly EngineEvent[]) => log.filter((e) => e.by.role === 'system');

describe('the clock on a live exercise', () => {
  it('with auto-advance on, a phase deadline ends the phase by a logged tick of the system actor', async () => {
    const service = await open();
    const live = await exercise(service);
    expect(live.timerAt).toBeNull(); // not started: nothing is due
    await ok(live, control, { type: 'exercise.start' });
    const deadline = T0 + 5 * MINUTE;
    expect(live.state.deadline).toBe(deadline);
    expect(live.timerAt).toBe(deadline);
    expect(vi.getTimerCount()).toBe(1);

    await pass(5 * MINUTE - 1);
    expect(live.state.phaseIndex).toBe(0);
    await pass(1);
    expect(live.state.phaseIndex).toBe(1);
    expect(live.state.deadline).toBe(deadline + 10 * MINUTE);
    expect(live.timerAt).toBe(deadline + 10 * MINUTE);
    expect(vi.getTimerCount()).toBe(1);

    const log = await storedLog(service, live.id);
    const ticks = ticksIn(log);
    expect(ticks.length).toBeGreaterThan(0);
    expect(ticks[0]).toMatchObject({ type: 'phase.started', phase: 'consult', at: deadline, by: SYSTEM });
    expect(new Set(ticks.map((e) => e.cmd))).toEqual(new Set([ticks[0]?.cmd]));
    expect(ticks[0]?.cmd).toMatch(/^tick-\d+$/);

    // Phase after phase, the clock carries on by itself.
    await pass(10 * MINUTE);
    expect(live.state.phaseIndex).toBe(2);
    await pass(5 * MINUTE);
    expect(live.state.phaseIndex).toBe(3);
    expect(JSON.stringify(fold(await storedLog(service, live.id)))).toBe(JSON.stringify(live.state));
  });

  it('a pause holds the deadline; resuming shifts it by the paused time', async () => {
    const service = await open();
    const live = await exercise(service);
    await ok(live, control, { type: 'exercise.start' });
    await pass(2 * MINUTE);
    await ok(live, control, { type: 'exercise.pause', reason: 'Coffee' });
    expect(live.timerAt).toBeNull();
    expect(vi.getTimerCount()).toBe(0);

    await pass(30 * MINUTE); // long past the deadline, but paused
    expect(live.state.phaseIndex).toBe(0);
    await ok(live, control, { type: 'exercise.resume' });
    const shifted = T0 + 5 * MINUTE + 30 * MINUTE;
    expect(live.state.deadline).toBe(shifted);
    expect(live.timerAt).toBe(shifted);
    const resumed = (await storedLog(service, live.id)).find((e) => e.type === 'exercise.resumed');
    expect(resumed).toMatchObject({ pausedMs: 30 * MINUTE });

    await pass(3 * MINUTE - 1);
    expect(live.state.phaseIndex).toBe(0);
    await pass(1);
    expect(live.state.phaseIndex).toBe(1);
    expect(ticksIn(await storedLog(service, live.id))[0]).toMatchObject({ type: 'phase.started', at: shifted });
    expect(JSON.stringify(fold(await storedLog(service, live.id)))).toBe(JSON.stringify(live.state));
  });

  it('turning auto-advance off clears the timer, on sets it again; the end clears it for good', async () => {
    const service = await open();
    const live = await exercise(service, false);
    await ok(live, control, { type: 'exercise.start' });
    expect(live.timerAt).toBeNull();
    await ok(live, control, { type: 'clock.auto', on: true });
    expect(live.timerAt).toBe(T0 + 5 * MINUTE);
    await ok(live, control, { type: 'clock.auto', on: false });
    expect(live.timerAt).toBeNull();
    await pass(20 * MINUTE);
    expect(live.state.phaseIndex).toBe(0);
    // Turned on after the deadline: it fires at once.
    await ok(live, control, { type: 'clock.auto', on: true });
    await pass(0);
    expect(live.state.phaseIndex).toBe(1);
    await ok(live, control, { type: 'exercise.end', reason: 'ENDEX' });
    expect(live.timerAt).toBeNull();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a client cannot send the tick: forbidden, and nothing changes', async () => {
    const service = await open();
    const live = await exercise(service);
    await ok(live, control, { type: 'exercise.start' });
    await ok(live, control, { type: 'clock.auto', on: false }); // so only the sender could make the phase end
    await pass(6 * MINUTE);
    const seq = live.state.seq;
    for (const actor of [control, arnholm])
      expect(await send(live, actor, { type: 'clock.tick' })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(live.state.seq).toBe(seq);
    expect(live.state.phaseIndex).toBe(0);
  });

  it('after a restart, an overdue deadline fires exactly once, and the next one is a full phase later', async () => {
    let service = await open();
    let live = await exercise(service);
    const id = live.id;
    await ok(live, control, { type: 'exercise.start' });
    const before = (await storedLog(service, id)).length;
    await close(service);
    expect(vi.getTimerCount()).toBe(0); // the clock stopped with the server

    // Down for three hours: the 5-minute phase is long overdue, by many phase lengths.
    vi.setSystemTime(T0 + 3 * 60 * MINUTE);
    service = await open();
    live = await service.exercise(id);
    await pass(0);
    await pass(0);
    const log = await storedLog(service, id);
    expect(log.length).toBeGreaterThan(before);
    const ticks = ticksIn(log);
    expect(ticks.filter((e) => e.type === 'phase.started')).toHaveLength(1);
    expect(live.state.phaseIndex).toBe(1);
    expect(live.state.turn).toBe(1);
    const restartAt = T0 + 3 * 60 * MINUTE;
    expect(ticks[0]).toMatchObject({ type: 'phase.started', phase: 'consult', at: restartAt });
    expect(live.state.deadline).toBe(restartAt + 10 * MINUTE);
    expect(live.timerAt).toBe(restartAt + 10 * MINUTE);

    // Nothing more until that deadline.
    await pass(10 * MINUTE - 1);
    expect(ticksIn(await storedLog(service, id)).filter((e) => e.type === 'phase.started')).toHaveLength(1);
    await pass(1);
    expect(live.state.phaseIndex).toBe(2);
    expect(JSON.stringify(fold(await storedLog(service, id)))).toBe(JSON.stringify(live.state));
  });

  it('a tick refused with nothing_due (the clock was stepped back) is logged at debug and the timer is set again', async () => {
    const { log, lines } = captureLog();
    let offset = 0;
    const store = new SqliteEventStore(joinPath(dir.path, 'concord.sqlite'));
    const service = await ConcordService.open({ store, log, now: () => Date.now() + offset });
    opened.push({ service, store });
    const live = await exercise(service);
    await ok(live, control, { type: 'exercise.start' });
    offset = -1_000; // the host's clock is stepped back one second after the timer was set
    await pass(5 * MINUTE);
    expect(live.state.phaseIndex).toBe(0);
    const refused = lines
      .map((l) => JSON.parse(l) as { msg: string; code?: string; level: number })
      .find((l) => l.msg === 'clock tick refused');
    expect(refused).toMatchObject({ code: 'nothing_due', level: 20 });
    expect(live.timerAt).toBe(T0 + 5 * MINUTE);
    await pass(1_000);
    expect(live.state.phaseIndex).toBe(1);
  });

  it('a tick that cannot be saved is logged and tried again a second later; nothing changes meanwhile', async () => {
    const { log, lines } = captureLog();
    let failures = 1;
    const service = await open(
      log,
      (store) =>
        new Proxy(store, {
          get(target, prop, receiver) {
            if (prop === 'append')
              return (req: Parameters<EventStore['append']>[0]) =>
                req.events[0]?.by.role === 'system' && failures-- > 0 ? Promise.reject(new Error('disk full')) : target.append(req);
            const value: unknown = Reflect.get(target, prop, receiver);
            return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
          },
        }),
    );
    const live = await exercise(service);
    await ok(live, control, { type: 'exercise.start' });
    await pass(5 * MINUTE);
    expect(live.state.phaseIndex).toBe(0);
    expect(lines.some((l) => l.includes('"append failed"') && l.includes('"level":50'))).toBe(true);
    expect(live.timerAt).toBe(T0 + 5 * MINUTE + TICK_RETRY_MS);
    await pass(TICK_RETRY_MS);
    expect(live.state.phaseIndex).toBe(1);
    expect(JSON.stringify(fold(await storedLog(service, live.id)))).toBe(JSON.stringify(live.state));
  });

  it('a deadline beyond what setTimeout can wait is reached in steps', async () => {
    const service = await open();
    const live = await exercise(service);
    await ok(live, control, { type: 'exercise.start' });
    // 26 days of extensions (the longest a scenario allows is 240 minutes at a time).
    for (let i = 0; i < 26 * 6; i++) await ok(live, control, { type: 'phase.extend', minutes: 240 });
    const deadline = live.state.deadline ?? 0;
    expect(deadline - Date.now()).toBeGreaterThan(MAX_TIMER_MS);
    expect(live.timerAt).toBe(deadline);
    await pass(MAX_TIMER_MS);
    expect(live.state.phaseIndex).toBe(0);
    expect(live.timerAt).toBe(deadline);
    await pass(deadline - Date.now());
    expect(live.state.phaseIndex).toBe(1);
  });
});
