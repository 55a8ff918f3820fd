/**
 * Trust between allies. Control and evaluators see every pair, with its value, its trend this
 * turn and every change with its cause. A nation sees only its own pairs the scenario marks
 * `visible`, and of those what `cohesionRules.show` allows: the value and trend ('level'), the
 * trend alone ('trend'), or nothing ('none'). Never another pair, never the reasons or causes.
 * The public sees nothing.
 */
import type { CohesionChangeRecord, CohesionPair, Trend } from '../../engine/index.ts';
import { trendOf } from '../../engine/index.ts';
import type { ViewCtx } from '../context.ts';
import { memo } from '../memo.ts';

export interface PairView {
  a: string;
  b: string;
  /** Absent when only the trend is shown. */
  value?: number;
  trend: Trend;
  /** Control only: whether the two nations are shown this pair. */
  visible?: boolean;
}

export interface CohesionView {
  /** What this audience is shown: 'control' sees everything. */
  show: 'control' | 'level' | 'trend' | 'none';
  pairs: PairView[];
  /** Control only: every change, in order. */
  changes: CohesionChangeRecord[] | null;
}

const trendNow = (p: CohesionPair, turn: number): Trend => (p.turnStart.turn === turn ? trendOf(p.turnStart.value, p.value) : 'steady');

export function cohesion({ state, control, nation, audience }: ViewCtx): { cohesion: CohesionView | null } {
  const turn = state.turn;
  const all = Object.values(state.cohesion);
  if (control)
    return {
      cohesion: {
        show: 'control',
        pairs: all.map((p) =>
          memo(p, audience, [turn], (): PairView => ({ a: p.a, b: p.b, value: p.value, trend: trendNow(p, turn), visible: p.visible })),
        ),
        changes: [...state.cohesionChanges],
      },
    };
  if (nation === null) return { cohesion: null };
  const show = state.scenario.cohesionRules.show;
  if (show === 'none') return { cohesion: { show, pairs: [], changes: null } };
  const mine = all.filter((p) => p.visible && (p.a === nation || p.b === nation));
  return {
    cohesion: {
      show,
      pairs: mine.map((p) =>
        memo(p, audience, [show, turn], (): PairView =>
          show === 'level' ? { a: p.a, b: p.b, value: p.value, trend: trendNow(p, turn) } : { a: p.a, b: p.b, trend: trendNow(p, turn) },
        ),
      ),
      changes: null,
    },
  };
}
