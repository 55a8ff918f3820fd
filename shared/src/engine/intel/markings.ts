/**
 * Classification banners and releasability. The banner is what a reader sees; `releasableTo`
 * is the rule views/ applies before anything is sent.
 */
import type { DisseminationDef, IntelDef } from '../../scenario/schema.ts';
import type { Classification } from '../../common.ts';
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
