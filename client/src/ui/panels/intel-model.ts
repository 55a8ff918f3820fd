/**
 * The intel library's pure parts: filters, the unread store's key, the words for what the
 * markings allow (or why not), the provenance trail in sentences, and what each action may do
 * for which ally. No DOM here: intel-model.test.ts checks it in Node.
 */
import type { View } from '@concord/shared/views/index';
import { gameClock } from '../../format.ts';
import { nationName, nationsLabel } from '../labels.ts';

export type Report = View['intel'][number];
export type Share = View['intelShares'][number];
export type OrconRequestView = View['intelRequests'][number];
export type AllyOption = View['intelOptions'][string][number];
export type Allowance = AllyOption['share'];

/** Why a choice is not open, in the user's words (null when it is). */
const WHY: Record<Allowance, string | null> = {
  ok: null,
  agreement: null,
  noforn: 'NOFORN: for the originator only',
  orcon: 'ORCON: only the originator may release it; request its release instead',
  no_tearline: 'This report has no tearline',
  not_releasable: 'Outside its REL TO, and no intelligence-sharing agreement in force covers it',
  not_orcon: 'Not ORCON: share it directly',
  already_requested: 'Already requested: awaiting the originator',
};
export const allowed = (a: Allowance): boolean => a === 'ok' || a === 'agreement';
export const whyNot = (a: Allowance): string | null => WHY[a];

export const BASIS: Record<Share['basis'], string> = {
  rel_to: 'within REL TO',
  agreement: 'under an intelligence-sharing agreement',
  orcon_approval: "with the originator's ORCON approval",
  assessment: 'assessment sent',
};

/** The title a reader sees: a tearline without its own title is named by its originator and turn. */
export function reportTitle(view: Pick<View, 'nations' | 'adversary'>, r: Report): string {
  if (r.title !== null) return r.title;
  return `Tearline — ${nationName(view, r.originator)} report, turn ${r.releasedTurn ?? '?'}`;
}

/** "REL TO Calvaria, Lindmark · ORCON" — the controls in force, by name. */
export function controlsLabel(view: Pick<View, 'nations' | 'adversary'>, r: Pick<Report, 'controls' | 'originator'>): string {
  const c = r.controls;
  const parts: string[] = [];
  if (c.noforn) parts.push('NOFORN (originator only)');
  else parts.push(`REL TO ${nationsLabel(view, [...new Set([r.originator, ...c.relTo])])}`);
  if (c.orcon) parts.push('ORCON (originator controls onward release)');
  return parts.join(' · ');
}

const RELIABILITY: Record<string, string> = {
  A: 'completely reliable',
  B: 'usually reliable',
  C: 'fairly reliable',
  D: 'not usually reliable',
  E: 'unreliable',
  F: 'reliability cannot be judged',
};
const CREDIBILITY: Record<string, string> = {
  '1': 'confirmed',
  '2': 'probably true',
  '3': 'possibly true',
  '4': 'doubtful',
  '5': 'improbable',
  '6': 'truth cannot be judged',
};
/** "B2 — usually reliable source, probably true". */
export const gradingLabel = (g: { reliability: string; credibility: string }): string =>
  `${g.reliability}${g.credibility} — ${RELIABILITY[g.reliability] ?? '?'} source, ${CREDIBILITY[g.credibility] ?? '?'}`;

// ---------------------------------------------------------------------------------------------
// Filters

export interface IntelFilter {
  turn: number | null;
  region: string | null;
  originator: string | null;
  unreadOnly: boolean;
}
export const NO_FILTER: IntelFilter = { turn: null, region: null, originator: null, unreadOnly: false };

/** The turn a report is filed under: when it reached the reader (or was released, for control). */
export const turnOf = (r: Report): number | null => r.held?.turn ?? r.releasedTurn ?? r.control?.releaseTurn ?? null;

/** Reports that pass the filter, newest first (unreleased ones, for control, last in schedule order). */
export function filterReports(reports: readonly Report[], f: IntelFilter, read: ReadonlySet<string>): Report[] {
  return reports
    .filter(
      (r) =>
        (f.turn === null || turnOf(r) === f.turn) &&
        (f.region === null || r.regions.includes(f.region)) &&
        (f.originator === null || r.originator === f.originator) &&
        (!f.unreadOnly || !read.has(readKey(r))),
    )
    .map((r, i) => ({ r, i }))
    .sort((a, b) => {
      const at = (x: Report) => x.held?.at ?? x.releasedAt ?? null;
      const ta = at(a.r);
      const tb = at(b.r);
      if (ta !== null && tb !== null) return tb - ta || a.i - b.i;
      if (ta !== null) return -1;
      if (tb !== null) return 1;
      return (turnOf(a.r) ?? 0) - (turnOf(b.r) ?? 0) || a.i - b.i;
    })
    .map((x) => x.r);
}

/** The choices each filter offers: only values some report has, by name. */
export function filterChoices(view: Pick<View, 'intel' | 'nations' | 'adversary' | 'map'>): {
  turns: number[];
  regions: Array<{ id: string; name: string }>;
  originators: Array<{ id: string; name: string }>;
} {
  const turns = [...new Set(view.intel.map(turnOf).filter((t): t is number => t !== null))].sort((a, b) => a - b);
  const regionIds = new Set(view.intel.flatMap((r) => r.regions));
  const regions = view.map.regions.filter((g) => regionIds.has(g.id)).map((g) => ({ id: g.id, name: g.name }));
  const origIds = new Set(view.intel.map((r) => r.originator));
  const originators = view.nations.filter((n) => origIds.has(n.id)).map((n) => ({ id: n.id, name: n.name }));
  return { turns, regions, originators };
}

