/**
 * Replay: the same fold as live play, with a snapshot at the start of every turn so that any
 * position can be reached by cloning the nearest snapshot and folding the tail.
 */
import { cloneState, evolve, genesis, LogIntegrityError, type EngineEvent, type ExerciseState } from '../engine/index.ts';
import { project, type Audience, type View } from '../views/project.ts';

export interface Snapshot {
  seq: number;
  turn: number;
  state: ExerciseState;
}

export class Replay {
  readonly events: readonly EngineEvent[];
  readonly snapshots: Snapshot[] = [];
  /** State after the last event. */
  readonly final: ExerciseState;

  constructor(events: readonly EngineEvent[]) {
    const first = events[0];
    if (!first || first.type !== 'exercise.created') throw new LogIntegrityError('a log must begin with exercise.created');
    this.events = events;
    const state = genesis(first);
    this.snapshots.push({ seq: state.seq, turn: 0, state: cloneState(state) });
    for (let i = 1; i < events.length; i++) {
      const e = events[i]!;
      evolve(state, e);
      // Snapshot after a turn's first phase.started and everything else its command produced.
      const next = events[i + 1];
      const turnBegan = e.type === 'phase.started' && e.phaseIndex === 0 && !e.restart;
      if (turnBegan || (this.pendingTurn !== null && (next === undefined || next.cmd !== e.cmd))) {
        if (turnBegan) this.pendingTurn = e.turn;
        if (next === undefined || next.cmd !== e.cmd) {
          this.snapshots.push({ seq: state.seq, turn: this.pendingTurn!, state: cloneState(state) });
          this.pendingTurn = null;
        }
      }
    }
    this.final = state;
  }

  private pendingTurn: number | null = null;

  get length(): number {
    return this.events.length;
  }

  get lastSeq(): number {
    return this.final.seq;
  }

  /** State right after event `seq` (clamped to the log). The result is a fresh copy. */
  seek(seq: number): ExerciseState {
    const target = Math.max(1, Math.min(seq, this.lastSeq));
    let lo = 0;
    let hi = this.snapshots.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.snapshots[mid]!.seq <= target) lo = mid;
      else hi = mid - 1;
    }
    const snap = this.snapshots[lo]!;
    const state = cloneState(snap.state);
    const base = this.events[0]!.seq;
    for (let s = snap.seq + 1; s <= target; s++) evolve(state, this.events[s - base]!);
    return state;
  }

  /** The sequence number at which a turn began (its first phase and scripted releases folded in). */
  turnStart(turn: number): number | null {
    return this.snapshots.find((s) => s.turn === turn)?.seq ?? null;
  }

  viewAt(seq: number, audience: Audience): View {
    return project(this.seek(seq), audience);
  }
}
