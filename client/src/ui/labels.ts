/**
 * Human labels. The enumerations are taken from the shared schemas so that nothing is listed
 * twice; the ids a view carries (nations, positions, regions, assets, injects, reports, phases)
 * are turned into the names the scenario gives them. Screens show these, never the raw ids.
 * Each lookup falls back to the id only when the view does not know it.
 */
import { ACTION_TYPES as ACTIONS, CHANNELS as CHANNEL_IDS, READINESS as READINESS_IDS } from '@concord/shared/vocab';
import type { View } from '@concord/shared/views/index';
import type { AgreementClause, AgreementRule, AgreementStatus, Motion, Stance } from '@concord/shared/engine/index';
import type { Classification } from '@concord/shared/common';
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

// Negotiation, treaties and the decision log. The lists are typed against the engine's schemas
// (type imports only, so the browser loads no schema library): the compiler refuses a list that
// misses or invents a value.

type ClauseType = AgreementClause['type'];
type AgreementRuleId = AgreementRule | 'unilateral';

const CLAUSE_TYPE_LABELS = {
  consultation: 'Consultation',
  collective_defence: 'Collective defence',
  intel_sharing: 'Intelligence sharing',
  basing_access: 'Basing and access',
  burden_sharing: 'Burden sharing',
  sanctions_coordination: 'Sanctions coordination',
  mutual_aid: 'Mutual aid',
  non_aggression: 'Non-aggression',
} as const satisfies Record<ClauseType, string>;

/** The typed clauses of an agreement, in the order the draft form offers them. */
export const CLAUSE_TYPES = (Object.keys(CLAUSE_TYPE_LABELS) as ClauseType[]).map((id) => ({ id, label: CLAUSE_TYPE_LABELS[id] }));
export const clauseTypeLabel = (id: string): string => (CLAUSE_TYPE_LABELS as Record<string, string>)[id] ?? words(id);

const RULES = {
  consensus: { label: 'Consensus', explain: 'Every party must sign; any one party can veto it by rejecting.' },
  majority: { label: 'Majority', explain: 'In force once more than half the parties sign; it binds those who signed.' },
  silence: {
    label: 'Silence procedure',
    explain: 'Adopted at the deadline unless a party breaks silence before it; it then binds every party.',
  },
  unilateral: { label: 'Unilateral', explain: 'Each party answers for itself; the clause applies as soon as it is invoked.' },
} as const satisfies Record<AgreementRuleId, { label: string; explain: string }>;

/** The rules an agreement may be decided by (the treaties add "unilateral"). */
export const AGREEMENT_RULES = (['consensus', 'majority', 'silence'] as const satisfies readonly AgreementRule[]).map((id) => ({
  id,
  ...RULES[id],
}));
export const ruleLabel = (id: string): string => (RULES as Record<string, { label: string }>)[id]?.label ?? words(id);
export const ruleExplain = (id: string): string => (RULES as Record<string, { explain: string }>)[id]?.explain ?? '';

const STATUS_LABELS = {
  negotiating: 'In negotiation',
  in_force: 'In force',
  suspended: 'Suspended',
  rejected: 'Rejected',
  lapsed: 'Lapsed',
  abandoned: 'Abandoned',
  terminated: 'Terminated',
} as const satisfies Record<AgreementStatus, string>;
export const agreementStatusLabel = (id: string): string => (STATUS_LABELS as Record<string, string>)[id] ?? words(id);

const STANCE_LABELS = { support: 'Support', oppose: 'Oppose', abstain: 'Abstain' } as const satisfies Record<Stance, string>;
export const STANCES = (Object.keys(STANCE_LABELS) as Stance[]).map((id) => ({ id, label: STANCE_LABELS[id] }));
export const stanceLabel = (id: string): string => (STANCE_LABELS as Record<string, string>)[id] ?? words(id);

const MOTION_LABELS = { suspend: 'Suspend', resume: 'Resume', terminate: 'Terminate' } as const satisfies Record<Motion, string>;
export const MOTIONS = (Object.keys(MOTION_LABELS) as Motion[]).map((id) => ({ id, label: MOTION_LABELS[id] }));
export const motionLabel = (id: string): string => (MOTION_LABELS as Record<string, string>)[id] ?? words(id);

const CLASSIFICATION_ORDER = {
  UNCLASSIFIED: 0,
  RESTRICTED: 1,
  CONFIDENTIAL: 2,
  SECRET: 3,
  'TOP SECRET': 4,
} as const satisfies Record<Classification, number>;
/** The classifications, lowest first (an intelligence-sharing clause shares reports "up to" one). */
export const CLASSIFICATIONS = (Object.keys(CLASSIFICATION_ORDER) as Classification[]).sort(
  (a, b) => CLASSIFICATION_ORDER[a] - CLASSIFICATION_ORDER[b],
);

/**
 * Nation ids in a sentence the engine wrote ("Vetoed by BRV.", "KST withdrew; …") replaced by
 * the nations' names. Only the ids of this exercise's nations and adversary are replaced.
 */
export function withNames(view: Cast, text: string): string {
  const known = new Set([...view.nations.map((n) => n.id), view.adversary.id]);
  return text.replace(/\b[A-Z]{3}\b/g, (id) => (known.has(id) ? nationName(view, id) : id));
}

/** What a citation names, by its title: an inject, a report, an outcome, an agreement or a consultation. */
export function citationLabel(
  view: Pick<View, 'injects' | 'intel' | 'outcomes' | 'agreements' | 'consultations'>,
  c: { kind: string; id: string },
): string {
  switch (c.kind) {
    case 'inject':
      return injectLabel(view, c.id);
    case 'report':
      return `Report: ${intelTitle(view, c.id)}`;
    case 'outcome':
      return `Outcome: ${view.outcomes.find((o) => o.id === c.id)?.title ?? c.id}`;
    case 'agreement':
      return `Agreement: ${view.agreements.find((a) => a.id === c.id)?.title ?? c.id}`;
    case 'consultation': {
      const x = view.consultations.find((k) => k.id === c.id);
      return x ? `Consultation: ${x.treatyName}, ${x.article ? `${x.article} ` : ''}${x.clauseTitle}` : `Consultation ${c.id}`;
    }
    default:
      return c.id;
  }
}
