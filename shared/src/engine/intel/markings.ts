/**
 * Classification banners and releasability. The banner is what a reader sees; `releasableTo`
 * is the rule views/ applies before anything is sent.
 */
import type { DisseminationDef, IntelDef } from '../../scenario/schema.ts';
import { CLASSIFICATIONS, type Classification } from '../../common.ts';
import type { ExerciseState } from '../state.ts';

export function releasableTo(originator: string, controls: DisseminationDef, nation: string): boolean {
  if (nation === originator) return true;
  if (controls.noforn) return false;
  return controls.relTo.includes(nation);
}

/** Whether a nation holds a report now: released, and releasable to it. The views show a nation exactly these. */
export function holdsReport(state: ExerciseState, r: IntelDef, nation: string): boolean {
  return state.intel[r.id]?.released === true && releasableTo(r.originator, r.controls, nation);
}

/**
 * The agreement in force whose intelligence-sharing clause makes a report releasable from its
 * originator to a nation, if any: both bound by it, and the report classified at or below the
 * clause's level. NOFORN and ORCON still hold: an agreement widens REL TO, never the originator's
 * own controls. Sharing a report (issue 10) honours this.
 */
export function sharingAgreement(state: ExerciseState, r: IntelDef, nation: string): string | null {
  if (nation === r.originator || r.controls.noforn || r.controls.orcon) return null;
  const level = CLASSIFICATIONS.indexOf(r.classification);
  for (const id of state.agreementOrder) {
    const a = state.agreements[id];
    if (a?.status !== 'in_force' || !a.bound.includes(r.originator) || !a.bound.includes(nation)) continue;
    const v = a.versions.find((x) => x.number === a.inForce?.version);
    if (v?.clauses.some((c) => c.type === 'intel_sharing' && CLASSIFICATIONS.indexOf(c.upTo) >= level)) return a.id;
  }
  return null;
}

/** e.g. `SECRET//REL TO CAL, KST, LND`, `CONFIDENTIAL//NOFORN`, `SECRET//ORCON//REL TO CAL, LND`. */
export function banner(classification: Classification, originator: string, controls: DisseminationDef): string {
  const parts: string[] = [classification];
  if (controls.orcon) parts.push('ORCON');
  if (controls.noforn) parts.push('NOFORN');
  else if (controls.relTo.length) {
    const rel = [...new Set([originator, ...controls.relTo])].sort();
    parts.push(`REL TO ${rel.join(', ')}`);
  }
  return parts.join('//');
}
