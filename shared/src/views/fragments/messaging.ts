/** Channels: a nation reads the channels it is a member of; the public reads none. */
import type { MessageRecord } from '../../engine/index.ts';
import type { ViewCtx } from '../context.ts';

export const canSeeMessage = ({ control, nation }: ViewCtx, m: MessageRecord): boolean =>
  control || (nation !== null && m.members.includes(nation));

export function messages(ctx: ViewCtx) {
  return { messages: ctx.state.messages.filter((m) => canSeeMessage(ctx, m)) };
}
