import { z } from 'zod';
import { Classification, Id, longText, NationId, shortText } from '../../common.ts';
import { command, LIVE, type CommandInfo } from '../define.ts';
import { GameDeadline } from '../turns/gametime.ts';

const clauseBase = {
  title: shortText(120),
  text: longText(4000).default('').describe('The clause as the parties will sign it'),
};
/** The typed clauses of an agreement. Basing and intelligence sharing act in the game; the others are recorded and shown. */
export const AgreementClause = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('consultation'), ...clauseBase }),
  z.strictObject({ type: z.literal('collective_defence'), ...clauseBase }),
  z.strictObject({
    type: z.literal('intel_sharing'),
    ...clauseBase,
    upTo: Classification.describe('Reports up to this classification become releasable to the other parties (ORCON and NOFORN still hold)'),
  }),
  z.strictObject({
    type: z.literal('basing_access'),
    ...clauseBase,
    regions: z.array(Id).max(64).default([]).describe("Regions opened to the other parties' forces; empty = every region a party controls"),
  }),
  z.strictObject({
    type: z.literal('burden_sharing'),
    ...clauseBase,
    pledgePct: z.number().min(0).max(100).describe('Pledged defence spend, % of GDP'),
  }),
  z.strictObject({ type: z.literal('sanctions_coordination'), ...clauseBase }),
  z.strictObject({ type: z.literal('mutual_aid'), ...clauseBase }),
  z.strictObject({ type: z.literal('non_aggression'), ...clauseBase }),
]);
export type AgreementClause = z.infer<typeof AgreementClause>;

export const AgreementRule = z
  .enum(['consensus', 'majority', 'silence'])
  .describe(
    'consensus: every party signs, anyone can veto; majority: more than half sign; silence: adopted at the deadline unless a party breaks silence',
  );
export type AgreementRule = z.infer<typeof AgreementRule>;

const ref = { agreement: Id };
const version = z.number().int().min(1).describe('The version the sender is acting on: a superseded version is refused');

export const AgreementPropose = command('agreement.propose', {
  title: shortText(160),
  text: longText(8000).default('').describe('Preamble and free text'),
  parties: z.array(NationId).min(1).max(31).describe("The other parties; the sender's nation is always one"),
  clauses: z.array(AgreementClause).min(1).max(20),
  rule: AgreementRule,
  deadline: GameDeadline.optional().describe(
    'silence: when silence ends (default: the end of the next consultation phase); otherwise: open for signature until then',
  ),
});
export const AgreementAmend = command('agreement.amend', {
  ...ref,
  version,
  title: shortText(160).optional(),
  text: longText(8000).optional(),
  clauses: z.array(AgreementClause).min(1).max(20).optional(),
  note: longText(1000).default('').describe('Why: shown with the amendment'),
  deadline: GameDeadline.optional().describe('silence: when the new silence ends (default: the end of the next consultation phase)'),
});
export const AgreementSign = command('agreement.sign', {
  ...ref,
  version,
  reservations: longText(2000).default('').describe('Reservations or interpretive statements recorded with the signature'),
});
export const AgreementReject = command('agreement.reject', { ...ref, version, reason: longText(2000).min(1) });
export const AgreementBreakSilence = command('agreement.silence.break', { ...ref, version, reason: longText(2000).min(1) });
export const AgreementWithdraw = command('agreement.withdraw', { ...ref, reason: longText(2000).default('') });
export const Motion = z.enum(['suspend', 'resume', 'terminate']);
export type Motion = z.infer<typeof Motion>;
export const AgreementMotion = command('agreement.motion', {
  ...ref,
  motion: Motion,
  reason: longText(2000).min(1),
  deadline: GameDeadline.optional().describe(
    'When the vote closes (silence: required in effect, default the end of the next consultation phase)',
  ),
});
export const AgreementMotionVote = command('agreement.motion.vote', {
  ...ref,
  stance: z.enum(['support', 'oppose']).describe('Under the silence procedure, oppose breaks silence'),
  statement: longText(2000).default(''),
});
export const AgreementPublish = command('agreement.publish', ref);
export const AgreementExtend = command('agreement.extend', { ...ref, deadline: GameDeadline });

