/**
 * The scenario's cohesion rules: which events move trust between which allies. One entry per
 * event type in `COHESION_RULES`; each says which pairs move, by which of the scenario's
 * `cohesionRules` deltas, and why. The cohesion concern's `react` applies them, in event order.
 *
 * The rules that follow other concerns' events (intel.shared and intel.assessed,
 * operation.pledge_broken) read only the fields named in `SharedReportFacts` and
 * `BrokenPledgeFacts`.
 */
import type { EventBody, ReactCtx } from '../define.ts';
import { own } from '../envelope.ts';
import type { ExerciseState } from '../state.ts';
import type { Ballot } from '../ballot.ts';
import { contributionUnits } from '../operations/records.ts';
import type { CohesionCause } from './events.ts';

export type RuleName = Extract<CohesionCause, { kind: 'rule' }>['rule'];

/** One pair's move that a rule asks for. */
export interface TrustMove {
  readonly a: string;
  readonly b: string;
  readonly rule: RuleName;
  /** What it is about (the agreement, consultation, pledge or share), for the cause. */
  readonly ref: string;
  readonly reason: string;
}

/** What a rule is given besides its event: the command's other events and who sent it. */
export interface RuleCtx {
  readonly events: readonly EventBody[];
  readonly react: ReactCtx;
}

type Rule<E> = (state: ExerciseState, event: E, ctx: RuleCtx) => TrustMove[];
type RuleTable = { [T in EventBody['type']]?: Rule<Extract<EventBody, { type: T }>> };

const others = (nation: string, xs: readonly string[]): string[] => [...new Set(xs)].filter((x) => x !== nation);

/**
 * Who a consensus veto is against: the nations that had supported the ballot before it, and the
 * one who put it forward. The vetoing nation is the sender of the command whose events settle the
 * ballot as declined by its opposition (under consensus the first opposition settles it).
 */
function vetoed(ballot: Ballot, sponsor: string, vetoer: string): string[] {
  const supporters = ballot.voters.filter((n) => ballot.votes[n]?.stance === 'support');
  return others(vetoer, [sponsor, ...supporters]);
}

const vetoer = (ctx: RuleCtx, ballot: Ballot): string | null => {
  const n = ctx.react.actor.role === 'nation' ? ctx.react.actor.nation : null;
  // A nation that had already opposed did not veto now (the ballot would have settled then).
  return n !== null && ballot.rule === 'consensus' && ballot.voters.includes(n) && ballot.votes[n]?.stance !== 'oppose' ? n : null;
};

/** A party's refusal to sign settles an agreement under consensus as rejected: a veto. */
export const agreementVeto: Rule<Extract<EventBody, { type: 'agreement.settled' }>> = (state, e, ctx) => {
  if (e.outcome !== 'rejected') return [];
  if (!ctx.events.some((x) => x.type === 'agreement.rejected' && x.agreement === e.agreement)) return [];
  const a = own(state.agreements, e.agreement);
  const version = a?.versions.find((v) => v.number === e.version);
  if (!a || !version) return [];
  const by = vetoer(ctx, version.ballot);
  if (by === null) return [];
  return vetoed(version.ballot, a.proposer, by).map((other) => ({
    a: by,
    b: other,
    rule: 'veto',
    ref: a.id,
    reason: `Vetoed the agreement "${version.title}"`,
  }));
};

/** A member's opposition declines a consultation under consensus: a veto of the invoking ally's request. */
export const consultationVeto: Rule<Extract<EventBody, { type: 'consultation.settled' }>> = (state, e, ctx) => {
  if (e.result !== 'declined') return [];
  if (!ctx.events.some((x) => x.type === 'consultation.position.stated' && x.consultation === e.consultation && x.stance === 'oppose'))
    return [];
  const c = own(state.consultations, e.consultation);
  if (!c) return [];
  const by = vetoer(ctx, c.ballot);
  if (by === null) return [];
  const treaty = state.scenario.treaties.find((t) => t.id === c.treaty);
  const clause = treaty?.clauses.find((k) => k.id === c.clause);
  const what = clause ? `${clause.article} (${clause.title})${treaty ? ` of the ${treaty.name}` : ''}` : 'a treaty consultation';
  return vetoed(c.ballot, c.invoker.nation, by).map((other) => ({ a: by, b: other, rule: 'veto', ref: c.id, reason: `Vetoed ${what}` }));
};

/** The fields of intel's `intel.shared` this rule reads (the cross-slice contract). */
export interface SharedReportFacts {
  readonly share: string;
  readonly report: string;
  readonly part: 'full' | 'tearline';
  readonly from: string;
  readonly to: readonly string[];
}

/** A report (or its tearline, or an assessment) shared with allies raises trust between the sharer and each recipient. */
export const sharedReport = (state: ExerciseState, e: SharedReportFacts, written?: string): TrustMove[] => {
  const title = written ?? own(state.intel, e.report)?.def.title;
  const what = e.part === 'tearline' ? 'the tearline of a report' : 'a report';
  return others(e.from, e.to)
    .filter((n) => Object.hasOwn(state.nations, n))
    .map((n) => ({ a: e.from, b: n, rule: 'sharedReport', ref: e.share, reason: title ? `Shared ${what}: "${title}"` : `Shared ${what}` }));
};

/** The fields of operations' `operation.pledge_broken` this rule reads (the cross-slice contract). */
export interface BrokenPledgeFacts {
  readonly operation: string;
  readonly pledge: string;
  readonly nation: string;
  readonly reason: string;
}

/** A broken pledge lowers trust between the reneging nation and the operation's proposer and every nation that delivered. */
export const brokenPledge = (state: ExerciseState, e: BrokenPledgeFacts): TrustMove[] => {
  const op = own(state.operations, e.operation);
  if (!op) return [];
  const delivered = op.pledges
    .filter((p) => p.id !== e.pledge && (p.status === 'delivered' || contributionUnits(p.delivered) > 0))
    .map((p) => p.nation);
  return others(e.nation, [op.proposer, ...delivered])
    .filter((n) => Object.hasOwn(state.nations, n))
    .map((n) => ({ a: e.nation, b: n, rule: 'brokenPledge', ref: e.pledge, reason: `Broke its pledge to "${op.title}"` }));
};

/**
 * The table: event type → rule. At the merge with intel and operations, add:
 *   'intel.shared': (state, e) => sharedReport(state, e),
  'operation.pledge_broken': (state, e) => brokenPledge(state, e),
 *   'operation.pledge_broken': (state, e) => brokenPledge(state, e),
 * (and 'intel.assessed' the same way as 'intel.shared' if it carries `from`/`to` recipients).
 */
export const COHESION_RULES: RuleTable = {
  'agreement.settled': agreementVeto,
  'consultation.settled': consultationVeto,
  'intel.shared': (state, e) => sharedReport(state, e),
  'operation.pledge_broken': (state, e) => brokenPledge(state, e),
  // An assessment is a report of the sender's own, shared as it is written.
  'intel.assessed': (state, e) =>
    sharedReport(state, { share: e.share, report: e.report.id, part: 'full', from: e.from, to: e.to }, e.report.title),
};

/** The delta each rule moves trust by, from the scenario. */
export const ruleDelta = (state: ExerciseState, rule: RuleName): number => state.scenario.cohesionRules[rule];

/** The rule for an event, typed by its type. */
export function ruleFor(e: EventBody): ((state: ExerciseState, ctx: RuleCtx) => TrustMove[]) | null {
  const rule = (COHESION_RULES as Record<string, Rule<EventBody> | undefined>)[e.type];
  return rule ? (state, ctx) => rule(state, e, ctx) : null;
}
