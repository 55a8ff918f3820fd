/**
 * Classification banners and releasability. The banner is what a reader sees; `releasableTo`
 * is the rule views/ applies before anything is sent.
 */
import type { DisseminationDef } from '../../scenario/schema.ts';
import type { Classification } from '../../common.ts';

export function releasableTo(originator: string, controls: DisseminationDef, nation: string): boolean {
  if (nation === originator) return true;
  if (controls.noforn) return false;
  return controls.relTo.includes(nation);
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
