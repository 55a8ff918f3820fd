/**
 * Agreements. Control and evaluators see every agreement live, drafts included. A party sees the
 * whole negotiation: every version with its diff, every vote, the deadline. A former party sees
 * the agreement as it stood when it withdrew, and nothing after. Once published, every nation and
 * the public read the text in force, its signatories and its status, never the drafts, the votes
 * against or the negotiating history. Anyone else sees nothing: not even that it exists.
 */
import { diffWords } from 'diff';
import type { Ballot, ExerciseState, GameDeadline } from '../../engine/index.ts';
import { deadlineDueAt, gameTimeAtEnd, pendingDeadline } from '../../engine/index.ts';
import type { AgreementClause, AgreementRecord, AgreementStatus, AgreementVersion, MotionRecord } from '../../engine/index.ts';
import type { ViewCtx } from '../context.ts';
import { memo } from '../memo.ts';

export interface DiffPart {
  value: string;
  added?: true;
  removed?: true;
}
export interface ClauseChange {
  index: number;
  change: 'added' | 'removed' | 'changed';
  type: AgreementClause['type'];
  title: string;
  parts: DiffPart[] | null;
}
export interface VersionChanges {
  title: DiffPart[] | null;
  text: DiffPart[] | null;
  clauses: ClauseChange[];
}

const parts = (a: string, b: string): DiffPart[] | null =>
  a === b
    ? null
    : diffWords(a, b).map((p) => ({
        value: p.value,
        ...(p.added ? { added: true as const } : {}),
        ...(p.removed ? { removed: true as const } : {}),
      }));
const clauseText = (c: AgreementClause, regionName: (id: string) => string): string => {
  const extra =
    c.type === 'intel_sharing'
      ? ` [up to ${c.upTo}]`
      : c.type === 'basing_access'
        ? ` [${c.regions.map(regionName).join(', ') || 'all regions'}]`
        : c.type === 'burden_sharing'
          ? ` [${c.pledgePct}% of GDP]`
          : '';
  return `${c.title}${extra}\n${c.text}`;
};

/**
 * What changed from one version to the next: word diffs of the title and text, and clause by
 * clause. A basing clause's regions are diffed by their names (screens never show region ids).
 */
export function versionChanges(
  prev: AgreementVersion | undefined,
  next: AgreementVersion,
  regionName: (id: string) => string = (id) => id,
): VersionChanges | null {
  if (!prev) return null;
  const clauses: ClauseChange[] = [];
  const n = Math.max(prev.clauses.length, next.clauses.length);
  for (let i = 0; i < n; i++) {
    const a = prev.clauses[i];
    const b = next.clauses[i];
    if (a && !b) clauses.push({ index: i, change: 'removed', type: a.type, title: a.title, parts: null });
    else if (!a && b) clauses.push({ index: i, change: 'added', type: b.type, title: b.title, parts: null });
    else if (a && b && JSON.stringify(a) !== JSON.stringify(b))
      clauses.push({
        index: i,
        change: 'changed',
        type: b.type,
        title: b.title,
        parts: parts(clauseText(a, regionName), clauseText(b, regionName)),
      });
  }
  return { title: parts(prev.title, next.title), text: parts(prev.text, next.text), clauses };
}

export interface DeadlineView extends GameDeadline {
  phaseLabel: string;
  /** Game time at the end of that phase. */
  gameTime: string;
  /** When the clock fires it (wall time), once its phase has begun. */
  dueAt: number | null;
}
export function deadlineView(state: ExerciseState, d: GameDeadline | null): DeadlineView | null {
  if (!d) return null;
  const phaseLabel = state.scenario.clock.phases.find((p) => p.id === d.phase)?.label ?? d.phase;
  return { ...d, phaseLabel, gameTime: gameTimeAtEnd(state.scenario, d), dueAt: deadlineDueAt(state, d) };
}