// ---------------------------------------------------------------------------------------------
// Unread markers

/** What is marked read: the report and the part the reader holds (a tearline, then the full report, are two reads). */
export const readKey = (r: Pick<Report, 'id' | 'part'>): string => `${r.id}:${r.part}`;

/** Where a seat's read marks are kept: per exercise and seat. */
export const storeKey = (exerciseId: string, seat: { role: string; nation: string | null; position: string | null }): string =>
  `concord.intel.read.${exerciseId}.${seat.role}.${seat.nation ?? '-'}.${seat.position ?? '-'}`;

/** Reports a nation has not opened yet (released ones only). */
export const unreadCount = (reports: readonly Report[], read: ReadonlySet<string>): number =>
  reports.filter((r) => r.released && !read.has(readKey(r))).length;

// ---------------------------------------------------------------------------------------------
// The provenance trail

/**
 * One line of the trail, in words: when (game time and turn), who passed it to whom, on what
 * basis, and the note. An ORCON-approved release is the requester's, approved by the originator's
 * seat (`by` is then the approver): "Lindmark → Orvania: with Calvaria's ORCON approval (Carla Brandt)".
 */
export function trailLine(
  view: Pick<View, 'nations' | 'adversary' | 'exercise'>,
  s: Share,
  originator: string | null,
): { when: string; what: string; note: string } {
  const when = `${gameClock(view.exercise, s.at)} (turn ${s.turn})`;
  const part = s.part === 'tearline' ? 'tearline ' : '';
  const what =
    s.basis === 'orcon_approval'
      ? `${nationName(view, s.from)} → ${nationsLabel(view, s.to)}: ${part}with ${originator ? `${nationName(view, originator)}'s` : "the originator's"} ORCON approval (${s.by.name})`
      : `${nationName(view, s.from)} (${s.by.name}) → ${nationsLabel(view, s.to)}: ${part}${BASIS[s.basis]}`;
  return { when, what, note: s.note };
}

export const trailOf = (view: Pick<View, 'intelShares'>, report: string): Share[] => view.intelShares.filter((s) => s.report === report);

export const requestsOf = (view: Pick<View, 'intelRequests'>, report: string): OrconRequestView[] =>
  view.intelRequests.filter((q) => q.report === report);

/** Requests this nation must answer, as originator. */
export const awaitingAnswer = (view: Pick<View, 'intelRequests'>, nation: string | null): OrconRequestView[] =>
  nation === null ? [] : view.intelRequests.filter((q) => q.originator === nation && q.status === 'pending');

// ---------------------------------------------------------------------------------------------
// Actions

export type ActionKind = 'share' | 'request' | 'tearline' | 'widen';

export interface AllyChoice {
  nation: string;
  name: string;
  allowed: boolean;
  /** How it would go ("under an intelligence-sharing agreement"), or why not. */
  note: string | null;
}

/** For an action on a report, each ally with whether it may be chosen and why not. */
export function allyChoices(
  view: Pick<View, 'nations' | 'adversary' | 'intelOptions'>,
  report: string,
  pick: (o: AllyOption) => Allowance,
): AllyChoice[] {
  return (view.intelOptions[report] ?? []).map((o) => {
    const a = pick(o);
    return {
      nation: o.nation,
      name: nationName(view, o.nation),
      allowed: allowed(a),
      note: a === 'agreement' ? 'under an intelligence-sharing agreement' : whyNot(a),
    };
  });
}

/** Whether an action is open for some ally and, if not, the reason most allies share. */
export function actionState(choices: readonly AllyChoice[]): { open: boolean; why: string | null } {
  if (choices.some((c) => c.allowed)) return { open: true, why: null };
  if (choices.length === 0) return { open: false, why: 'No other allied nation to send it to' };
  const counts = new Map<string, number>();
  for (const c of choices) if (c.note) counts.set(c.note, (counts.get(c.note) ?? 0) + 1);
  const why = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  return { open: false, why };
}

/** What the originator may still widen: nations outside REL TO, and the controls it may lift. */
export function widenChoices(
  view: Pick<View, 'nations'>,
  r: Pick<Report, 'controls' | 'originator' | 'part'>,
): { nations: Array<{ id: string; name: string }>; orcon: boolean; noforn: boolean } {
  const nations = view.nations
    .filter((n) => n.id !== r.originator && !r.controls.relTo.includes(n.id))
    .map((n) => ({ id: n.id, name: n.name }));
  return { nations, orcon: r.controls.orcon, noforn: r.controls.noforn };
}

/** Status of a report for control, in words. */
export const STATUS_LABEL: Record<string, string> = { scheduled: 'Scheduled', held: 'Held', released: 'Released' };
export const TRUTH_LABEL: Record<string, string> = { true: 'True', false: 'False', deception: 'Deception' };
export const REQUEST_STATUS: Record<OrconRequestView['status'], string> = {
  pending: 'Awaiting the originator',
  approved: 'Approved',
  denied: 'Denied',
};
