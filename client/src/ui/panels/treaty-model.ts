/**
 * Pure helpers for the Treaties panel: clause types, decision rules and stances in words,
 * deadlines in game time (the same arithmetic as the engine's `turns/gametime.ts`, which the
 * browser does not load), whether a consultation still takes positions, what an invocation can
 * cite, and reasons with nation ids turned into names. No DOM here: everything is unit-tested.
 */
import type { View } from '@concord/shared/views/index';
import { gameTime } from '../../format.ts';
import { citationLabel, nationName, stanceLabel } from '../labels.ts';

export type Consultation = View['consultations'][number];
export type Treaty = View['treaties'][number];
export type TreatyClause = Treaty['clauses'][number];
export type ClauseType = TreatyClause['type'];
export type DecisionRule = TreatyClause['decisionRule'];
export type Stance = 'support' | 'oppose' | 'abstain';
export type CitationKind = Consultation['cites'][number]['kind'];
export interface Deadline {
  turn: number;
  phase: View['exercise']['phases'][number]['id'];
}

/** How the members decide an invocation, in words. */
export const RULES: Readonly<Record<DecisionRule, { label: string; words: string }>> = {
  consensus: { label: 'Consensus', words: 'activated only if no member opposes it: any member can block it' },
  majority: { label: 'Majority', words: 'activated when more than half the members support it' },
  silence: { label: 'Silence procedure', words: 'activated at the deadline unless a member breaks silence by opposing it' },
  unilateral: { label: 'Each member for itself', words: 'applies from its invocation: each member answers for itself' },
};

export const ruleInWords = (r: DecisionRule): string => `${RULES[r].label}: ${RULES[r].words}.`;

/** A member's stance, or "Not yet" before it has stated one. */
export const stanceOrNotYet = (s: Stance | null): string => (s === null ? 'Not yet' : stanceLabel(s));

const KIND_WORDS: Readonly<Record<CitationKind, string>> = {
  inject: 'an inject',
  outcome: 'an outcome',
  report: 'a report',
  agreement: 'an agreement',
  consultation: 'a consultation',
};

// ---------------------------------------------------------------------------------------------
// Deadlines

type Clock = Pick<View['exercise'], 'turn' | 'turns' | 'phaseIndex' | 'phases' | 'status' | 'gameTime' | 'gameMinutesPerTurn'>;

/** Where a (turn, phase) sits on the exercise's timeline (the engine's `positionOf`). */
export function positionOf(ex: Pick<Clock, 'phases'>, d: Deadline): number {
  const i = ex.phases.findIndex((p) => p.id === d.phase);
  return (d.turn - 1) * ex.phases.length + (i < 0 ? ex.phases.length : i);
}

const currentPosition = (ex: Clock): number => (ex.turn === 0 ? -1 : (ex.turn - 1) * ex.phases.length + ex.phaseIndex);

/** Whether the exercise has moved past the end of that phase (or ended). */
export const deadlinePassed = (ex: Clock, d: Deadline): boolean => ex.status === 'ended' || currentPosition(ex) > positionOf(ex, d);

/** Game time (ISO) at the end of a phase of a turn: the engine's `gameTimeAtEnd`, from what the view carries. */
export function gameTimeAtEnd(ex: Clock, d: Deadline): string {
  const start = Date.parse(ex.gameTime) - Math.max(0, Math.max(1, ex.turn) - 1) * ex.gameMinutesPerTurn * 60_000;
  const total = ex.phases.reduce((n, p) => n + p.durationMinutes, 0);
  const i = ex.phases.findIndex((p) => p.id === d.phase);
  const through = ex.phases.slice(0, i + 1).reduce((n, p) => n + p.durationMinutes, 0);
  const minutes = (d.turn - 1) * ex.gameMinutesPerTurn + Math.round((through / total) * ex.gameMinutesPerTurn);
  return new Date(start + minutes * 60_000).toISOString();
}

