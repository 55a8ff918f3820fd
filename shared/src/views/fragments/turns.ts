/** The allied nations with their readiness for the phase; resources to the nations, caveats to each nation for itself. */
import { memo } from '../memo.ts';
import type { ViewCtx } from '../context.ts';

export function nations({ state, audience, control, nation }: ViewCtx) {
  return {
    nations: state.scenario.nations.map((n) => {
      const own = control || n.id === nation;
      const st = state.nations[n.id]!;
      return memo(st, audience, [n.id], () => ({
        id: n.id,
        name: n.name,
        colour: n.colour,
        capital: n.capital,
        positions: n.positions,
        ready: st.ready,
        readyAt: st.readyAt,
        resources: own || nation !== null ? n.resources : null,
        caveats: own ? n.caveats : null,
      }));
    }),
  };
}
