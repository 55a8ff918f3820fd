import type { EvolversFor } from '../define.ts';
import { withoutVoter, withVote, type Ballot, type Vote } from '../ballot.ts';
import type { EngineEvent } from '../events.ts';
import type { ExerciseState } from '../state.ts';
import type { negotiationEvents } from './events.ts';
import { currentVersion, type AgreementRecord, type AgreementStatus, type AgreementVersion, type Stamp } from './records.ts';

const stamp = (e: EngineEvent & { turn: number }): Stamp => ({ seq: e.seq, at: e.at, turn: e.turn });
const author = (e: EngineEvent) => ({ nation: e.by.nation ?? '', position: e.by.position, name: e.by.name });
const voteOf = (e: EngineEvent & { turn: number }, stance: Vote['stance'], statement: string, reservations = ''): Vote => ({
  stance,
  statement,
  reservations,
  position: e.by.position,
  name: e.by.name,
  ...stamp(e),
});

function put(s: ExerciseState, a: AgreementRecord): void {
  s.agreements[a.id] = a;
}
function withCurrent(a: AgreementRecord, change: (v: AgreementVersion) => AgreementVersion): AgreementRecord {
  const versions = [...a.versions];
  versions[versions.length - 1] = change(currentVersion(a));
  return { ...a, versions };
}
const voteCurrent = (a: AgreementRecord, nation: string, vote: Vote): AgreementRecord =>
  withCurrent(a, (v) => ({ ...v, ballot: withVote(v.ballot, nation, vote) }));
function withMotionBallot(a: AgreementRecord, change: (b: Ballot) => Ballot): AgreementRecord {
  const motions = [...a.motions];
  const m = motions[motions.length - 1]!;
  motions[motions.length - 1] = { ...m, ballot: change(m.ballot) };
  return { ...a, motions };
}

const MOTION_STATUS: Record<string, AgreementStatus> = { suspend: 'suspended', resume: 'in_force', terminate: 'terminated' };

export const negotiationEvolvers: EvolversFor<typeof negotiationEvents> = {
  'agreement.proposed': (s, e) => {
    s.agreementOrder.push(e.agreement);
    put(s, {
      id: e.agreement,
      ...stamp(e),
      proposer: e.proposer,
      rule: e.rule,
      parties: e.parties,
      withdrawn: [],
      status: 'negotiating',
      versions: [
        {
          number: 1,
          ...stamp(e),
          title: e.title,
          text: e.text,
          clauses: e.clauses,
          author: author(e),
          note: '',
          ballot: { rule: e.rule, voters: e.parties, votes: {}, deadline: e.deadline },
          closed: null,
        },
      ],
      bound: [],
      inForce: null,
      settlements: [],
      motions: [],
      published: null,
      extensions: [],
    });
  },
  'agreement.amended': (s, e) => {
    const a = s.agreements[e.agreement]!;
    put(s, {
      ...a,
      versions: [
        ...a.versions,
        {
          number: e.version,
          ...stamp(e),
          title: e.title,
          text: e.text,
          clauses: e.clauses,
          author: author(e),
          note: e.note,
          ballot: { rule: a.rule, voters: a.parties, votes: {}, deadline: e.deadline },
          closed: null,
        },
      ],
    });
  },
  'agreement.signed': (s, e) => {
    const a = s.agreements[e.agreement]!;
    const nation = e.by.nation ?? '';
    const signed = voteCurrent(a, nation, voteOf(e, 'support', '', e.reservations));
    // A signature on the text in force is an accession: the signatory is bound from now on.
    put(s, a.status === 'in_force' ? { ...signed, bound: [...a.bound, nation].sort() } : signed);
  },
  'agreement.rejected': (s, e) => {
    put(s, voteCurrent(s.agreements[e.agreement]!, e.by.nation ?? '', voteOf(e, 'oppose', e.reason)));
  },
  'agreement.silence.broken': (s, e) => {
    put(s, voteCurrent(s.agreements[e.agreement]!, e.by.nation ?? '', voteOf(e, 'oppose', e.reason)));
  },
  'agreement.withdrawn': (s, e) => {
    let a = s.agreements[e.agreement]!;
    if (a.status === 'negotiating' && currentVersion(a).closed === null)
      a = withCurrent(a, (v) => ({ ...v, ballot: withoutVoter(v.ballot, e.nation) }));
    const m = a.motions.at(-1);
    if (m && m.result === null) a = withMotionBallot(a, (b) => withoutVoter(b, e.nation));
    put(s, {
      ...a,
      parties: a.parties.filter((n) => n !== e.nation),
      bound: a.bound.filter((n) => n !== e.nation),
      withdrawn: [...a.withdrawn, { nation: e.nation, reason: e.reason, ...stamp(e) }],
    });
  },
  'agreement.settled': (s, e) => {
    const a = s.agreements[e.agreement]!;
    const closed = a.status === 'negotiating' && currentVersion(a).closed === null;
    const next = closed
      ? withCurrent(a, (v) => ({ ...v, closed: { result: e.outcome === 'in_force' ? 'adopted' : 'declined', reason: e.reason } }))
      : a;
    const status: AgreementStatus = e.outcome === 'reopened' ? 'negotiating' : e.outcome;
    put(s, {
      ...next,
      status,
      bound: e.outcome === 'in_force' ? e.bound : e.outcome === 'terminated' ? next.bound : [],
      inForce: e.outcome === 'in_force' ? { version: e.version, ...stamp(e) } : next.inForce,
      settlements: [...next.settlements, { version: e.version, outcome: e.outcome, reason: e.reason, ...stamp(e) }],
    });
  },
  'agreement.motion.opened': (s, e) => {
    const a = s.agreements[e.agreement]!;
    const nation = e.by.nation ?? '';
    put(s, {
      ...a,
      motions: [
        ...a.motions,
        {
          kind: e.motion,
          mover: author(e),
          reason: e.reason,
          ...stamp(e),
          ballot: { rule: a.rule, voters: e.voters, votes: { [nation]: voteOf(e, 'support', e.reason) }, deadline: e.deadline },
          result: null,
        },
      ],
    });
  },
  'agreement.motion.voted': (s, e) => {
    put(
      s,
      withMotionBallot(s.agreements[e.agreement]!, (b) => withVote(b, e.by.nation ?? '', voteOf(e, e.stance, e.statement))),
    );
  },
  'agreement.motion.settled': (s, e) => {
    const a = s.agreements[e.agreement]!;
    const motions = [...a.motions];
    motions[motions.length - 1] = { ...motions[motions.length - 1]!, result: { result: e.result, reason: e.reason, ...stamp(e) } };
    put(s, { ...a, motions, status: e.result === 'adopted' ? (MOTION_STATUS[e.motion] ?? a.status) : a.status });
  },
  'agreement.published': (s, e) => {
    put(s, { ...s.agreements[e.agreement]!, published: stamp(e) });
  },
  'agreement.extended': (s, e) => {
    const a = s.agreements[e.agreement]!;
    const m = a.motions.at(-1);
    const from = e.of === 'signature' ? currentVersion(a).ballot.deadline : (m?.ballot.deadline ?? null);
    const target = e.of === 'signature' ? currentVersion(a).number : (m?.seq ?? 0);
    const next =
      e.of === 'signature'
        ? withCurrent(a, (v) => ({ ...v, ballot: { ...v.ballot, deadline: e.deadline } }))
        : withMotionBallot(a, (b) => ({ ...b, deadline: e.deadline }));
    put(s, { ...next, extensions: [...a.extensions, { ...stamp(e), of: e.of, target, from, deadline: e.deadline }] });
  },
};
