/**
 * The pure part of the negotiation screens (no DOM): agreements grouped by state, the votes on a
 * version party by party, what the viewer may do with an agreement, word diffs as marked
 * segments, game-time deadlines (the choices a deadline picker offers, the game time at the end
 * of a phase, the silence countdown), and which form field a refusal's path names.
 */
import type { View } from '@concord/shared/views/index';
import type { AgreementClause, GameDeadline, Motion } from '@concord/shared/engine/index';
import { countdown, gameTime } from '../../format.ts';
import { clauseTypeLabel, regionName } from '../labels.ts';

export type AgreementView = View['agreements'][number];
export type VersionView = AgreementView['versions'][number];
export type MotionView = AgreementView['motions'][number];
type ExerciseView = View['exercise'];
/** The fields of the exercise header that game time and deadlines are computed from. */
export type ClockView = Pick<
  ExerciseView,
  'status' | 'turn' | 'turns' | 'phaseIndex' | 'phases' | 'gameTime' | 'gameMinutesPerTurn' | 'pausedAt'
>;

// ---------------------------------------------------------------------------------------------
// Grouping

export const GROUPS = [
  { id: 'negotiating', label: 'In negotiation' },
  { id: 'in_force', label: 'In force' },
  { id: 'suspended', label: 'Suspended' },
  { id: 'closed', label: 'Closed' },
] as const;
export type GroupId = (typeof GROUPS)[number]['id'];

export const groupOf = (status: AgreementView['status']): GroupId =>
  status === 'negotiating' || status === 'in_force' || status === 'suspended' ? status : 'closed';

