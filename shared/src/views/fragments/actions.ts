/**
 * Actions: a nation sees its own, and its allies' actions they shared with the alliance (allies.ts); control sees all (the adversary's included);
 * the public none. A nation's own action names the outcome that settled it only if the nation
 * reads that outcome: a restricted outcome is not revealed through the action it resolves.
 */
import type { ActionRecord } from '../../engine/index.ts';
import type { ViewCtx } from '../context.ts';
import { memo } from '../memo.ts';
import { canSeeOutcome } from './adjudication.ts';
import { allyAction, sharedByAlly } from './allies.ts';

export const canSeeAction = ({ control, nation }: ViewCtx, a: ActionRecord): boolean => control || (nation !== null && a.nation === nation);

export function actions(ctx: ViewCtx) {
  const { state } = ctx;
  let readable: Set<string> | null = null;
  const reads = (outcome: string) =>
    (readable ??= new Set(state.adjudications.filter((o) => canSeeOutcome(ctx, o)).map((o) => o.id))).has(outcome);
  return {
    actions: state.actionOrder.flatMap((id) => {
      const a = state.actions[id];
      if (!a) return [];
      // Allies' positions: an ally's action it shared with the alliance (see allies.ts).
      if (!canSeeAction(ctx, a)) return sharedByAlly(ctx, a) ? [allyAction(ctx, a, reads)] : [];
      if (ctx.control || a.adjudication === null || reads(a.adjudication)) return [a];
      return [memo(a, ctx.audience, ['unread outcome'], (): ActionRecord => ({ ...a, adjudication: null }))];
    }),
  };
}
