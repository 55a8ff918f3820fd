import { z } from 'zod';
import { Id, NationId } from '../../common.ts';
import { Dissemination, Grading, IntelReport } from '../../scenario/schema.ts';
import { event } from '../define.ts';
import { TRUTHS } from './commands.ts';

/**
 * A report is released: it reaches its originator and the nations in `to` (an inject's addressees
 * its markings release it to, or those control named). `to` is null in logs before format 4: then
 * it reached every nation its markings released it to.
 */
export const IntelReleased = event('intel.released', {
  intel: Id,
  turn: z.number().int().min(1),
  to: z.array(NationId).nullable(),
  reason: z.enum(['scheduled', 'inject', 'manual']),
  inject: Id.nullable(),
});
/** A report already released reaches more nations when another inject carrying it goes out. */
export const IntelDelivered = event('intel.delivered', { intel: Id, turn: z.number().int().min(1), to: z.array(NationId), inject: Id });
export const IntelHeld = event('intel.held', { intel: Id, note: z.string() });
export const IntelResumed = event('intel.resumed', { intel: Id });
/** Control's ad hoc report (its definition), or a nation's assessment's, stored in the state. */
export const ReportDefSchema = IntelReport.extend({ grading: Grading.nullable() });
export const IntelWritten = event('intel.written', {
  report: ReportDefSchema,
  truth: z.enum(TRUTHS),
  to: z.array(NationId),
});
const Basis = z.enum(['rel_to', 'agreement', 'orcon_approval', 'assessment']);
/** A report, or its tearline, reaches allies by a share: the provenance ledger's line. */
export const IntelShared = event('intel.shared', {
  share: Id,
  report: Id,
  part: z.enum(['full', 'tearline']),
  from: NationId,
  to: z.array(NationId).min(1),
  basis: Basis,
  agreement: Id.nullable().describe('The intelligence-sharing agreement that released it, when REL TO did not'),
  request: Id.nullable().describe('The ORCON request the originator approved'),
  note: z.string(),
  turn: z.number().int().min(1),
});
export const IntelRequested = event('intel.requested', {
  request: Id,
  report: Id,
  part: z.enum(['full', 'tearline']),
  originator: NationId,
  from: NationId,
  to: z.array(NationId).min(1),
  reason: z.string(),
  turn: z.number().int().min(1),
});
export const IntelApproved = event('intel.approved', { request: Id, note: z.string(), share: Id.nullable() });
export const IntelDenied = event('intel.denied', { request: Id, note: z.string() });
export const IntelWidened = event('intel.widened', {
  intel: Id,
  relTo: z.array(NationId),
  lift: z.array(z.enum(['orcon', 'noforn'])),
  controls: Dissemination.describe('The markings now in force'),
  note: z.string(),
});
/** A nation's own assessment, sent to allies: a new report with the nation as originator (counts as a share). */
export const IntelAssessed = event('intel.assessed', {
  share: Id,
  report: ReportDefSchema,
  from: NationId,
  to: z.array(NationId).min(1),
  cites: z.array(Id),
  note: z.string(),
  turn: z.number().int().min(1),
});

export const intelEvents = [
  IntelReleased,
  IntelDelivered,
  IntelHeld,
  IntelResumed,
  IntelWritten,
  IntelShared,
  IntelRequested,
  IntelApproved,
  IntelDenied,
  IntelWidened,
  IntelAssessed,
] as const;
export type IntelEvent = z.infer<(typeof intelEvents)[number]>;
