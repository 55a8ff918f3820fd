/** Actions: a nation sees its own, never another's; control sees all (the adversary's included); the public none. */
import type { ActionRecord } from '../../engine/index.ts';
import type { ViewCtx } from '../context.ts';

export const canSeeAction = ({ control, nation }: ViewCtx, a: ActionRecord): boolean => control || (nation !== null && a.nation === nation);

export function actions(ctx: ViewCtx) {
  const { state } = ctx;
  return { actions: state.actionOrder.map((id) => state.actions[id]!).filter((a) => canSeeAction(ctx, a)) };
}