/** The engine's default deadline: the end of the next consultation phase (or of the current phase without one). */
export function defaultDeadline(ex: Clock): Deadline {
  const turn = Math.max(1, ex.turn);
  const consult = ex.phases.find((p) => p.id === 'consult');
  const current = ex.phases[ex.phaseIndex]?.id ?? ex.phases[0]?.id ?? 'consult';
  if (!consult) return { turn, phase: current };
  const mine: Deadline = { turn, phase: consult.id };
  if (!deadlinePassed(ex, mine)) return mine;
  const last = ex.phases.at(-1)?.id ?? consult.id;
  return turn < ex.turns ? { turn: turn + 1, phase: consult.id } : { turn, phase: last };
}

const phaseName = (ex: Pick<Clock, 'phases'>, id: string) => ex.phases.find((p) => p.id === id)?.label ?? id;

/** "end of Consultation and negotiation, turn 2 (04 Mar 2031 11:12Z)". */
export function describeDeadline(ex: Clock, d: Deadline): string {
  return `end of ${phaseName(ex, d.phase)}, turn ${d.turn} (${gameTime(gameTimeAtEnd(ex, d))})`;
}

/** "Turn 2, Consultation and negotiation — 04 Mar 2031 11:12Z": for a list of deadlines. */
export function shortDeadline(ex: Clock, d: Deadline): string {
  return `Turn ${d.turn}, ${phaseName(ex, d.phase)} — ${gameTime(gameTimeAtEnd(ex, d))}`;
}

export interface DeadlineOption {
  /** "turn/phase", the value of the option. */
  value: string;
  label: string;
  deadline: Deadline;
}

export const deadlineValue = (d: Deadline): string => `${d.turn}/${d.phase}`;

/** Every deadline that can still be set: from the current phase to the last phase of the last turn, after `after` when given. */
export function deadlineOptions(ex: Clock, after: Deadline | null = null): DeadlineOption[] {
  const out: DeadlineOption[] = [];
  const floor = after ? positionOf(ex, after) : -Infinity;
  for (let turn = Math.max(1, ex.turn); turn <= ex.turns; turn++)
    for (const p of ex.phases) {
      const d: Deadline = { turn, phase: p.id };
      if (deadlinePassed(ex, d) || positionOf(ex, d) <= floor) continue;
      out.push({ value: deadlineValue(d), label: shortDeadline(ex, d), deadline: d });
    }
  return out;
}

export function parseDeadline(ex: Pick<Clock, 'phases'>, value: string): Deadline | null {
  const [t, phase] = value.split('/');
  const turn = Number(t);
  const p = ex.phases.find((x) => x.id === phase);
  return Number.isInteger(turn) && turn >= 1 && p ? { turn, phase: p.id } : null;
}

/**
 * What the countdown to a deadline reads: "12:34 left" while its phase runs on the clock,
 * "due now" once past, "when exercise control ends the phase" when the phase has no timer,
 * or null before its phase has begun (the game time says when).
 */
export function dueIn(c: Pick<Consultation, 'deadline'>, ex: Clock & Pick<View['exercise'], 'pausedAt'>, now: number): string | null {
  const { dueAt } = c.deadline;
  const pos = positionOf(ex, c.deadline);
  const cur = currentPosition(ex);
  if (cur < pos) return null;
  if (dueAt === null) return 'due when exercise control ends the phase';
  const left = dueAt - (ex.pausedAt ?? now);
  if (left <= 0) return 'due now';
  const s = Math.ceil(left / 1000);
  const mm = Math.floor(s / 60);
  const ss = s % 60;
  return `${mm}:${String(ss).padStart(2, '0')} left${ex.pausedAt !== null ? ' (clock paused)' : ''}`;
}

// ---------------------------------------------------------------------------------------------
// Consultations

/** Whether members may still state or revise a position (the engine's `takesPositions`). */
export function takesPositions(c: Pick<Consultation, 'deadline' | 'status' | 'rule' | 'settled'>, ex: Clock): boolean {
  return !deadlinePassed(ex, c.deadline) && (c.status === 'open' || c.rule === 'unilateral') && !(c.settled?.atDeadline ?? false);
}

