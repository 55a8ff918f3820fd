/**
 * Where a nation's forces may go, and on what basis. A nation's own regions and uncontrolled
 * ones (open sea, contested ground) are open to it; an ally's regions only through:
 * - an agreement in force, binding both, with a basing and access clause covering the region;
 * - collective defence activated for that ally: every member may commit forces to the attacked
 *   member's regions without further consent;
 * - a treaty's basing clause invoked by the nation and activated (under a unilateral clause,
 *   only the hosts that answered in support open their regions).
 * The adversary's regions are never open: going there is an action for control to adjudicate.
 */
import { z } from 'zod';
import { Id } from '../../common.ts';
import { own } from '../envelope.ts';
import { isAllied } from '../define.ts';
import type { ExerciseState } from '../state.ts';
import { inForce } from '../negotiation/records.ts';

export const AccessBasis = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('own') }),
  z.strictObject({ kind: z.literal('open') }),
  z.strictObject({ kind: z.literal('agreement'), agreement: Id }),
  z.strictObject({ kind: z.literal('collective_defence'), consultation: Id }),
  z.strictObject({ kind: z.literal('treaty_basing'), consultation: Id }),
]);
export type AccessBasis = z.infer<typeof AccessBasis>;

/** Why a host's regions are open to a user's forces (the first basis found), or null. */
export function hostAccess(state: ExerciseState, user: string, host: string, region: string | null): AccessBasis | null {
  for (const id of state.agreementOrder) {
    const a = state.agreements[id];
    if (!a || !inForce(a) || !a.bound.includes(user) || !a.bound.includes(host)) continue;
    const v = a.versions.find((x) => x.number === a.inForce?.version);
    if (v?.clauses.some((c) => c.type === 'basing_access' && (c.regions.length === 0 || region === null || c.regions.includes(region))))
      return { kind: 'agreement', agreement: a.id };
  }
  for (const id of state.consultationOrder) {
    const c = state.consultations[id];
    if (c?.status !== 'activated' || !c.members.includes(user) || !c.members.includes(host)) continue;
    if (c.clauseType === 'collective_defence' && c.onBehalfOf === host && user !== host)
      return { kind: 'collective_defence', consultation: c.id };
    if (
      c.clauseType === 'basing_access' &&
      c.invoker.nation === user &&
      (c.rule !== 'unilateral' || c.ballot.votes[host]?.stance === 'support')
    )
      return { kind: 'treaty_basing', consultation: c.id };
  }
  return null;
}

/** Why a nation's forces may enter a region, or null when they may not. */
export function accessTo(state: ExerciseState, user: string, region: string): AccessBasis | null {
  const r = own(state.regions, region);
  if (!r) return null;
  if (r.controller === user) return { kind: 'own' };
  if (r.controller === null) return { kind: 'open' };
  if (!isAllied(state, r.controller)) return null;
  return hostAccess(state, user, r.controller, region);
}

/** Every pair (user, host) of allies whose host regions are open to the user's forces, with the basis. */
export function accessRights(state: ExerciseState): { user: string; host: string; basis: AccessBasis }[] {
  const nations = Object.keys(state.nations);
  const out: { user: string; host: string; basis: AccessBasis }[] = [];
  for (const user of nations)
    for (const host of nations) {
      if (user === host) continue;
      const basis = hostAccess(state, user, host, null);
      if (basis) out.push({ user, host, basis });
    }
  return out;
}
