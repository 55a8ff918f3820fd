/**
 * The setting the scenario fixes: the briefs, the adversary, the personas and the treaties
 * (trust between allies is the cohesion fragment's). A nation reads its own brief and the treaties it is party to (and
 * every alliance); the public reads the public brief and the alliances.
 */
import { memo } from '../memo.ts';
import type { ViewCtx } from '../context.ts';

export function brief({ state, control, nation }: ViewCtx) {
  const n = state.scenario.narrative;
  return {
    brief: {
      public: n.publicBrief,
      nation: nation !== null ? (n.nationBriefs[nation] ?? '') : null,
      nations: control ? n.nationBriefs : null,
    },
  };
}

export function adversary({ state, audience }: ViewCtx) {
  const a = state.scenario.adversary;
  return { adversary: memo(a, audience, [], () => ({ id: a.id, name: a.name, colour: a.colour, description: a.description })) };
}

export function personas({ state, audience }: ViewCtx) {
  const ps = state.scenario.personas;
  return {
    personas: memo(ps, audience, [], () => ps.map((p) => ({ id: p.id, name: p.name, kind: p.kind, affiliation: p.affiliation ?? null }))),
  };
}

export function treaties({ state, control, nation }: ViewCtx) {
  return {
    treaties: state.scenario.treaties.filter((t) => control || t.kind === 'alliance' || (nation !== null && t.parties.includes(nation))),
  };
}
