import { z } from 'zod';
import { Classification, Id, longText, NationId, shortText } from '../../common.ts';
import { Dissemination, Grading, Tearline } from '../../scenario/schema.ts';
import { command, LIVE, RUNNING, type CommandInfo } from '../define.ts';
import type { ExerciseStatus } from '../state.ts';

const NOT_ENDED: readonly ExerciseStatus[] = ['setup', 'running', 'paused'];
const Recipients = z.array(NationId).min(1).max(32);
const Note = longText(1000).default('');
export const TRUTHS = ['true', 'false', 'deception'] as const;

export const IntelRelease = command('intel.release', {
  intel: Id,
  to: z.array(NationId).max(32).default([]).describe('Nations within its markings it also reaches now, besides its originator'),
});
export const IntelHold = command('intel.hold', { intel: Id, note: Note });
export const IntelResume = command('intel.resume', { intel: Id });
export const IntelWrite = command('intel.write', {
  title: shortText(160),
  originator: NationId,
  classification: Classification,
  controls: Dissemination,
  grading: Grading,
  regions: z.array(Id).max(32).default([]),
  body: longText(8000).min(1),
  groundTruth: longText(4000).default(''),
  truth: z.enum(TRUTHS).describe('Control-only verdict: the report is true, false, or a deception'),
  tearline: Tearline.optional(),
  to: z.array(NationId).max(32).default([]).describe('Nations within its markings it reaches at release, besides its originator'),
  release: z
    .union([z.literal('now'), z.strictObject({ turn: z.number().int().min(1) })])
    .default('now')
    .describe('"now", or the first phase of a later turn'),
});
export const IntelShare = command('intel.share', { intel: Id, to: Recipients, note: Note });
export const IntelRequest = command('intel.request', {
  intel: Id,
  part: z.enum(['full', 'tearline']).default('full').describe('The full report, or its tearline when the tearline is ORCON'),
  to: Recipients,
  reason: longText(1000).min(1),
});
export const IntelApprove = command('intel.approve', { request: Id, note: Note });
export const IntelDeny = command('intel.deny', { request: Id, note: Note });
export const IntelWiden = command('intel.widen', {
  intel: Id,
  relTo: z.array(NationId).max(32).default([]).describe('Nations added to REL TO'),
  lift: z
    .array(z.enum(['orcon', 'noforn']))
    .max(2)
    .default([])
    .describe('Controls lifted'),
  note: Note,
});
export const IntelReleaseTearline = command('intel.release_tearline', { intel: Id, to: Recipients, note: Note });
export const IntelAssess = command('intel.assess', {
  title: shortText(160),
  classification: Classification,
  controls: Dissemination,
  regions: z.array(Id).max(32).default([]),
  body: longText(8000).min(1),
  cites: z.array(Id).max(20).default([]).describe('Reports it holds that the assessment rests on'),
  to: Recipients,
  note: Note,
});

export const intelCommands = [
  IntelRelease,
  IntelHold,
  IntelResume,
  IntelWrite,
  IntelShare,
  IntelRequest,
  IntelApprove,
  IntelDeny,
  IntelWiden,
  IntelReleaseTearline,
  IntelAssess,
] as const;
export type IntelCommand = z.infer<(typeof intelCommands)[number]>;

const unknown = { unknown_intel: 'No report has that id.' };
const recipients = {
  unknown_nation: 'A recipient is not an allied nation, or is the sender.',
  duplicate: 'A recipient is named twice.',
  not_releasable: "The report's markings (REL TO, or an intelligence-sharing agreement in force) do not release it to a recipient.",
};
export const intelInfo = {
  'intel.release': {
    roles: ['facilitator'],
    status: LIVE,
    summary: 'Release a report now, whatever its schedule (held ones included), to its originator and the nations named.',
    rejections: { ...unknown, ...recipients, already_released: 'Already released.' },
  },
  'intel.hold': {
    roles: ['facilitator'],
    status: NOT_ENDED,
    summary: 'Hold a report: it is not released at its turn, nor with the inject that carries it, until resumed.',
    rejections: { ...unknown, not_pending: 'Only a scheduled report can be held.' },
  },
  'intel.resume': {
    roles: ['facilitator'],
    status: NOT_ENDED,
    summary:
      'Put a held report back on its schedule; if its moment has passed (its inject is out, or its turn has begun) it is released now.',
    rejections: { ...unknown, not_held: 'The report is not held.' },
  },
  'intel.write': {
    roles: ['facilitator'],
    status: NOT_ENDED,
    summary: 'Write an ad hoc report from a nation, released now or at the first phase of a later turn.',
    rejections: {
      ...recipients,
      unknown_originator: 'The originator is not an allied nation.',
      unknown_region: 'A region does not exist.',
      in_the_past: 'That turn has already begun (release it now instead), or is after the last turn.',
      tearline_above_report: 'A tearline cannot be classified above its report.',
    },
  },
  'intel.share': {
    roles: ['nation'],
    status: RUNNING,
    summary:
      'Share a report the nation holds with allies its markings release it to (REL TO, or an intelligence-sharing agreement in force), with a note.',
    rejections: {
      ...recipients,
      noforn: 'NOFORN: the report is for its originator only.',
      orcon: 'ORCON: only the originator may release it onward; ask the originator (intel.request).',
    },
  },
  'intel.request': {
    roles: ['nation'],
    status: RUNNING,
    summary: "Ask an ORCON report's originator to approve its release (or its ORCON tearline's) to allies within its REL TO.",
    rejections: {
      ...recipients,
      not_orcon: 'The report (or tearline) is not ORCON: share it directly.',
      no_tearline: 'The report has no tearline.',
      own_report: 'You are the originator: share it directly.',
      noforn: 'NOFORN: the report is for its originator only.',
      already_requested: 'A request of yours for this report and recipient is still pending.',
    },
  },
  'intel.approve': {
    roles: ['nation'],
    status: RUNNING,
    summary: 'As the originator, approve an ORCON release request: the report goes to the requested nations now.',
    rejections: { not_originator: 'Only the originator of the report may answer the request.', not_pending: 'Already answered.' },
  },
  'intel.deny': {
    roles: ['nation'],
    status: RUNNING,
    summary: 'As the originator, deny an ORCON release request, with a note.',
    rejections: { not_originator: 'Only the originator of the report may answer the request.', not_pending: 'Already answered.' },
  },
  'intel.widen': {
    roles: ['nation'],
    status: RUNNING,
    summary: "As the originator, widen a report's releasability: add nations to REL TO, lift ORCON or NOFORN.",
    rejections: {
      not_originator: 'Only the originator may widen a report.',
      unknown_nation: 'A nation is not an allied nation.',
      no_change: 'Nothing to widen: the nations are already in REL TO and the controls already lifted.',
    },
  },
  'intel.release_tearline': {
    roles: ['nation'],
    status: RUNNING,
    summary: "Release a report's tearline (its sanitised version, under its own wider markings) to allies; they hold the tearline only.",
    rejections: {
      ...recipients,
      no_tearline: 'The report has no tearline.',
      noforn: 'The tearline is NOFORN.',
      orcon: 'ORCON: only the originator may release the tearline; ask the originator.',
    },
  },
  'intel.assess': {
    roles: ['nation'],
    status: RUNNING,
    summary: 'Send allies an assessment of your own, under your own markings, optionally citing reports you hold.',
    rejections: { ...recipients, unknown_region: 'A region does not exist.' },
  },
} as const satisfies Record<IntelCommand['type'], CommandInfo>;
