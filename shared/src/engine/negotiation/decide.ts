/**
 * Negotiation rules: agreements proposed, amended in versions, signed or rejected, adopted by
 * their decision rule (consensus, majority or silence), withdrawn from, suspended, resumed,
 * terminated and published.
 *
 * A nation that is not a party hears `not_found` for any agreement it cannot see, exactly as for
 * an id nobody uses: no refusal tells it that a draft exists, or anything in it.
 */
import { own, reject, type Rejection } from '../envelope.ts';
import { isAllied, type EventBody, type HandlersFor } from '../define.ts';
import { foreseen, verdict, withoutVoter, withVote, type Ballot, type Verdict, type Vote } from '../ballot.ts';
import {
  checkDeadline,
  deadlineDueAt,
  defaultDeadline,
  describeDeadline,
  positionOfDeadline,
  type GameDeadline,
} from '../turns/gametime.ts';
import type { ExerciseState } from '../state.ts';
import type { AgreementClause, negotiationCommands, negotiationInfo } from './commands.ts';
import { currentVersion, isFinal, openMotion, type AgreementRecord } from './records.ts';

type Found = AgreementRecord | Rejection<'not_found' | 'not_party'>;

/** The agreement, if the nation is a party; a former party or a reader of the published text hears not_party; anyone else not_found. */
function asParty(state: ExerciseState, id: string, nation: string): Found {
  const a = own(state.agreements, id);
  if (a?.parties.includes(nation)) return a;
  if (a && a.withdrawn.some((w) => w.nation === nation))
    return reject('not_party', 'Your nation has withdrawn from this agreement.', 'agreement');
  if (a?.published) return reject('not_party', 'Your nation is not a party to this agreement.', 'agreement');
  return reject('not_found', 'You have no agreement by that id.', 'agreement');
}
const failed = (x: Found): x is Rejection<'not_found' | 'not_party'> => !('versions' in x);

function checkClauses(state: ExerciseState, clauses: readonly AgreementClause[], path: string): Rejection<'unknown_region'> | null {
  for (const [i, c] of clauses.entries())
    if (c.type === 'basing_access')
      for (const [j, r] of c.regions.entries())
        if (!own(state.regions, r)) return reject('unknown_region', `There is no region "${r}".`, `${path}[${i}].regions[${j}]`);
  return null;
}

/** The events that settle the current version's ballot with this verdict. */
function settleVersion(state: ExerciseState, a: AgreementRecord, ballot: Ballot, v: Verdict, final: boolean): EventBody {
  const version = currentVersion(a).number;
  const base = { type: 'agreement.settled', agreement: a.id, turn: state.turn, version, reason: v.reason } as const;
  if (v.result === 'adopted') {
    const bound = a.rule === 'silence' ? [...ballot.voters] : ballot.voters.filter((n) => ballot.votes[n]?.stance === 'support');
    return { ...base, outcome: 'in_force', bound };
  }
  if (a.rule === 'silence') return { ...base, outcome: 'reopened', bound: [] };
  return { ...base, outcome: final ? 'lapsed' : 'rejected', bound: [] };
}

/** A vote on the current version, and its settlement if it settles it. */
function voteOnVersion(state: ExerciseState, a: AgreementRecord, nation: string, vote: EventBody, stance: Vote['stance']): EventBody[] {
  const ballot = withVote(currentVersion(a).ballot, nation, foreseen(stance));
  const v = verdict(ballot, false);
  return v ? [vote, settleVersion(state, a, ballot, v, false)] : [vote];
}

function motionSettled(state: ExerciseState, a: AgreementRecord, v: Verdict): EventBody {
  const m = openMotion(a)!;
  return { type: 'agreement.motion.settled', agreement: a.id, turn: state.turn, motion: m.kind, result: v.result, reason: v.reason };
}

/** The current version's ballot, if it is open and waiting. */
const openBallot = (a: AgreementRecord): Ballot | null =>
  a.status === 'negotiating' && currentVersion(a).closed === null ? currentVersion(a).ballot : null;

/** What is waiting for a deadline on an agreement: its signature (or silence) ballot, or a motion. */
export function pendingDeadline(a: AgreementRecord): { of: 'signature' | 'motion'; deadline: GameDeadline } | null {
  const b = openBallot(a);
  if (b?.deadline) return { of: 'signature', deadline: b.deadline };
  const m = openMotion(a);
  if (m?.ballot.deadline) return { of: 'motion', deadline: m.ballot.deadline };
  return null;
}

