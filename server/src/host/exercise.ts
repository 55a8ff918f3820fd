/**
 * A live exercise on this server: its folded state, a strictly ordered command queue, and the
 * write path decide → append (durable) → evolve → notify. It holds no rules: the engine decides.
 *
 * It also holds the exercise's one clock timer. After every applied command (and on creation,
 * so after a restore) it asks the engine what is due next (`nextDue`) and sets the timer for
 * that time; when the timer fires it submits `clock.tick` as the system actor through the same
 * queue and write path as a client's command, so the tick and what it caused are in the log.
 * See docs/clock.md.
 */
import type { Logger } from 'pino';
import {
  cloneState,
  decideParsed,
  evolve,
  fold,
  nextDue,
  SYSTEM,
  type Actor,
  type Command,
  type EngineEvent,
  type ExerciseState,
} from '@concord/shared/engine/index';
import type { Reply } from '@concord/shared/protocol/index';
import { LOG_FORMAT_VERSION, readableFormat } from '@concord/shared/engine/versioning';
import { InvalidEventError, type EventStore } from '../store/types.ts';

export type Listener = (events: readonly EngineEvent[], state: ExerciseState) => void;

/** The longest delay setTimeout takes (about 24.8 days); a longer wait is made in steps. */
export const MAX_TIMER_MS = 2 ** 31 - 1;
/** After a tick that failed (or was refused while something is overdue), wait this long first, doubling up to the cap. */
export const TICK_RETRY_MS = 1_000;
export const TICK_RETRY_MAX_MS = 60_000;

export class LiveExercise {
  readonly id: string;
  state: ExerciseState;
  private readonly store: EventStore;
  private readonly log: Logger;
  private readonly now: () => number;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<Listener>();
  private lastSnapshotTurn: number;
  /** The one clock timer, while something is due and no tick is on its way. */
  private timer: ReturnType<typeof setTimeout> | null = null;
  private armedFor: number | null = null;
  /** A tick is queued or being applied; it sets the timer again when it is done. */
  private ticking = false;
  /** Ticks in a row that failed, for the retry delay. */
  private failedTicks = 0;
  private closed = false;

  constructor(args: { state: ExerciseState; store: EventStore; log: Logger; now: () => number }) {
    this.id = args.state.exerciseId;
    this.state = args.state;
    this.store = args.store;
    this.log = args.log;
    this.now = args.now;
    this.lastSnapshotTurn = args.state.turn;
    // What fell due while no server held the exercise fires now, one item per tick, in order.
    this.arm();
  }

  /**
   * Rebuild from the store: the latest snapshot plus the tail of the log. A snapshot of an older
   * format is discarded (snapshots are a cache of the fold, so they are never upcast): the state
   * is folded from the whole log, which the store has upcast, and a fresh snapshot is saved. A
   * snapshot of a newer format is refused (LogFormatError, naming both versions).
   */
  static async restore(args: { id: string; store: EventStore; log: Logger; now: () => number }): Promise<LiveExercise> {
    const { id, store } = args;
    const all = await store.events(id, 0);
    const genesis = all[0];
    if (!genesis || genesis.type !== 'exercise.created') throw new Error(`exercise ${id}: log has no genesis event`);
    const found = await store.snapshot(id);
    const snap = found && readableFormat('snapshot', found.format) === LOG_FORMAT_VERSION ? found : null;
    let state: ExerciseState;
    if (snap) {
      state = { ...(JSON.parse(snap.state) as Omit<ExerciseState, 'scenario'>), scenario: genesis.scenario };
      // Restore key order so serialised states compare byte for byte with a full fold.
      state = { ...fold([genesis]), ...state };
      for (const e of all) if (e.seq > snap.seq) evolve(state, e);
    } else {
      state = fold(all);
    }
    args.log.info(
      { exercise: id, seq: state.seq, fromSnapshot: snap?.seq ?? null, discardedSnapshotFormat: found && !snap ? found.format : undefined },
      'exercise restored',
    );
    const live = new LiveExercise({ ...args, state });
    if (found && !snap)
      await live
        .snapshot()
        .catch((e: unknown) => args.log.error({ exercise: id, err: e }, 'rebuilt snapshot not saved (the log is intact)'));
    return live;
  }

  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Apply one parsed command. Commands of one exercise run strictly one after another. */
  submit(actor: Actor, command: Command): Promise<Reply> {
    return this.enqueue(() => this.apply(actor, command));
  }

  /** Stop the clock: no timer is set and no tick is submitted after this. Resolves once queued work is done. */
  async close(): Promise<void> {
    this.closed = true;
    this.clearTimer();
    await this.chain;
  }

  /** When the clock timer is set to fire (on the injected clock), or null when it is not set. */
  get timerAt(): number | null {
    return this.timer === null ? null : this.armedFor;
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.chain.then(work);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.armedFor = null;
  }

