/**
 * A live exercise on this server: its folded state, a strictly ordered command queue, and the
 * write path decide → append (durable) → evolve → notify. It holds no rules: the engine decides.
 */
import type { Logger } from 'pino';
import {
  cloneState,
  decideParsed,
  evolve,
  fold,
  type Actor,
  type Command,
  type EngineEvent,
  type ExerciseState,
} from '@concord/shared/engine/index';
import type { Reply } from '@concord/shared/protocol/index';
import { LOG_FORMAT_VERSION, readableFormat } from '@concord/shared/engine/versioning';
import { InvalidEventError, type EventStore } from '../store/types.ts';

export type Listener = (events: readonly EngineEvent[], state: ExerciseState) => void;

export class LiveExercise {
  readonly id: string;
  state: ExerciseState;
  private readonly store: EventStore;
  private readonly log: Logger;
  private readonly now: () => number;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<Listener>();
  private lastSnapshotTurn: number;

  constructor(args: { state: ExerciseState; store: EventStore; log: Logger; now: () => number }) {
    this.id = args.state.exerciseId;
    this.state = args.state;
    this.store = args.store;
    this.log = args.log;
    this.now = args.now;
    this.lastSnapshotTurn = args.state.turn;
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
    if (found && !snap) await live.snapshot();
    return live;
  }

  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Apply one parsed command. Commands of one exercise run strictly one after another. */
  submit(actor: Actor, command: Command): Promise<Reply> {
    const run = this.chain.then(() => this.apply(actor, command));
    this.chain = run.catch(() => undefined);
    return run;
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
    if (this.state.status !== before) await this.store.setStatus(this.id, this.state.status);
    for (const fn of this.listeners) {
      try {
        fn(d.events, this.state);
      } catch (e) {
        this.log.error({ exercise: this.id, err: e }, 'listener failed');
      }
    }
    if (this.state.turn !== this.lastSnapshotTurn || this.state.status === 'ended') await this.snapshot();
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
