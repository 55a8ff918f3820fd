/** What the state keeps of the escalation ladder: the moves, in order, and how to read a trend from them. */
import type { EscalationCause } from './events.ts';

export interface EscalationMoveRecord {
  readonly seq: number;
  readonly at: number;
  readonly turn: number;
  readonly from: number;
  readonly to: number;
  readonly delta: number;
  readonly clamped: boolean;
  readonly reason: string;
  readonly cause: EscalationCause;
}

export type Trend = 'rising' | 'steady' | 'falling';

export const trendOf = (from: number, to: number): Trend => (to > from ? 'rising' : to < from ? 'falling' : 'steady');

/**
 * The direction since the start of the turn: the level now against the level before this turn's
 * first move. Reads only this turn's moves (from the end), so it stays cheap however long the log.
 */
export function turnTrend(moves: readonly EscalationMoveRecord[], turn: number, level: number): Trend {
  let start = level;
  for (let i = moves.length - 1; i >= 0; i--) {
    const m = moves[i]!;
    if (m.turn !== turn) break;
    start = m.from;
  }
  return trendOf(start, level);
}
