/**
 * Deploying forces, as the region card offers it: which of a nation's assets can move now, and
 * where each could go with the basis for it ("own territory", "open sea", "basing agreement: …",
 * "collective defence for …"), or why not. This labels the options only: the server decides,
 * with the engine's `accessTo` (forces/access.ts). The same rule is read here from what the
 * nation's view holds (its agreements and consultations), without loading the engine and its
 * schema library in the browser; deploy-model.test.ts holds it to `accessTo` region by region.
 */
import type { View } from '@concord/shared/views/index';
import { nationName, phaseLabel } from './labels.ts';

type Region = View['map']['regions'][number];
type Asset = View['assets'][number];
export type Basis = View['deployments'][number]['basis'];

export interface Destination {
  region: string;
  name: string;
  /** Whether the engine's access rule lets the nation's forces in. */
  open: boolean;
  /** The basis ("basing agreement: Grey Sound accord") or why it is closed. */
  why: string;
  basis: Basis | null;
}

const OPEN_WORDS: Readonly<Record<Region['domain'], string>> = {
  land: 'uncontrolled ground',
  sea: 'open sea',
  air: 'open airspace',
  cyber: 'open cyberspace',
  information: 'open information space',
};

/** Why a host's regions are open to a user's forces, read from the user's view (the engine's `hostAccess`). */
export function hostBasis(
  view: Pick<View, 'agreements' | 'consultations'>,
  user: string,
  host: string,
  region: string | null,
): Basis | null {
  for (const a of view.agreements) {
    if (a.status !== 'in_force' || !a.bound.includes(user) || !a.bound.includes(host)) continue;
    const v = a.versions.find((x) => x.number === a.inForce?.version);
    if (v?.clauses.some((c) => c.type === 'basing_access' && (c.regions.length === 0 || region === null || c.regions.includes(region))))
      return { kind: 'agreement', agreement: a.id };
  }
  for (const c of view.consultations) {
    if (c.status !== 'activated' || !c.members.includes(user) || !c.members.includes(host)) continue;
    if (c.clauseType === 'collective_defence' && c.onBehalfOf === host && user !== host)
      return { kind: 'collective_defence', consultation: c.id };
    if (
      c.clauseType === 'basing_access' &&
      c.invoker.nation === user &&
      (c.rule !== 'unilateral' || c.positions[host]?.stance === 'support')
    )
      return { kind: 'treaty_basing', consultation: c.id };
  }
  return null;
}

/** A basis in words, as the destination list and the deployment history show it. */
export function basisLabel(
  view: Pick<View, 'agreements' | 'consultations' | 'map' | 'nations' | 'adversary'>,
  basis: Basis,
  region?: string,
): string {
  switch (basis.kind) {
    case 'own':
      return 'own territory';
    case 'open': {
      const r = view.map.regions.find((x) => x.id === region);
      return r ? OPEN_WORDS[r.domain] : 'open';
    }
    case 'agreement':
      return `basing agreement: ${view.agreements.find((a) => a.id === basis.agreement)?.title ?? 'an agreement in force'}`;
    case 'collective_defence': {
      const c = view.consultations.find((x) => x.id === basis.consultation);
      return c ? `collective defence for ${nationName(view, c.onBehalfOf)}` : 'collective defence';
    }
    case 'treaty_basing': {
      const c = view.consultations.find((x) => x.id === basis.consultation);
      return c ? `treaty basing: ${c.article} of the ${c.treatyName}` : 'treaty basing';
    }
  }
}

type DeployView = Pick<View, 'agreements' | 'consultations' | 'map' | 'nations' | 'adversary'>;

/** Every other region, by name, open or closed to the nation's forces, with the basis or the reason. */
export function destinations(view: DeployView, nation: string, from: string): Destination[] {
  const allied = new Set(view.nations.map((n) => n.id));
  const out: Destination[] = [];
  for (const r of view.map.regions) {
    if (r.id === from) continue;
    const host = r.controller;
    if (host !== null && host !== nation && !allied.has(host)) {
      const why = `held by ${nationName(view, host)}: an action for exercise control to adjudicate`;
      out.push({ region: r.id, name: r.name, open: false, why, basis: null });
      continue;
    }
    const basis: Basis | null = host === nation ? { kind: 'own' } : host === null ? { kind: 'open' } : hostBasis(view, nation, host, r.id);
    const why = basis ? basisLabel(view, basis, r.id) : `${nationName(view, host ?? '')} has not opened it to your forces`;
    out.push({ region: r.id, name: r.name, open: basis !== null, why, basis });
  }
  // Open first, then by name.
  return out.sort((a, b) => Number(b.open) - Number(a.open) || a.name.localeCompare(b.name));
}

/** Whether an asset can deploy now: null, or why not ("Not ready", "Already deployed this turn"). */
export function cannotDeploy(view: Pick<View, 'deployments' | 'exercise'>, asset: Pick<Asset, 'id' | 'readiness'>): string | null {
  if (asset.readiness === 'not_ready') return 'Not ready to deploy';
  if (view.deployments.some((d) => d.asset === asset.id && d.turn === view.exercise.turn)) return 'Already deployed this turn';
  return null;
}

/** Whether this is the time to deploy; otherwise the sentence that says when. */
export function deployPhaseNote(view: Pick<View, 'exercise'>): string | null {
  const ex = view.exercise;
  if (ex.status === 'running' && ex.phase === 'submit') return null;
  if (ex.status === 'paused' && ex.phase === 'submit') return 'The exercise is paused: forces can be deployed once it resumes.';
  return `Forces can be deployed during the "${phaseLabel(view, 'submit')}" phase.`;
}