export const negotiationCommands = [
  AgreementPropose,
  AgreementAmend,
  AgreementSign,
  AgreementReject,
  AgreementBreakSilence,
  AgreementWithdraw,
  AgreementMotion,
  AgreementMotionVote,
  AgreementPublish,
  AgreementExtend,
] as const;
export type NegotiationCommand = z.infer<(typeof negotiationCommands)[number]>;

/** A non-party hears `not_found` for every agreement it cannot see, whatever the agreement's state. */
const party = {
  not_party: 'The sender is not a party (answered only to former parties; everyone else hears not_found).',
};
const closed = { closed: 'The agreement is no longer open for this: it is in force, rejected, lapsed, withdrawn or terminated.' };
const badDeadline = { bad_deadline: 'The deadline is not a phase of this exercise, or it has passed.' };
export const negotiationInfo = {
  'agreement.propose': {
    roles: ['nation'],
    status: LIVE,
    summary:
      'Propose an agreement to one or more allies: title, text, typed clauses and its decision rule. Only the parties (and control) see it until it is published.',
    rejections: {
      unknown_nation: 'A party is not an allied nation.',
      no_party: 'An agreement needs at least one other party.',
      unknown_region: 'A basing clause names a region that does not exist.',
      ...badDeadline,
    },
  },
  'agreement.amend': {
    roles: ['nation'],
    status: LIVE,
    summary: 'Amend the current version: a new version with its author, note and diff. Signatures on earlier versions lapse.',
    rejections: {
      ...party,
      ...closed,
      superseded: 'The version named is not the current one.',
      no_change: 'The amendment changes nothing.',
      unknown_region: 'A basing clause names a region that does not exist.',
      ...badDeadline,
    },
  },
  'agreement.sign': {
    roles: ['nation'],
    status: LIVE,
    summary:
      'Sign the current version, with optional reservations. Under majority, a party that had not signed may accede to the agreement in force.',
    rejections: { ...party, ...closed, superseded: 'The version named is not the current one.', already_signed: 'Already signed.' },
  },
  'agreement.reject': {
    roles: ['nation'],
    status: LIVE,
    summary: 'Reject the current version, with a reason. Under consensus this is a veto.',
    rejections: {
      ...party,
      ...closed,
      superseded: 'The version named is not the current one.',
      already_signed: 'The sender has already signed or rejected this version.',
      wrong_rule: 'Under the silence procedure a party breaks silence instead.',
    },
  },
  'agreement.silence.break': {
    roles: ['nation'],
    status: LIVE,
    summary: 'Break silence on the current version before its deadline: it goes back to negotiation.',
    rejections: {
      ...party,
      ...closed,
      superseded: 'The version named is not the current one.',
      wrong_rule: 'The agreement is not under the silence procedure.',
      not_under_silence: 'No silence is running: it was broken already.',
    },
  },
  'agreement.withdraw': {
    roles: ['nation'],
    status: LIVE,
    summary: 'Withdraw from an agreement: from the negotiation, or from an agreement in force. With fewer than two parties left it ends.',
    rejections: { ...party, ...closed },
  },
  'agreement.motion': {
    roles: ['nation'],
    status: LIVE,
    summary: "Move to suspend, resume or terminate an agreement; the bound parties decide by the agreement's own rule.",
    rejections: {
      ...party,
      not_in_force: 'Suspending and terminating need an agreement in force (or suspended); resuming needs a suspended one.',
      motion_open: 'Another motion is still open.',
      ...badDeadline,
    },
  },
  'agreement.motion.vote': {
    roles: ['nation'],
    status: LIVE,
    summary: 'Support or oppose the open motion (under silence, opposing breaks silence).',
    rejections: { ...party, no_motion: 'No motion is open.', already_voted: 'Already voted on this motion.' },
  },
  'agreement.publish': {
    roles: ['nation'],
    status: LIVE,
    summary: 'Publish an agreement in force: every nation and the public then read its text and signatories (not its drafts).',
    rejections: {
      ...party,
      not_in_force: 'Only an agreement that has entered into force can be published.',
      already_published: 'Already published.',
    },
  },
  'agreement.extend': {
    roles: ['facilitator'],
    status: LIVE,
    summary: "Move the deadline of an agreement's open vote (signature, silence or motion) later.",
    rejections: {
      unknown_agreement: 'No agreement has that id.',
      no_deadline: 'Nothing about the agreement is waiting for a deadline.',
      ...badDeadline,
    },
  },
} as const satisfies Record<NegotiationCommand['type'], CommandInfo>;
