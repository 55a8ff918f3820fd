/** The decision log: a team reads its own; control and evaluators read every team's; the public none. */
import type { ViewCtx } from '../context.ts';

export function decisions({ state, control, nation }: ViewCtx) {
  return { decisions: state.decisions.filter((d) => control || (nation !== null && d.nation === nation)) };
}