/** The earliest agreement deadline that is due (or will be, in the current phase), with when. */
export function earliestAgreementDue(state: ExerciseState): { a: AgreementRecord; at: number; of: 'signature' | 'motion' } | null {
  let best: { a: AgreementRecord; at: number; of: 'signature' | 'motion' } | null = null;
  for (const id of state.agreementOrder) {
    const a = state.agreements[id];
    const p = a && pendingDeadline(a);
    if (!a || !p) continue;
    const at = deadlineDueAt(state, p.deadline);
    if (at !== null && (best === null || at < best.at)) best = { a, at, of: p.of };
  }
  return best;
}

/** The deadline has come: the ballot settles with what it has. */
export function agreementDeadlineEvents(state: ExerciseState, at: number): EventBody[] {
  const due = earliestAgreementDue(state);
  if (!due || due.at > at) return [];
  const { a } = due;
  if (due.of === 'signature') {
    const b = currentVersion(a).ballot;
    return [settleVersion(state, a, b, verdict(b, true)!, true)];
  }
  return [motionSettled(state, a, verdict(openMotion(a)!.ballot, true)!)];
}

function deadlineFor(state: ExerciseState, rule: string, given: GameDeadline | undefined): GameDeadline | null {
  return given ?? (rule === 'silence' ? defaultDeadline(state) : null);
}

const sameClauses = (x: readonly AgreementClause[], y: readonly AgreementClause[]): boolean => JSON.stringify(x) === JSON.stringify(y);