  /**
   * Set the one timer for the earliest due item, or clear it when nothing is due (not running,
   * auto-advance off, the last phase). `minDelay` holds a retry back after a failed tick.
   */
  private arm(minDelay = 0): void {
    this.clearTimer();
    if (this.closed || this.ticking) return;
    const due = nextDue(this.state);
    if (!due) return;
    const wait = Math.max(0, minDelay, due.at - this.now());
    const delay = Math.min(wait, MAX_TIMER_MS);
    this.armedFor = this.now() + wait;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.armedFor = null;
      // A wait longer than setTimeout allows is made in steps: look again from the clock's time.
      if (delay < wait) this.arm();
      else this.tick().catch((err: unknown) => this.log.error({ exercise: this.id, err }, 'clock tick failed'));
    }, delay);
    this.log.debug({ exercise: this.id, due: due.what, at: due.at, delay: wait }, 'clock armed');
  }

  /** Submit `clock.tick` as the system actor through the queue, then set the timer again. */
  private async tick(): Promise<void> {
    if (this.closed) return;
    this.ticking = true;
    let retry = 0;
    try {
      const reply = await this.enqueue(async (): Promise<Reply | null> => {
        if (this.closed) return null;
        // The id is taken when the tick's turn in the queue comes: unique, since every accepted
        // tick moves seq on (a refused one is not logged, so its id may come again).
        return this.apply(SYSTEM, { id: `tick-${this.state.seq}`, type: 'clock.tick' });
      });
      if (reply === null) return;
      if (reply.ok) {
        this.failedTicks = 0;
      } else if (reply.code === 'storage_error') {
        retry = this.retryDelay();
      } else {
        this.log.debug({ exercise: this.id, code: reply.code, message: reply.message }, 'clock tick refused');
        const due = nextDue(this.state);
        // Refused though the host sees the item as due: hold back rather than spin.
        if (due && due.at <= this.now()) retry = this.retryDelay();
        else this.failedTicks = 0;
      }
    } catch (err) {
      this.log.error({ exercise: this.id, err }, 'clock tick failed');
      retry = this.retryDelay();
    } finally {
      this.ticking = false;
      this.arm(retry);
    }
  }

  private retryDelay(): number {
    this.failedTicks++;
    return Math.min(TICK_RETRY_MAX_MS, TICK_RETRY_MS * 2 ** (this.failedTicks - 1));
  }

  private async apply(actor: Actor, command: Command): Promise<Reply> {
    const at = Math.max(this.now(), this.state.lastAt);
    const d = decideParsed(this.state, { command, actor, at });
    if (!d.ok) return { ok: false, ...d.rejection };
    if (d.duplicate) return { ok: true, seqs: range(d.seqs[0], d.seqs[1]), duplicate: true };
    try {
      await this.store.append({ exerciseId: this.id, expectedSeq: this.state.seq, events: d.events });
    } catch (e) {
      this.log.error({ exercise: this.id, err: e, command: d.events[0]?.cmd }, 'append failed');
      // The engine produced an event its own schema refuses: a bug, and nothing was saved or folded.
      if (e instanceof InvalidEventError)
        return { ok: false, code: e.code, message: 'The command produced an invalid event, so nothing changed. Tell the exercise staff.' };
      return { ok: false, code: 'storage_error', message: 'The command could not be saved, so nothing changed. Try again.' };
    }
    const before = this.state.status;
    for (const e of d.events) evolve(this.state, e);
    if (actor.role === 'system')
      this.log.info({ exercise: this.id, command: command.type, seq: this.state.seq, events: d.events.map((e) => e.type) }, 'clock fired');
    this.arm();
    // The command is durable and folded: everyone hears of it now, whatever the bookkeeping below does.
    for (const fn of this.listeners) {
      try {
        fn(d.events, this.state);
      } catch (e) {
        this.log.error({ exercise: this.id, err: e }, 'listener failed');
      }
    }
    // Best effort: the status column and the snapshot are caches of the log, so their failure
    // must not turn an applied command into a refusal.
    try {
      if (this.state.status !== before) await this.store.setStatus(this.id, this.state.status);
      if (this.state.turn !== this.lastSnapshotTurn || this.state.status === 'ended') await this.snapshot();
    } catch (e) {
      this.log.error({ exercise: this.id, err: e }, 'status or snapshot not saved (the log has the command)');
    }
    return { ok: true, seqs: d.events.map((e) => e.seq), duplicate: false };
  }

  /** Save a snapshot (a cache for fast recovery; the log stays the truth). */
  async snapshot(): Promise<void> {
    const { scenario: _scenario, ...rest } = cloneState(this.state);
    await this.store.saveSnapshot(this.id, this.state.seq, JSON.stringify(rest));
    this.lastSnapshotTurn = this.state.turn;
  }
}

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
