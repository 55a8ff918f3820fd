/**
 * Classification banners, releasability and holding. The banner is what a reader sees;
 * `releasableTo` is what the markings allow; `holdsReport` is what a nation has actually
 * received (at release, by a share, or as the originator), and what the views show it.
 */
import type { DisseminationDef } from '../../scenario/schema.ts';
import { CLASSIFICATIONS, type Classification } from '../../common.ts';
import { own } from '../envelope.ts';
import type { ExerciseState } from '../state.ts';
import type { IntelState, Markings } from './records.ts';

export function releasableTo(originator: string, controls: DisseminationDef, nation: string): boolean {
  if (nation === originator) return true;
  if (controls.noforn) return false;
  return controls.relTo.includes(nation);
}

/** A report's record, if it exists (scenario, ad hoc or assessment). */
export const reportOf = (state: ExerciseState, id: string): IntelState | undefined => own(state.intel, id);

/** Whether a nation holds the full report now: it reached it at release or by a share. The views show a nation exactly these. */
export function holdsReport(state: ExerciseState, r: { readonly id: string }, nation: string): boolean {
  const x = reportOf(state, r.id);
  return x?.status === 'released' && Object.hasOwn(x.holders, nation);
}

/** Whether a nation holds only the report's tearline (never the full text). */
export function holdsTearlineOnly(state: ExerciseState, r: { readonly id: string }, nation: string): boolean {
  const x = reportOf(state, r.id);
  return x?.status === 'released' && !Object.hasOwn(x.holders, nation) && Object.hasOwn(x.tearlineHolders, nation);
}

/** The current markings of a report, or of its tearline. */
export function markingsOf(x: IntelState, part: 'full' | 'tearline'): Markings | null {
  if (part === 'full') return { originator: x.def.originator, classification: x.def.classification, controls: x.controls };
  const t = x.def.tearline;
  return t ? { originator: x.def.originator, classification: t.classification, controls: t.controls } : null;
}

/**
 * The agreement in force whose intelligence-sharing clause makes a report releasable from its
 * originator to a nation, if any: both bound by it, and the report classified at or below the
 * clause's level. NOFORN and ORCON still hold: an agreement widens REL TO, never the originator's
 * own controls. A sender other than the originator must be bound by it too (it acts under an
 * agreement it is party to, never one it may not know of).
 */
export function sharingAgreement(state: ExerciseState, r: Markings, nation: string, sender: string | null = null): string | null {
  if (nation === r.originator || r.controls.noforn || r.controls.orcon) return null;
  const level = CLASSIFICATIONS.indexOf(r.classification);
  for (const id of state.agreementOrder) {
    const a = state.agreements[id];
    if (a?.status !== 'in_force' || !a.bound.includes(r.originator) || !a.bound.includes(nation)) continue;
    if (sender !== null && !a.bound.includes(sender)) continue;
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

/** A line's portion mark, e.g. `(S)`, `(C//REL TO CAL, LND)`, `(U)`: the mark and the rest of the line. */
const PORTION = /^\((TS|S|C|R|U)(\/\/[A-Z ,/]+)?\)\s*/;
export interface Portion {
  readonly mark: string | null;
  readonly text: string;
}
/** A body split into paragraphs, each with its portion mark if it has one. */
export function portions(body: string): Portion[] {
  return body
    .split(/\n{2,}/)
    .filter((p) => p.trim() !== '')
    .map((p) => {
      const m = PORTION.exec(p);
      return m ? { mark: m[0].trim().slice(1, -1), text: p.slice(m[0].length) } : { mark: null, text: p };
    });
}