export const negotiationHandlers: HandlersFor<typeof negotiationCommands, typeof negotiationInfo> = {
  'agreement.propose': (state, cmd, { nation }) => {
    for (const [i, p] of cmd.parties.entries())
      if (!isAllied(state, p)) return reject('unknown_nation', `"${p}" is not an allied nation in this exercise.`, `parties[${i}]`);
    const parties = [...new Set([nation, ...cmd.parties])].sort();
    if (parties.length < 2) return reject('no_party', 'Choose at least one other nation to agree with.', 'parties');
    const bad = checkClauses(state, cmd.clauses, 'clauses') ?? (cmd.deadline ? checkDeadline(state, cmd.deadline, 'deadline') : null);
    if (bad) return bad;
    return [
      {
        type: 'agreement.proposed',
        agreement: `AG${state.seq + 1}`,
        turn: state.turn,
        proposer: nation,
        parties,
        rule: cmd.rule,
        title: cmd.title,
        text: cmd.text,
        clauses: cmd.clauses,
        deadline: deadlineFor(state, cmd.rule, cmd.deadline),
      },
    ];
  },

  'agreement.amend': (state, cmd, { nation }) => {
    const a = asParty(state, cmd.agreement, nation);
    if (failed(a)) return a;
    if (a.status !== 'negotiating') return reject('closed', `The agreement is ${a.status.replace('_', ' ')}: it can no longer be amended.`);
    const cur = currentVersion(a);
    if (cmd.version !== cur.number)
      return reject('superseded', `Version ${cmd.version} is not the current one: amend version ${cur.number}.`, 'version');
    const title = cmd.title ?? cur.title;
    const text = cmd.text ?? cur.text;
    const clauses = cmd.clauses ?? cur.clauses;
    if (title === cur.title && text === cur.text && sameClauses(clauses, cur.clauses))
      return reject('no_change', 'The amendment leaves the title, the text and the clauses as they are.');
    const bad = checkClauses(state, clauses, 'clauses') ?? (cmd.deadline ? checkDeadline(state, cmd.deadline, 'deadline') : null);
    if (bad) return bad;
    const kept = cur.ballot.deadline && checkDeadline(state, cur.ballot.deadline, 'deadline') === null ? cur.ballot.deadline : undefined;
    return [
      {
        type: 'agreement.amended',
        agreement: a.id,
        turn: state.turn,
        version: cur.number + 1,
        title,
        text,
        clauses: [...clauses],
        note: cmd.note,
        deadline: deadlineFor(state, a.rule, cmd.deadline ?? (a.rule === 'silence' ? undefined : kept)),
      },
    ];
  },

  'agreement.sign': (state, cmd, { nation }) => {
    const a = asParty(state, cmd.agreement, nation);
    if (failed(a)) return a;
    const cur = currentVersion(a);
    if (cmd.version !== cur.number)
      return reject('superseded', `Version ${cmd.version} has been superseded by version ${cur.number}.`, 'version');
    const signed = {
      type: 'agreement.signed',
      agreement: a.id,
      turn: state.turn,
      version: cur.number,
      reservations: cmd.reservations,
    } as const;
    // Accession: under majority, a party that had not signed may still sign the text in force.
    if (a.status === 'in_force' && a.rule === 'majority' && a.inForce?.version === cur.number) {
      if (a.bound.includes(nation)) return reject('already_signed', 'Your nation has already signed this agreement.');
      return [signed];
    }
    if (a.status !== 'negotiating' || cur.closed !== null)
      return reject('closed', `The agreement is ${a.status.replace('_', ' ')}: version ${cur.number} is no longer open for signature.`);
    if (Object.hasOwn(cur.ballot.votes, nation))
      return reject(
        'already_signed',
        `Your nation has already ${cur.ballot.votes[nation]!.stance === 'support' ? 'signed' : 'rejected'} version ${cur.number}.`,
      );
    return voteOnVersion(state, a, nation, signed, 'support');
  },

  'agreement.reject': (state, cmd, { nation }) => {
    const a = asParty(state, cmd.agreement, nation);
    if (failed(a)) return a;
    if (a.rule === 'silence') return reject('wrong_rule', 'This agreement is under the silence procedure: break silence to object.');
    const cur = currentVersion(a);
    if (a.status !== 'negotiating' || cur.closed !== null)
      return reject('closed', `The agreement is ${a.status.replace('_', ' ')}: there is nothing left to reject.`);
    if (cmd.version !== cur.number)
      return reject('superseded', `Version ${cmd.version} has been superseded by version ${cur.number}.`, 'version');
    if (Object.hasOwn(cur.ballot.votes, nation))
      return reject(
        'already_signed',
        `Your nation has already ${cur.ballot.votes[nation]!.stance === 'support' ? 'signed' : 'rejected'} version ${cur.number}.`,
      );
    const rejected = { type: 'agreement.rejected', agreement: a.id, turn: state.turn, version: cur.number, reason: cmd.reason } as const;
    return voteOnVersion(state, a, nation, rejected, 'oppose');
  },

  'agreement.silence.break': (state, cmd, { nation }) => {
    const a = asParty(state, cmd.agreement, nation);
    if (failed(a)) return a;
    if (a.rule !== 'silence') return reject('wrong_rule', `This agreement is decided by ${a.rule}: reject it instead.`);
    if (a.status !== 'negotiating')
      return reject('closed', `The agreement is ${a.status.replace('_', ' ')}: silence can no longer be broken.`);
    const cur = currentVersion(a);
    if (cmd.version !== cur.number)
      return reject('superseded', `Version ${cmd.version} has been superseded by version ${cur.number}.`, 'version');
    if (cur.closed !== null)
      return reject('not_under_silence', 'Silence on this version is already broken; amend it to run silence again.');
    const broken = {
      type: 'agreement.silence.broken',
      agreement: a.id,
      turn: state.turn,
      version: cur.number,
      reason: cmd.reason,
    } as const;
    return voteOnVersion(state, a, nation, broken, 'oppose');
  },

  'agreement.withdraw': (state, cmd, { nation }) => {
    const a = asParty(state, cmd.agreement, nation);
    if (failed(a)) return a;
    if (isFinal(a.status)) return reject('closed', `The agreement is already ${a.status}.`);
    const out: EventBody[] = [{ type: 'agreement.withdrawn', agreement: a.id, turn: state.turn, nation, reason: cmd.reason }];
    const ends = (outcome: 'abandoned' | 'terminated', reason: string): EventBody[] => [
      ...out,
      { type: 'agreement.settled', agreement: a.id, turn: state.turn, version: currentVersion(a).number, outcome, reason, bound: [] },
    ];
    if (a.status === 'negotiating') {
      if (a.parties.length - 1 < 2) return ends('abandoned', `${nation} withdrew; fewer than two parties are left.`);
      const b = openBallot(a);
      const v = b && verdict(withoutVoter(b, nation), false);
      return v ? [...out, settleVersion(state, a, withoutVoter(b, nation), v, false)] : out;
    }
    if (a.bound.filter((n) => n !== nation).length < 2)
      return ends('terminated', `${nation} withdrew; fewer than two parties remain bound.`);
    const m = openMotion(a);
    const v = m && verdict(withoutVoter(m.ballot, nation), false);
    return v ? [...out, motionSettled(state, a, v)] : out;
  },

  'agreement.motion': (state, cmd, { nation }) => {
    const a = asParty(state, cmd.agreement, nation);
    if (failed(a)) return a;
    const ok =
      cmd.motion === 'resume'
        ? a.status === 'suspended'
        : cmd.motion === 'suspend'
          ? a.status === 'in_force'
          : a.status === 'in_force' || a.status === 'suspended';
    if (!ok || !a.bound.includes(nation))
      return reject(
        'not_in_force',
        !a.bound.includes(nation) && (a.status === 'in_force' || a.status === 'suspended')
          ? 'Your nation is not bound by this agreement.'
          : `The agreement is ${a.status.replace('_', ' ')}: it cannot be moved to ${cmd.motion}.`,
        'motion',
      );
    if (openMotion(a)) return reject('motion_open', `A motion to ${openMotion(a)!.kind} is still open.`);
    const bad = cmd.deadline ? checkDeadline(state, cmd.deadline, 'deadline') : null;
    if (bad) return bad;
    const opened: EventBody = {
      type: 'agreement.motion.opened',
      agreement: a.id,
      turn: state.turn,
      motion: cmd.motion,
      reason: cmd.reason,
      deadline: deadlineFor(state, a.rule, cmd.deadline),
      voters: [...a.bound],
    };
    // The mover supports its own motion.
    const ballot: Ballot = { rule: a.rule, voters: a.bound, votes: { [nation]: foreseen('support') }, deadline: null };
    const v = verdict(ballot, false);
    return v
      ? [
          opened,
          { type: 'agreement.motion.settled', agreement: a.id, turn: state.turn, motion: cmd.motion, result: v.result, reason: v.reason },
        ]
      : [opened];
  },

  'agreement.motion.vote': (state, cmd, { nation }) => {
    const a = asParty(state, cmd.agreement, nation);
    if (failed(a)) return a;
    const m = openMotion(a);
    if (!m || !m.ballot.voters.includes(nation)) return reject('no_motion', 'No motion on this agreement is open to your vote.');
    if (Object.hasOwn(m.ballot.votes, nation)) return reject('already_voted', `Your nation has already voted on the motion to ${m.kind}.`);
    const voted: EventBody = {
      type: 'agreement.motion.voted',
      agreement: a.id,
      turn: state.turn,
      stance: cmd.stance,
      statement: cmd.statement,
    };
    const v = verdict(withVote(m.ballot, nation, foreseen(cmd.stance)), false);
    return v ? [voted, motionSettled(state, a, v)] : [voted];
  },

  'agreement.publish': (state, cmd, { nation }) => {
    const a = asParty(state, cmd.agreement, nation);
    if (failed(a)) return a;
    if (a.inForce === null || !a.bound.includes(nation))
      return reject(
        'not_in_force',
        a.inForce === null ? 'Only an agreement that has entered into force can be published.' : 'Only a bound party can publish it.',
      );
    if (a.published) return reject('already_published', 'The agreement is already published.');
    return [{ type: 'agreement.published', agreement: a.id, turn: state.turn }];
  },

  'agreement.extend': (state, cmd) => {
    const a = own(state.agreements, cmd.agreement);
    if (!a) return reject('unknown_agreement', `There is no agreement "${cmd.agreement}".`, 'agreement');
    const p = pendingDeadline(a);
    if (!p) return reject('no_deadline', `Nothing about "${currentVersion(a).title}" is waiting for a deadline.`);
    const bad = checkDeadline(state, cmd.deadline, 'deadline');
    if (bad) return bad;
    if (positionOfDeadline(state, cmd.deadline) <= positionOfDeadline(state, p.deadline))
      return reject('bad_deadline', `The new deadline must be later than ${describeDeadline(state.scenario, p.deadline)}.`, 'deadline');
    return [{ type: 'agreement.extended', agreement: a.id, turn: state.turn, deadline: cmd.deadline, of: p.of }];
  },
};