/**
 * The voters of a ballot as they stood at `upTo`. A withdrawal takes the nation off an open
 * ballot, so a former party (upTo = its withdrawal) would otherwise read in the list who else
 * left after it: every party that withdrew since (or then) and was on the ballot is put back.
 */
function votersAsOf(a: AgreementRecord, b: Ballot, upTo: number, wasVoter: (nation: string) => boolean): readonly string[] {
  if (upTo === Infinity) return b.voters;
  const back = a.withdrawn.filter((w) => w.seq >= upTo && !b.voters.includes(w.nation) && wasVoter(w.nation)).map((w) => w.nation);
  return back.length === 0 ? b.voters : [...b.voters, ...back].sort();
}

/** Whether a nation was bound by the agreement at `seq` (the voters of a motion opened then). */
function boundAt(a: AgreementRecord, nation: string, seq: number): boolean {
  const v = a.versions.find((x) => x.number === a.inForce?.version);
  if (!v || !a.inForce || a.inForce.seq > seq) return false;
  if (a.rule === 'silence') return v.ballot.voters.includes(nation);
  const vote = v.ballot.votes[nation];
  return vote?.stance === 'support' && vote.seq <= seq;
}

const ballotView = (a: AgreementRecord, b: Ballot, upTo: number, wasVoter: (nation: string) => boolean = () => true) => ({
  rule: b.rule,
  voters: votersAsOf(a, b, upTo, wasVoter),
  votes: Object.fromEntries(Object.entries(b.votes).filter(([, v]) => v.seq <= upTo)),
});

/** The status as it stood at a sequence number (for a former party). */
function statusAsOf(a: AgreementRecord, seq: number): AgreementStatus {
  const steps = [
    ...a.settlements
      .filter((s) => s.seq <= seq)
      .map((s) => ({ seq: s.seq, status: s.outcome === 'reopened' ? ('negotiating' as const) : s.outcome })),
    ...a.motions
      .filter((m) => m.result?.result === 'adopted' && m.result.seq <= seq)
      .map((m) => ({
        seq: m.result?.seq ?? m.seq,
        status: m.kind === 'suspend' ? ('suspended' as const) : m.kind === 'resume' ? ('in_force' as const) : ('terminated' as const),
      })),
  ].sort((x, y) => x.seq - y.seq);
  return steps.at(-1)?.status ?? 'negotiating';
}

const motionView = <B, D, R>(m: MotionRecord, reason: string, ballot: B, deadline: D, result: R) => ({
  kind: m.kind,
  mover: m.mover,
  reason,
  turn: m.turn,
  at: m.at,
  ballot,
  deadline,
  result,
});

/** A ballot's deadline as it stood at a sequence number: before any extension control made later. */
function deadlineAsOf(
  a: AgreementRecord,
  of: 'signature' | 'motion',
  target: number,
  now: GameDeadline | null,
  upTo: number,
): GameDeadline | null {
  const later = a.extensions.find((x) => x.of === of && x.target === target && x.seq > upTo);
  return later ? later.from : now;
}

