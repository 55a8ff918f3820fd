import { z } from 'zod';
import { Id, longText, NationId } from '../../common.ts';
import { event } from '../define.ts';
import { GameDeadline } from '../turns/gametime.ts';
import { AgreementClause, AgreementRule, Motion } from './commands.ts';

const base = { agreement: Id, turn: z.number().int().min(0) };
const version = z.number().int().min(1);

export const AgreementProposed = event('agreement.proposed', {
  ...base,
  proposer: NationId,
  parties: z.array(NationId).min(2).describe('Every party, the proposer included, sorted'),
  rule: AgreementRule,
  title: z.string(),
  text: z.string(),
  clauses: z.array(AgreementClause).min(1),
  deadline: GameDeadline.nullable(),
});
export const AgreementAmended = event('agreement.amended', {
  ...base,
  version,
  title: z.string(),
  text: z.string(),
  clauses: z.array(AgreementClause).min(1),
  note: z.string(),
  deadline: GameDeadline.nullable(),
});
export const AgreementSigned = event('agreement.signed', { ...base, version, reservations: z.string() });
export const AgreementRejected = event('agreement.rejected', { ...base, version, reason: z.string() });
export const AgreementSilenceBroken = event('agreement.silence.broken', { ...base, version, reason: z.string() });
export const AgreementWithdrawn = event('agreement.withdrawn', { ...base, nation: NationId, reason: z.string() });
export const SettledOutcome = z.enum(['in_force', 'rejected', 'lapsed', 'reopened', 'abandoned', 'terminated']);
export type SettledOutcome = z.infer<typeof SettledOutcome>;
export const AgreementSettled = event('agreement.settled', {
  ...base,
  version,
  outcome: SettledOutcome.describe(
    'in_force: adopted; rejected: vetoed or voted down; lapsed: the deadline passed; reopened: silence broken, back to negotiation; abandoned or terminated: fewer than two parties left',
  ),
  reason: longText(400),
  bound: z.array(NationId).describe('The parties bound by it (in_force), else empty'),
});
export const AgreementMotionOpened = event('agreement.motion.opened', {
  ...base,
  motion: Motion,
  reason: z.string(),
  deadline: GameDeadline.nullable(),
  voters: z.array(NationId).min(1),
});
export const AgreementMotionVoted = event('agreement.motion.voted', {
  ...base,
  stance: z.enum(['support', 'oppose']),
  statement: z.string(),
});
export const AgreementMotionSettled = event('agreement.motion.settled', {
  ...base,
  motion: Motion,
  result: z.enum(['adopted', 'declined']),
  reason: longText(400),
});
export const AgreementPublished = event('agreement.published', base);
export const AgreementExtended = event('agreement.extended', { ...base, deadline: GameDeadline, of: z.enum(['signature', 'motion']) });

export const negotiationEvents = [
  AgreementProposed,
  AgreementAmended,
  AgreementSigned,
  AgreementRejected,
  AgreementSilenceBroken,
  AgreementWithdrawn,
  AgreementSettled,
  AgreementMotionOpened,
  AgreementMotionVoted,
  AgreementMotionSettled,
  AgreementPublished,
  AgreementExtended,
] as const;
export type NegotiationEvent = z.infer<(typeof negotiationEvents)[number]>;