/** Whether exercise control may still extend the deadline. */
export function extendable(c: Pick<Consultation, 'deadline' | 'status' | 'rule' | 'settled'>, ex: Clock): boolean {
  return (c.status === 'open' || c.rule === 'unilateral') && !(c.settled?.atDeadline ?? false) && ex.status !== 'ended';
}

export interface PositionRow {
  nation: string;
  name: string;
  stance: Stance | null;
  statement: string;
  /** Who stated it ("Ilse Varga, Minister of Foreign Affairs"), or null. */
  by: string | null;
  turn: number | null;
}

/** Every member's position, in member order, by name. */
export function positionRows(view: Pick<View, 'nations' | 'adversary'>, c: Pick<Consultation, 'members' | 'positions'>): PositionRow[] {
  return c.members.map((n) => {
    const v = Object.hasOwn(c.positions, n) ? c.positions[n] : undefined;
    const title = v?.position ? (view.nations.find((x) => x.id === n)?.positions.find((p) => p.id === v.position)?.title ?? null) : null;
    return {
      nation: n,
      name: nationName(view, n),
      stance: v?.stance ?? null,
      statement: v?.statement ?? '',
      by: v ? [v.name, title].filter(Boolean).join(', ') : null,
      turn: v?.turn ?? null,
    };
  });
}

/** "2 support · 1 oppose · 1 not yet". */
export function tallyLine(c: Pick<Consultation, 'tally'>): string {
  const t = c.tally;
  const parts = [
    `${t.support.length} support`,
    `${t.oppose.length} oppose`,
    t.abstain.length ? `${t.abstain.length} abstain` : null,
    t.silent.length ? `${t.silent.length} not yet` : null,
  ];
  return parts.filter(Boolean).join(' · ');
}

/** What an activated clause now allows, in plain words (null when nothing changes on the map). */
export function activationNote(
  view: Pick<View, 'nations' | 'adversary' | 'map'>,
  c: Pick<Consultation, 'status' | 'clauseType' | 'onBehalfOf' | 'invoker'>,
): string | null {
  if (c.status !== 'activated') return null;
  const host = nationName(view, c.onBehalfOf);
  const regions = view.map.regions.filter((r) => r.controller === c.onBehalfOf).map((r) => r.name);
  const where = regions.length ? ` (${regions.join(', ')})` : '';
  if (c.clauseType === 'collective_defence')
    return `Collective defence is activated for ${host}: every member may now commit forces to ${host}'s regions${where} without further consent.`;
  if (c.clauseType === 'basing_access')
    return `${nationName(view, c.invoker.nation)} may now base forces in the regions of the members that agreed.`;
  return null;
}

// ---------------------------------------------------------------------------------------------
// Citations

export interface CitationOption {
  kind: 'inject' | 'report' | 'outcome';
  id: string;
  label: string;
}

/** What a nation can cite: the injects, reports and outcomes its view holds, newest first, by title. */
export function citationOptions(
  view: Pick<View, 'injects' | 'intel' | 'outcomes'>,
): Record<'inject' | 'report' | 'outcome', CitationOption[]> {
  return {
    inject: [...view.injects]
      .filter((x) => x.releasedSeq !== null)
      .sort((a, b) => (b.releasedSeq ?? 0) - (a.releasedSeq ?? 0))
      .map((x) => ({ kind: 'inject' as const, id: x.id, label: `Inject #${x.number}: ${x.subject}` })),
    report: view.intel.flatMap((r) =>
      r.released && r.part === 'full' && r.title !== null ? [{ kind: 'report' as const, id: r.id, label: r.title }] : [],
    ),
    outcome: [...view.outcomes].reverse().map((o) => ({ kind: 'outcome' as const, id: o.id, label: o.title })),
  };
}

/** A citation as a reader of the consultation sees it: its title, or "a report you do not hold". */
export function citedLabel(
  view: Pick<View, 'injects' | 'intel' | 'outcomes' | 'agreements' | 'consultations'>,
  c: Consultation['cites'][number],
): string {
  return !c.held || c.id === null ? `${KIND_WORDS[c.kind]} you do not hold` : citationLabel(view, { kind: c.kind, id: c.id });
}
