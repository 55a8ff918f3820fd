/**
 * Allies' positions: what each ally chose to show the others. An allied nation's action marked
 * `shared` is shown to every other allied nation (the adversary has no allies: its actions are
 * never shared), stripped of the matrix argument it made to control; whether its outcome link
 * shows is the actions fragment's rule for any action. This fragment lists, for a nation, each
 * ally with the scenario treaties both are party to; the panel gathers the rest (shared actions,
 * agreements in force or published, consultation positions) from the fragments that decide them.
 */
import type { ActionRecord } from '../../engine/index.ts';
import type { ViewCtx } from '../context.ts';
import { memo } from '../memo.ts';

/** An ally's action this nation may read because the ally shared it with the alliance. */
export const sharedByAlly = ({ state, nation }: ViewCtx, a: ActionRecord): boolean =>
  nation !== null && a.nation !== nation && a.shared && Object.hasOwn(state.nations, a.nation);

/**
 * An ally's shared action as the nation reads it: marked as the ally's (`ally: true`), without the
 * argument made to control, and naming its outcome only if the nation reads that outcome.
 */
export const allyAction = (ctx: ViewCtx, a: ActionRecord, reads: (outcome: string) => boolean): ActionRecord & { ally: true } => {
  const link = a.adjudication !== null && reads(a.adjudication);
  return memo(a, ctx.audience, ['ally', link], () => ({
    ...a,
    argument: null,
    adjudication: link ? a.adjudication : null,
    ally: true as const,
  }));
};

export interface AllyView {
  nation: string;
  /** Scenario treaties (alliances and side agreements) both nations are party to. */
  treaties: string[];
}

export function allies({ state, nation, audience }: ViewCtx): { allies: AllyView[] | null } {
  if (nation === null) return { allies: null };
  const s = state.scenario;
  return {
    allies: memo(s, audience, [], () =>
      s.nations
        .filter((n) => n.id !== nation)
        .map((n) => ({
          nation: n.id,
          treaties: s.treaties.filter((t) => t.parties.includes(nation) && t.parties.includes(n.id)).map((t) => t.id),
        })),
    ),
  };
}