function fullView(state: ExerciseState, a: AgreementRecord, upTo: number) {
  const regionName = (id: string) => state.scenario.map.regions.find((r) => r.id === id)?.name ?? id;
  const versions = a.versions.filter((v) => v.seq <= upTo);
  const last = upTo === Infinity;
  const pending = last ? pendingDeadline(a) : null;
  return {
    id: a.id,
    access: 'party' as 'party' | 'former' | 'public',
    proposer: a.proposer,
    rule: a.rule,
    status: last ? a.status : statusAsOf(a, upTo),
    title: versions.at(-1)?.title ?? '',
    parties: last ? a.parties : [...new Set([...a.parties, ...a.withdrawn.filter((w) => w.seq >= upTo).map((w) => w.nation)])].sort(),
    bound: last ? a.bound : [],
    withdrawn: a.withdrawn.filter((w) => w.seq <= upTo),
    current: versions.at(-1)?.number ?? 1,
    versions: versions.map((v, i) => ({
      number: v.number,
      title: v.title,
      text: v.text,
      clauses: v.clauses,
      author: v.author,
      note: v.note,
      turn: v.turn,
      at: v.at,
      changes: versionChanges(versions[i - 1], v, regionName),
      // Every party when a version was made was on its ballot: the parties only ever shrink.
      ballot: ballotView(a, v.ballot, upTo),
      deadline: deadlineView(state, deadlineAsOf(a, 'signature', v.number, v.ballot.deadline, upTo)),
      closed: last || a.settlements.some((s) => s.version === v.number && s.seq <= upTo) ? v.closed : null,
    })),
    inForce: a.inForce && a.inForce.seq <= upTo ? a.inForce : null,
    settlements: a.settlements.filter((s) => s.seq <= upTo),
    motions: a.motions
      .filter((m) => m.seq <= upTo)
      .map((m) =>
        motionView(
          m,
          m.reason,
          ballotView(a, m.ballot, upTo, (n) => boundAt(a, n, m.seq)),
          deadlineView(state, deadlineAsOf(a, 'motion', m.seq, m.ballot.deadline, upTo)),
          m.result && m.result.seq <= upTo ? m.result : null,
        ),
      ),
    published: a.published && a.published.seq <= upTo ? a.published : null,
    deadline: pending ? { of: pending.of, ...deadlineView(state, pending.deadline)! } : null,
  };
}
export type AgreementView = ReturnType<typeof fullView>;

/** What everyone reads of a published agreement: the text in force and who signed it, with their reservations. */
function publishedView(state: ExerciseState, a: AgreementRecord): AgreementView {
  const v = a.versions.find((x) => x.number === a.inForce?.version) ?? a.versions.at(-1)!;
  const signatures = Object.fromEntries(Object.entries(v.ballot.votes).filter(([, x]) => x.stance === 'support'));
  return {
    ...fullView(state, a, Infinity),
    access: 'public',
    parties: a.bound,
    withdrawn: [],
    current: v.number,
    versions: [
      {
        number: v.number,
        title: v.title,
        text: v.text,
        clauses: v.clauses,
        author: v.author,
        note: '',
        turn: v.turn,
        at: v.at,
        changes: null,
        ballot: { rule: v.ballot.rule, voters: a.bound, votes: signatures },
        deadline: null,
        closed: v.closed,
      },
    ],
    // The public learns that it entered into force (or ended), not the tally or the reasons given.
    settlements: a.settlements
      .filter((s) => s.outcome === 'in_force' || s.outcome === 'terminated')
      .map((s) => ({ ...s, reason: s.outcome === 'in_force' ? 'Entered into force.' : 'Terminated.' })),
    motions: a.motions
      .filter((m) => m.result?.result === 'adopted')
      .map((m) => motionView(m, '', { rule: m.ballot.rule, voters: [], votes: {} }, null, m.result && { ...m.result, reason: '' })),
    deadline: null,
  };
}

export function agreements(ctx: ViewCtx) {
  const { state, audience, control, nation } = ctx;
  // Deadlines show when the clock fires them, which moves with the phase: part of every key.
  const phaseKey = `${state.turn}/${state.phaseIndex}/${state.deadline ?? ''}/${state.phaseStartedAt ?? ''}`;
  return {
    agreements: state.agreementOrder.flatMap((id) => {
      const a = state.agreements[id];
      if (!a) return [];
      if (control || (nation !== null && a.parties.includes(nation)))
        return [memo(a, audience, ['party', phaseKey], () => fullView(state, a, Infinity))];
      const left = nation === null ? undefined : a.withdrawn.find((w) => w.nation === nation);
      if (left)
        return [memo(a, audience, ['former', left.seq, phaseKey], () => ({ ...fullView(state, a, left.seq), access: 'former' as const }))];
      if (a.published) return [memo(a, audience, ['public', phaseKey], () => publishedView(state, a))];
      return [];
    }),
  };
}
