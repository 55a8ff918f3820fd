/**
 * Human labels. The enumerations are taken from the shared schemas so that nothing is listed
 * twice; the ids a view carries (nations, positions, regions, assets, injects, reports, phases)
 * are turned into the names the scenario gives them. Screens show these, never the raw ids.
 * Each lookup falls back to the id only when the view does not know it.
 */
import { ACTION_TYPES as ACTIONS, CHANNELS as CHANNEL_IDS, READINESS as READINESS_IDS } from '@concord/shared/vocab';
import type { View } from '@concord/shared/views/index';
import { ROLE_LABELS } from '../format.ts';

const words = (s: string) => s.replace(/_/g, ' ').replace(/^\w/, (c) => c.toUpperCase());

export const ACTION_TYPES = ACTIONS.map((id) => ({ id, label: words(id) }));
export const CHANNELS = CHANNEL_IDS.map((id) => ({ id, label: words(id) }));
export const READINESS = READINESS_IDS.map((id) => ({ id, label: words(id) }));

export const actionTypeLabel = (id: string): string => ACTION_TYPES.find((t) => t.id === id)?.label ?? words(id);

/** The nations and the adversary: who can hold a region, own an asset, act, or receive. */
type Cast = Pick<View, 'nations' | 'adversary'>;

/** "KST" → "Republic of Kestria"; the adversary's id → its name. */
export function nationName(view: Cast, id: string): string {
  if (id === view.adversary.id) return view.adversary.name;
  return view.nations.find((n) => n.id === id)?.name ?? id;
}

/**
 * Who a list of nations is: "everyone" for ALL (alone or in the list), "nobody" when empty,
 * else their names ("Arnholm, Bravaria"). For an outcome's readers, an inject's recipients,
 * a report's releasability, a treaty's parties.
 */
export function nationsLabel(view: Cast, ids: 'ALL' | readonly string[]): string {
  if (ids === 'ALL' || ids.includes('ALL')) return 'everyone';
  if (ids.length === 0) return 'nobody';
  return ids.map((id) => nationName(view, id)).join(', ');
}

/** A position's title in a nation's team: ("KST", "fm") → "Minister of Foreign Affairs". */
export function positionTitle(view: Pick<View, 'nations'>, nation: string | null, position: string): string {
  const team = nation === null ? view.nations : view.nations.filter((n) => n.id === nation);
  for (const n of team) {
    const p = n.positions.find((q) => q.id === position);
    if (p) return p.title;
  }
  return position;
}

/**
 * A participant's seat: "Republic of Kestria — Minister of Foreign Affairs" for a nation team
 * (the nation alone without a position), else the role ("Exercise control", "Evaluator",
 * "Observer"). Without a view yet, a nation seat reads "Nation team".
 */
export function seatLabel(view: Cast | null, seat: { role: string; nation: string | null; position: string | null }): string {
  const role = ROLE_LABELS[seat.role] ?? words(seat.role);
  if (seat.nation === null) return role;
  if (view === null) return ROLE_LABELS.nation ?? role;
  const nation = nationName(view, seat.nation);
  const team = seat.role === 'nation' ? nation : `${role}, ${nation}`;
  return seat.position === null ? team : `${team} — ${positionTitle(view, seat.nation, seat.position)}`;
}

/** A channel named by its other members ("CAL+KST" seen by CAL → "Republic of Kestria"). */
export function channelTitle(view: Cast, members: readonly string[], self: string | null): string {
  const others = members.filter((m) => m !== self);
  return (others.length === 0 ? members : others).map((m) => nationName(view, m)).join(' · ');
}

export const regionName = (view: Pick<View, 'map'>, id: string): string => view.map.regions.find((r) => r.id === id)?.name ?? id;

export const assetName = (view: Pick<View, 'assets'>, id: string): string => view.assets.find((a) => a.id === id)?.name ?? id;

/** "Inject #12: Gas pressure drops in Kestria". */
export function injectLabel(view: Pick<View, 'injects'>, id: string): string {
  const x = view.injects.find((i) => i.id === id);
  return x ? `Inject #${x.number}: ${x.subject}` : id;
}

/** An intelligence report by its title. */
export const intelTitle = (view: Pick<View, 'intel'>, id: string): string => view.intel.find((r) => r.id === id)?.title ?? id;

/** "consult" → "Consultation and negotiation". */
export const phaseLabel = (view: Pick<View, 'exercise'>, id: string): string => view.exercise.phases.find((p) => p.id === id)?.label ?? id;
