/**
 * project(state, audience) -> that audience's picture of the exercise. The views are the only
 * place where visibility is decided; the server sends nothing else, so what is not in a
 * projection never reaches that audience's socket.
 *
 * - control (facilitator, evaluator): everything, including the MSEL, ground truth, rationale.
 * - nation X: its own material, public material, what is addressed to X, and intel releasable to X.
 * - public (observers of the public picture): the map, public news and outcomes released to all.
 *
 * The picture is assembled from one fragment per part (`fragments/`, by engine concern), in the
 * order of the list below, which is the order of the view's keys. Each fragment decides what its
 * part shows to the audience; projected records are cached with `memo`, keyed by the audience.
 * What an audience is shown over time, as the exercise runs, is `feed.ts`.
 */
import type { ExerciseState } from '../engine/index.ts';
import type { Audience } from './audience.ts';
import { viewCtx } from './context.ts';
import { exercise } from './fragments/lifecycle.ts';
import { adversary, brief, personas, treaties } from './fragments/scenario.ts';
import { nations } from './fragments/turns.ts';
import { adjudicationRolls, assets, map, outcomes } from './fragments/adjudication.ts';
import { injects } from './fragments/injects.ts';
import { intel, intelOptions, intelRequests, intelShares } from './fragments/intel.ts';
import { messages } from './fragments/messaging.ts';
import { actions } from './fragments/actions.ts';
import { agreements } from './fragments/negotiation.ts';
import { consultations } from './fragments/treaties.ts';
import { decisions } from './fragments/decisions.ts';
import { access, deployments } from './fragments/forces.ts';
import { burden, operations } from './fragments/operations.ts';
import { control } from './fragments/control.ts';
import { escalation } from './fragments/escalation.ts';
import { cohesion } from './fragments/cohesion.ts';
import { allies } from './fragments/allies.ts';

export * from './audience.ts';

/** The parts of a view, in the order of its keys; each fragment gives one key. */
export const FRAGMENTS = [
  exercise,
  brief,
  nations,
  adversary,
  personas,
  map,
  assets,
  injects,
  intel,
  intelShares,
  intelRequests,
  intelOptions,
  messages,
  actions,
  outcomes,
  adjudicationRolls,
  treaties,
  agreements,
  consultations,
  decisions,
  access,
  deployments,
  escalation,
  operations,
  burden,
  cohesion,
  allies,
  control,
] as const;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type Simplify<T> = { [K in keyof T]: T[K] } & {};
type Parts = UnionToIntersection<ReturnType<(typeof FRAGMENTS)[number]>>;

export type View = Simplify<{ audience: string } & Parts>;

export function project(state: ExerciseState, audience: Audience): View {
  const ctx = viewCtx(state, audience);
  const view: Record<string, unknown> = { audience: ctx.label };
  for (const fragment of FRAGMENTS) Object.assign(view, fragment(ctx));
  return view as View;
}
