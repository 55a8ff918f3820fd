/**
 * Citations: what an invocation or a decision relies on (an inject, an outcome, a report, an
 * agreement, a consultation). A nation may cite only what it holds, and an item it does not hold
 * is answered exactly like an id nobody uses. "Holds" is the same test the views apply.
 */
import { z } from 'zod';
import { Id } from '../common.ts';
import { own, reject, type Rejection } from './envelope.ts';
import type { ExerciseState } from './state.ts';
import { addressedTo } from './injects/decide.ts';
import { holdsReport } from './intel/markings.ts';

export const CitationKind = z.enum(['inject', 'outcome', 'report', 'agreement', 'consultation']);
export type CitationKind = z.infer<typeof CitationKind>;
export const Citation = z.strictObject({ kind: CitationKind, id: Id });
export type Citation = z.infer<typeof Citation>;

/** Whether a nation holds the cited item now (control holds everything that exists). */
export function holds(state: ExerciseState, nation: string | null, c: Citation): boolean {
  switch (c.kind) {
    case 'inject': {
      const x = own(state.injects, c.id);
      return !!x && (nation === null || (x.status === 'released' && addressedTo(x.def, nation)));
    }
    case 'outcome': {
      const o = state.adjudications.find((a) => a.id === c.id);
      return !!o && (nation === null || o.visibleTo === 'ALL' || o.visibleTo.includes(nation));
    }
    case 'report': {
      const r = own(state.intel, c.id);
      return !!r && (nation === null || holdsReport(state, c, nation));
    }
    case 'agreement': {
      const a = own(state.agreements, c.id);
      return !!a && (nation === null || a.parties.includes(nation) || a.withdrawn.some((w) => w.nation === nation) || a.published !== null);
    }
    case 'consultation': {
      const x = own(state.consultations, c.id);
      return !!x && (nation === null || x.members.includes(nation));
    }
  }
}

export function checkCitations(
  state: ExerciseState,
  nation: string | null,
  cites: readonly Citation[],
  path: string,
): Rejection<'not_found'> | null {
  for (const [i, c] of cites.entries())
    if (!holds(state, nation, c)) return reject('not_found', `You hold no ${c.kind} by that id.`, `${path}[${i}].id`);
  return null;
}
