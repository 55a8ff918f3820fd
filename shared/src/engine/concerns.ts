/**
 * The list of engine concerns. Everything the engine used to keep by hand is derived from it: the
 * command and event unions, `commandInfo`, the handler and evolver tables, the initial state, the
 * snapshot clone, the phase-entry and due-time hooks, the simulation bots, the protocol reference
 * and the property tests' field names.
 *
 * Adding a concern: write its folder with a `concern.ts` (see docs/architecture.md), add it here,
 * and give it a panel in the client's registry. The order matters where hooks run: phase-entry
 * events are concatenated in this order.
 */
import type { CoreState, ExerciseState } from './state.ts';
import { lifecycle } from './lifecycle/concern.ts';
import { turns } from './turns/concern.ts';
import { clock } from './clock/concern.ts';
import { intel } from './intel/concern.ts';
import { injects } from './injects/concern.ts';
import { messaging } from './messaging/concern.ts';
import { negotiation } from './negotiation/concern.ts';
import { treaties } from './treaties/concern.ts';
import { decisions } from './decisions/concern.ts';
import { forces } from './forces/concern.ts';
import { operations } from './operations/concern.ts';
import { actions } from './actions/concern.ts';
import { adjudication } from './adjudication/concern.ts';
import { escalation } from './escalation/concern.ts';
import { cohesion } from './cohesion/concern.ts';
import { evaluation } from './evaluation/concern.ts';

export const CONCERNS = [
  lifecycle,
  turns,
  clock,
  intel,
  injects,
  messaging,
  negotiation,
  treaties,
  decisions,
  forces,
  operations,
  actions,
  adjudication,
  escalation,
  cohesion,
  evaluation,
] as const;

// The state type is written out in state.ts (deriving it from this list would make the types
// circular); this fails to compile unless it is exactly the core plus the slices declared here.
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type Declared = CoreState & UnionToIntersection<ReturnType<(typeof CONCERNS)[number]['initial']>>;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const STATE_MATCHES_CONCERNS: Same<Declared, ExerciseState> = true;
