/**
 * The intelligence concern's records: every report (the scenario's, control's ad hoc ones and the
 * nations' assessments) with its current markings and who holds it, the provenance ledger of
 * shares, and ORCON release requests. Records are replaced, never changed in place.
 */
import type { Classification } from '../../common.ts';
import type { DisseminationDef, IntelDef } from '../../scenario/schema.ts';

export type Truth = 'true' | 'false' | 'deception';
export type IntelStatus = 'scheduled' | 'held' | 'released';
export type IntelOrigin = 'scenario' | 'control' | 'assessment';

/** A report as written: the scenario's shape, except that an assessment has no source grading. */
export type ReportDef = Readonly<Omit<IntelDef, 'grading'> & { grading: IntelDef['grading'] | null }>;

/** When and how a nation came to hold a report (or its tearline). */
export interface Holding {
  readonly at: number;
  readonly seq: number;
  readonly turn: number;
  /** The share that brought it, or null for its release (or for the originator). */
  readonly share: string | null;
}

export interface IntelState {
  readonly def: ReportDef;
  readonly origin: IntelOrigin;
  readonly status: IntelStatus;
  /** Control's verdict on the report (control-only). */
  readonly truth: Truth | null;
  /** The markings now in force: the written ones, widened by the originator. */
  readonly controls: DisseminationDef;
  /** Nations an ad hoc report reaches when it is released (besides its originator). */
  readonly releaseTo: readonly string[];
  readonly releasedAt: number | null;
  readonly releasedSeq: number | null;
  readonly releasedTurn: number | null;
  readonly statusNote: string | null;
  /** Who holds the full report, and since when. */
  readonly holders: Readonly<Record<string, Holding>>;
  /** Who holds only its tearline. */
  readonly tearlineHolders: Readonly<Record<string, Holding>>;
  /** Each widening by the originator, in order: who, when, what was added or lifted, and why. */
  readonly widenings: readonly Widening[];
}

export interface Widening {
  readonly seq: number;
  readonly at: number;
  readonly turn: number;
  readonly by: string;
  readonly relTo: readonly string[];
  readonly lift: readonly ('orcon' | 'noforn')[];
  readonly note: string;
}

export type ShareBasis = 'rel_to' | 'agreement' | 'orcon_approval' | 'assessment';

/** One line of the provenance ledger: who passed what to whom, when, on what basis. */
export interface ShareRecord {
  readonly id: string;
  readonly seq: number;
  readonly at: number;
  readonly turn: number;
  readonly report: string;
  readonly part: 'full' | 'tearline';
  readonly from: string;
  readonly to: readonly string[];
  readonly basis: ShareBasis;
  readonly agreement: string | null;
  readonly request: string | null;
  readonly note: string;
  /** The seat that sent it. */
  readonly by: { readonly name: string; readonly position: string | null };
}

export interface OrconRequest {
  readonly id: string;
  readonly seq: number;
  readonly at: number;
  readonly turn: number;
  readonly report: string;
  readonly part: 'full' | 'tearline';
  readonly originator: string;
  readonly from: string;
  readonly to: readonly string[];
  readonly reason: string;
  readonly by: { readonly name: string; readonly position: string | null };
  readonly status: 'pending' | 'approved' | 'denied';
  readonly answer: {
    readonly note: string;
    readonly at: number;
    readonly seq: number;
    readonly by: string;
    readonly share: string | null;
  } | null;
}

/** What a classification and its controls are, for the markings of a report or its tearline. */
export interface Markings {
  readonly originator: string;
  readonly classification: Classification;
  readonly controls: DisseminationDef;
}
