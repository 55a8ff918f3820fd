/**
 * Actions: a nation sees its own, never another's; control sees all (the adversary's included);
 * the public none. A nation's own action names the outcome that settled it only if the nation
 * reads that outcome: a restricted outcome is not revealed through the action it resolves.
 */
import type { ActionRecord } from '../../engine/index.ts';
import type { ViewCtx } from '../context.ts';
import { memo } from '../memo.ts';
import { canSeeOutcome } from './adjudication.ts';

export const canSeeAction = ({ control, nation }: ViewCtx, a: ActionRecord): boolean => control || (nation !== null && a.nation === nation);

export function actions(ctx: ViewCtx) {
  const { state } = ctx;
  let readable: Set<string> | null = null;
  const reads = (outcome: string) =>
    (readable ??= new Set(state.adjudications.filter((o) => canSeeOutcome(ctx, o)).map((o) => o.id))).has(outcome);
  return {
    actions: state.actionOrder.flatMap((id) => {
      const a = state.actions[id];
      if (!a || !canSeeAction(ctx, a)) return [];
      if (ctx.control || a.adjudication === null || reads(a.adjudication)) return [a];
      return [memo(a, ctx.audience, ['unread outcome'], (): ActionRecord => ({ ...a, adjudication: null }))];
    }),
  };
}