/** Agreements by state, each group with the most recently proposed first. */
export function groupAgreements<A extends Pick<AgreementView, 'status'>>(list: readonly A[]): Record<GroupId, A[]> {
  const out: Record<GroupId, A[]> = { negotiating: [], in_force: [], suspended: [], closed: [] };
  for (const a of [...list].reverse()) out[groupOf(a.status)].push(a);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Votes

export type VoteState = 'signed' | 'rejected' | 'broke_silence' | 'abstained' | 'pending';
export interface VoteRow {
  nation: string;
  state: VoteState;
  /** Reservations with a signature, the reason with a rejection or broken silence. */
  text: string;
  /** Who cast it: their name and position id (null when not yet). */
  by: { name: string; position: string | null; turn: number } | null;
}

/** Every voter on a ballot, in the ballot's order, with where they stand. */
export function voteRows(ballot: VersionView['ballot']): VoteRow[] {
  return ballot.voters.map((nation) => {
    const v = Object.hasOwn(ballot.votes, nation) ? ballot.votes[nation] : undefined;
    if (!v) return { nation, state: 'pending', text: '', by: null };
    const state: VoteState =
      v.stance === 'support' ? 'signed' : v.stance === 'abstain' ? 'abstained' : ballot.rule === 'silence' ? 'broke_silence' : 'rejected';
    return {
      nation,
      state,
      text: v.stance === 'support' ? v.reservations : v.statement,
      by: { name: v.name, position: v.position, turn: v.turn },
    };
  });
}

export const VOTE_LABELS: Record<VoteState, string> = {
  signed: 'Signed',
  rejected: 'Rejected',
  broke_silence: 'Broke silence',
  abstained: 'Abstained',
  pending: 'Not yet',
};

// ---------------------------------------------------------------------------------------------
// What the viewer may do

export interface Moves {
  sign: boolean;
  /** Sign the text in force (majority): accede to it. */
  accede: boolean;
  reject: boolean;
  breakSilence: boolean;
  amend: boolean;
  withdraw: boolean;
  /** Motions the viewer may move now. */
  motions: Motion[];
  /** The open motion awaits the viewer's vote. */
  motionVote: boolean;
  publish: boolean;
}

const NONE: Moves = {
  sign: false,
  accede: false,
  reject: false,
  breakSilence: false,
  amend: false,
  withdraw: false,
  motions: [],
  motionVote: false,
  publish: false,
};

export const currentOf = (a: AgreementView): VersionView | undefined => a.versions.find((v) => v.number === a.current) ?? a.versions.at(-1);
export const openMotionOf = (a: AgreementView): MotionView | null => {
  const m = a.motions.at(-1);
  return m && m.result === null ? m : null;
};
const FINAL = new Set<AgreementView['status']>(['rejected', 'lapsed', 'abandoned', 'terminated']);

/**
 * What a nation may do with an agreement it sees, by the engine's rules (the server still
 * decides: this only chooses which controls to show). Read-only audiences, former parties and
 * readers of a published text may do nothing.
 */
export function movesFor(a: AgreementView, nation: string | null, readOnly: boolean): Moves {
  if (readOnly || nation === null || a.access !== 'party' || !a.parties.includes(nation)) return NONE;
  const cur = currentOf(a);
  if (!cur) return NONE;
  const voted = Object.hasOwn(cur.ballot.votes, nation);
  const open = a.status === 'negotiating' && cur.closed === null;
  const bound = a.bound.includes(nation);
  const motion = openMotionOf(a);
  const motions: Motion[] = [];
  if (bound && !motion) {
    if (a.status === 'in_force') motions.push('suspend');
    if (a.status === 'suspended') motions.push('resume');
    if (a.status === 'in_force' || a.status === 'suspended') motions.push('terminate');
  }
  const opposed = voted && cur.ballot.votes[nation]?.stance === 'oppose';
  return {
    sign: open && !voted,
    accede: a.status === 'in_force' && a.rule === 'majority' && a.inForce?.version === cur.number && !bound,
    reject: open && !voted && a.rule !== 'silence',
    breakSilence: open && a.rule === 'silence' && !opposed,
    amend: a.status === 'negotiating',
    withdraw: !FINAL.has(a.status),
    motions,
    motionVote: motion !== null && motion.ballot.voters.includes(nation) && !Object.hasOwn(motion.ballot.votes, nation),
    publish: a.inForce !== null && bound && a.published === null,
  };
}

/** Whether an agreement is waiting for this nation's vote (the tab's badge). */
export function awaitsVote(a: AgreementView, nation: string | null): boolean {
  if (nation === null) return false;
  const m = movesFor(a, nation, false);
  return m.sign || m.motionVote;
}

// ---------------------------------------------------------------------------------------------
// Clauses

/** A clause's own field in words: "Reports up to SECRET", "Opens: Sarn Gap, Kestria", "2% of GDP". */
export function clauseExtra(view: Pick<View, 'map'>, c: AgreementClause): string | null {
  switch (c.type) {
    case 'intel_sharing':
      return `Shares reports up to ${c.upTo} with the other parties`;
    case 'basing_access':
      return c.regions.length
        ? `Opens to the other parties' forces: ${c.regions.map((r) => regionName(view, r)).join(', ')}`
        : "Opens every region a party controls to the other parties' forces";
    case 'burden_sharing':
      return `Pledge: ${c.pledgePct}% of GDP on defence`;
    default:
      return null;
  }
}

/** The clause as read: "Basing and access — Port access". */
export const clauseHeading = (c: AgreementClause): string => `${clauseTypeLabel(c.type)} — ${c.title}`;

// ---------------------------------------------------------------------------------------------
// Diffs

export interface DiffPart {
  value: string;
  added?: true;
  removed?: true;
}
export interface Segment {
  text: string;
  kind: 'same' | 'ins' | 'del';
}

/** A word diff as segments to mark: inserted, deleted or unchanged (adjacent ones of a kind merged). */
export function segments(parts: readonly DiffPart[] | null): Segment[] {
  const out: Segment[] = [];
  for (const p of parts ?? []) {
    const kind = p.added ? 'ins' : p.removed ? 'del' : 'same';
    const last = out.at(-1);
    if (last && last.kind === kind) last.text += p.value;
    else if (p.value !== '') out.push({ text: p.value, kind });
  }
  return out;
}

/** "2 words inserted, 1 deleted": how much a diff changes, for a summary line. */
export function diffCounts(parts: readonly DiffPart[] | null): { inserted: number; deleted: number } {
  const words = (s: string) => s.split(/\s+/).filter(Boolean).length;
  let inserted = 0;
  let deleted = 0;
  for (const p of parts ?? []) {
    if (p.added) inserted += words(p.value);
    if (p.removed) deleted += words(p.value);
  }
  return { inserted, deleted };
}

// ---------------------------------------------------------------------------------------------
// Game time and deadlines

/** A (turn, phase) as one position in the exercise, the engine's ordering. */
export function positionOf(clock: Pick<ClockView, 'phases'>, d: GameDeadline): number {
  const i = clock.phases.findIndex((p) => p.id === d.phase);
  return (d.turn - 1) * clock.phases.length + (i < 0 ? clock.phases.length : i);
}
export const currentPosition = (clock: Pick<ClockView, 'turn' | 'phases' | 'phaseIndex'>): number =>
  clock.turn === 0 ? -1 : (clock.turn - 1) * clock.phases.length + clock.phaseIndex;

const startMs = (clock: Pick<ClockView, 'gameTime' | 'turn' | 'gameMinutesPerTurn'>): number =>
  Date.parse(clock.gameTime) - (Math.max(1, clock.turn) - 1) * clock.gameMinutesPerTurn * 60_000;

/** Game time (ISO) at the start of a turn. */
export const turnStart = (clock: Pick<ClockView, 'gameTime' | 'turn' | 'gameMinutesPerTurn'>, turn: number): string =>
  new Date(startMs(clock) + Math.max(0, turn - 1) * clock.gameMinutesPerTurn * 60_000).toISOString();

/** Game time (ISO) at the end of a phase of a turn: each phase takes its share of the turn. */
export function gameTimeAtEnd(clock: Pick<ClockView, 'gameTime' | 'turn' | 'gameMinutesPerTurn' | 'phases'>, d: GameDeadline): string {
  const total = clock.phases.reduce((n, p) => n + p.durationMinutes, 0);
  const i = clock.phases.findIndex((p) => p.id === d.phase);
  const through = clock.phases.slice(0, i + 1).reduce((n, p) => n + p.durationMinutes, 0);
  const minutes = (d.turn - 1) * clock.gameMinutesPerTurn + Math.round((through / total) * clock.gameMinutesPerTurn);
  return new Date(startMs(clock) + minutes * 60_000).toISOString();
}

export interface DeadlineChoice extends GameDeadline {
  /** The phase's label. */
  label: string;
  /** Game time at its end, formatted. */
  gameTime: string;
}

/**
 * The deadlines one may set now: the end of the current phase or any later one, up to the last
 * phase of the last turn; with `after`, only those later than it (to extend a deadline).
 */
export function deadlineChoices(clock: ClockView, after: GameDeadline | null = null): DeadlineChoice[] {
  const from = Math.max(currentPosition(clock), after ? positionOf(clock, after) + 1 : 0);
  const out: DeadlineChoice[] = [];
  for (let turn = 1; turn <= clock.turns; turn++)
    for (const p of clock.phases) {
      const d = { turn, phase: p.id };
      if (positionOf(clock, d) >= from) out.push({ ...d, label: p.label, gameTime: gameTime(gameTimeAtEnd(clock, d)) });
    }
  return out;
}

/** "the end of “Consultation and negotiation”, turn 3 (04 Mar 2031 06:35Z)". */
export const describeDeadline = (d: { turn: number; phaseLabel: string; gameTime: string }): string =>
  `the end of “${d.phaseLabel}”, turn ${d.turn} (${gameTime(d.gameTime)} game time)`;

export interface DeadlineState {
  /** "later": its phase has not begun; "running": counting down; "due": the clock fires it now; "control": its phase runs without a wall deadline. */
  kind: 'later' | 'running' | 'due' | 'control';
  /** The countdown ("4:12") while running. */
  left: string | null;
}

/**
 * Where a game-time deadline stands on the wall clock, by the exercise's conventions for the
 * phase countdown: it comes due at `dueAt` (the wall deadline of its phase, once that phase runs),
 * frozen while the exercise is paused.
 */
export function deadlineState(
  clock: Pick<ClockView, 'status' | 'pausedAt' | 'turn' | 'phases' | 'phaseIndex'>,
  d: GameDeadline & { dueAt: number | null },
  now: number,
): DeadlineState {
  const pos = positionOf(clock, d);
  const cur = currentPosition(clock);
  if (pos > cur) return { kind: 'later', left: null };
  if (d.dueAt === null) return { kind: 'control', left: null };
  const pausedAt = clock.status === 'paused' ? clock.pausedAt : null;
  if ((pausedAt ?? now) >= d.dueAt) return { kind: 'due', left: null };
  return { kind: 'running', left: countdown(d.dueAt, now, pausedAt) };
}

// ---------------------------------------------------------------------------------------------
// Refusals next to their field

/**
 * The form field a refusal's path names: the longest registered key that the path starts with
 * ("clauses[1].regions[0]" → "clauses[1].regions", else "clauses[1]", else "clauses").
 */
export function fieldKey(path: string, keys: Iterable<string>): string | null {
  const known = new Set(keys);
  let p = path;
  for (;;) {
    if (known.has(p)) return p;
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    if (cut <= 0) return null;
    p = p.slice(0, cut);
  }
}

/**
 * A refusal's sentence for the field: the schema's refusals read "agreement.propose: title: Too
 * small…"; the field shows only "Too small…".
 */
export function fieldMessage(reply: { message: string; path?: string | undefined }, type: string): string {
  const prefix = `${type}: ${reply.path ?? ''}: `;
  return reply.message.startsWith(prefix) ? reply.message.slice(prefix.length) : reply.message;
}
