/**
 * The escalation ladder. Control and evaluators see everything: the ladder, the rung now, every
 * move with its reason and cause, and the playbook. The allied nations see what the scenario's
 * `escalation.show` allows: 'level' (the rung's number and name, the ladder's rungs, the trend),
 * 'trend' (only whether it rose, held or fell since the start of the turn) or 'none' (nothing).
 * The public sees nothing. Reasons, causes and the playbook never leave control.
 */
import { turnTrend, type EscalationMoveRecord, type Trend } from '../../engine/index.ts';
import type { ViewCtx } from '../context.ts';
import { memo } from '../memo.ts';

export interface Rung {
  level: number;
  name: string;
  description: string;
}

export type EscalationView =
  | {
      show: 'control';
      /** What the nations are shown, for control's own reference. */
      nations: 'level' | 'trend' | 'none';
      level: number;
      trend: Trend;
      ladder: readonly Rung[];
      playbook: ReadonlyArray<{ level: number; moves: string }>;
      moves: readonly EscalationMoveRecord[];
    }
  | { show: 'level'; level: number; trend: Trend; ladder: readonly Rung[] }
  | { show: 'trend'; trend: Trend };

export function escalation({ state, control, nation, audience }: ViewCtx): { escalation: EscalationView | null } {
  const s = state.scenario.escalation;
  const level = state.escalationLevel;
  const trend = turnTrend(state.escalationMoves, state.turn, level);
  if (control)
    return {
      escalation: {
        show: 'control',
        nations: s.show,
        level,
        trend,
        ladder: s.ladder,
        playbook: s.playbook,
        moves: [...state.escalationMoves],
      },
    };
  if (nation === null || s.show === 'none') return { escalation: null };
  if (s.show === 'trend') return { escalation: memo(s, audience, ['trend', trend], () => ({ show: 'trend' as const, trend })) };
  return { escalation: memo(s, audience, ['level', level, trend], () => ({ show: 'level' as const, level, trend, ladder: s.ladder })) };
}
