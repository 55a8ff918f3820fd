/**
 * Replay: the same fold as live play, with a snapshot at the start of every turn so that any
 * position can be reached by cloning the nearest snapshot and folding the tail.
 *
 * Positions are command boundaries. A command's events are appended and folded together, so the
 * state between two of them never existed live, and deciding on it can produce events the
 * schema refuses (between exercise.started and the first phase.started, phase.advance would start
 * "turn 0"). `seek(seq)` with a seq inside a command's events therefore lands on the end of that
 * command: the first state that contains event `seq` and that the exercise was really in.
 */
import { cloneState, evolve, genesis, LogIntegrityError, sameSender, type EngineEvent, type ExerciseState } from '../engine/index.ts';
import { project, type Audience, type View } from '../views/project.ts';

export interface Snapshot {
  seq: number;
  turn: number;
  state: ExerciseState;
}

/** Whether `e` is the first event of a command rather than a further event of the command of `prev` (as evolve decides). */
export const startsCommand = (prev: EngineEvent, e: EngineEvent): boolean =>
  e.cmd === null || e.cmd !== prev.cmd || !sameSender(prev.by, e.by);

export class Replay {
  readonly events: readonly EngineEvent[];
  readonly snapshots: Snapshot[] = [];
  /** The seq of the last event of every command (and of the genesis), ascending: the positions seek lands on. */
  readonly boundaries: readonly number[];
  /** State after the last event. */
  readonly final: ExerciseState;
  /** The seq of events[0]. */
  private readonly base: number;

  constructor(events: readonly EngineEvent[]) {
    const first = events[0];
    if (!first || first.type !== 'exercise.created') throw new LogIntegrityError('a log must begin with exercise.created');
    this.events = events;
    this.base = first.seq;
    const state = genesis(first);
    this.snapshots.push({ seq: state.seq, turn: 0, state: cloneState(state) });
    const boundaries: number[] = [];
    // The turn whose first phase.started is in the command being folded: snapshot when it ends.
    let pendingTurn: number | null = null;
    const commandEnded = (seq: number) => {
      boundaries.push(seq);
      if (pendingTurn !== null) this.snapshots.push({ seq, turn: pendingTurn, state: cloneState(state) });
      pendingTurn = null;
    };
    let prev: EngineEvent = first;
    for (let i = 1; i < events.length; i++) {
      const e = events[i];
      if (e === undefined) throw new LogIntegrityError(`event ${i + 1} is missing from the log`);
      if (startsCommand(prev, e)) commandEnded(prev.seq);
      evolve(state, e);
      if (e.type === 'phase.started' && e.phaseIndex === 0 && !e.restart) pendingTurn = e.turn;
      prev = e;
    }
    commandEnded(prev.seq);
    this.boundaries = boundaries;
    this.final = state;
  }

  get length(): number {
    return this.events.length;
  }

  get lastSeq(): number {
    return this.final.seq;
  }

  /**
   * The position seek(seq) lands on: `seq` clamped to the log, then moved forward to the end of
   * the command whose events contain it.
   */
  boundaryAt(seq: number): number {
    const target = Math.max(1, Math.min(seq, this.lastSeq));
    // The first boundary >= target; the last boundary is lastSeq, so there always is one.
    let lo = 0;
    let hi = this.boundaries.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.boundaries[mid] ?? Infinity) >= target) hi = mid;
      else lo = mid + 1;
    }
    return this.boundaries[lo] ?? this.lastSeq;
  }

  /**
   * State right after the command that contains event `seq` (clamped to the log), see
   * boundaryAt: never a state in the middle of a command. The result is a fresh copy.
   */
  seek(seq: number): ExerciseState {
    const target = this.boundaryAt(seq);
    const snap = this.snapshotBefore(target);
    const state = cloneState(snap.state);
    for (let s = snap.seq + 1; s <= target; s++) {
      const e = this.events[s - this.base];
      if (e === undefined) throw new LogIntegrityError(`event ${s} is missing from the log`);
      evolve(state, e);
    }
    return state;
  }

  /** The latest snapshot at or before `seq` (the genesis snapshot is at the log's first seq). */
  private snapshotBefore(seq: number): Snapshot {
    const [genesisSnap] = this.snapshots;
    if (genesisSnap === undefined) throw new LogIntegrityError('replay has no genesis snapshot');
    let lo = 0;
    let hi = this.snapshots.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.snapshots[mid]?.seq ?? Infinity) <= seq) lo = mid;
      else hi = mid - 1;
    }
    return this.snapshots[lo] ?? genesisSnap;
  }

  /** The sequence number at which a turn began (its first phase and scripted releases folded in). */
  turnStart(turn: number): number | null {
    return this.snapshots.find((s) => s.turn === turn)?.seq ?? null;
  }

  viewAt(seq: number, audience: Audience): View {
    return project(this.seek(seq), audience);
  }
}
