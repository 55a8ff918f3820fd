/**
 * Intelligence rules: control releases, holds, resumes and writes reports; nations share what
 * they hold within its markings, ask an ORCON report's originator for release and answer such
 * requests, widen their own reports, release tearlines, and send assessments of their own.
 *
 * A nation naming a report it does not hold (or a request it is not party to) is answered
 * `not_found`, exactly as for an id nobody uses.
 */
import { own, reject, type Rejection } from '../envelope.ts';
import { isAllied, requireStatus, LIVE, type EventBody, type HandlersFor } from '../define.ts';
import { CLASSIFICATIONS } from '../../common.ts';
import type { DisseminationDef } from '../../scenario/schema.ts';
import type { ExerciseState } from '../state.ts';
import type { intelCommands, intelInfo } from './commands.ts';
import { banner, holdsReport, markingsOf, releasableTo, sharingAgreement } from './markings.ts';
import type { IntelState, Markings, ReportDef } from './records.ts';
import { addresseesFor, carriers, releaseOnResume } from './release.ts';

const NOT_HELD = (path = 'intel') => reject('not_found', 'You hold no report by that id.', path);

/** The report a nation holds in full, or `not_found`. */
function held(state: ExerciseState, nation: string, id: string): IntelState | Rejection<'not_found'> {
  const x = own(state.intel, id);
  return x && holdsReport(state, { id }, nation) ? x : NOT_HELD();
}

type RecipientCode = 'unknown_nation' | 'duplicate' | 'not_releasable';
/**
 * Every recipient is another allied nation, named once, to whom the markings release it: by REL
 * TO, or (when `agreements`) by an intelligence-sharing agreement in force. The agreement used, if any.
 */
export function checkRecipients(
  state: ExerciseState,
  sender: string | null,
  m: Markings,
  to: readonly string[],
  agreements: boolean,
  path = 'to',
): { agreement: string | null } | Rejection<RecipientCode> {
  const seen = new Set<string>();
  let agreement: string | null = null;
  for (const [i, n] of to.entries()) {
    if (!isAllied(state, n) || n === sender)
      return reject('unknown_nation', `"${n}" is not an allied nation you can send to.`, `${path}[${i}]`);
    if (seen.has(n)) return reject('duplicate', `${n} is named twice.`, `${path}[${i}]`);
    seen.add(n);
    if (releasableTo(m.originator, m.controls, n)) continue;
    const a = agreements ? sharingAgreement(state, m, n, sender) : null;
    if (a) {
      agreement ??= a;
      continue;
    }
    return reject('not_releasable', `${banner(m.classification, m.originator, m.controls)} does not release it to ${n}.`, `${path}[${i}]`);
  }
  return { agreement };
}

/** Why a nation may not share a report's full text or its tearline at all (whoever the recipient), or null. */
export function shareBlock(x: IntelState, nation: string, part: 'full' | 'tearline'): 'noforn' | 'orcon' | 'no_tearline' | null {
  const m = markingsOf(x, part);
  if (!m) return 'no_tearline';
  if (m.controls.noforn) return 'noforn';
  if (m.controls.orcon && nation !== x.def.originator) return 'orcon';
  return null;
}

function checkControls(state: ExerciseState, c: DisseminationDef, path: string): Rejection<'unknown_nation'> | null {
  for (const [i, n] of c.relTo.entries())
    if (!isAllied(state, n)) return reject('unknown_nation', `"${n}" is not an allied nation.`, `${path}.relTo[${i}]`);
  return null;
}

function checkRegions(state: ExerciseState, regions: readonly string[]): Rejection<'unknown_region'> | null {
  for (const [i, r] of regions.entries())
    if (!own(state.regions, r)) return reject('unknown_region', `There is no region "${r}".`, `regions[${i}]`);
  return null;
}

/** Who a manual release reaches: its originator, the nations named, control's ad hoc list, and the addressees of carrying injects already out. */
function manualRecipients(state: ExerciseState, id: string, x: IntelState, to: readonly string[]): string[] {
  const fromInjects = (carriers(state.scenario).get(id) ?? []).flatMap((i) => {
    const inj = state.injects[i];
    return inj?.status === 'released' ? addresseesFor(state, x, inj.def) : [];
  });
  return [...new Set([...x.releaseTo, ...to, ...fromInjects])].filter((n) => n !== x.def.originator);
}

/** Whether a nation holds the report or at least its tearline. */
const holdsTearline = (x: IntelState, nation: string) =>
  x.status === 'released' && (Object.hasOwn(x.holders, nation) || Object.hasOwn(x.tearlineHolders, nation));

const turnNow = (state: ExerciseState) => Math.max(1, state.turn);

/** A share the sender may make itself (within the markings, or by an agreement): the ledger's line. */
function directShare(
  state: ExerciseState,
  cmd: { intel: string; to: string[]; note: string },
  nation: string,
  part: 'full' | 'tearline',
  agreement: string | null,
): EventBody {
  return {
    type: 'intel.shared',
    share: `share-${state.seq + 1}`,
    report: cmd.intel,
    part,
    from: nation,
    to: cmd.to,
    basis: agreement ? 'agreement' : 'rel_to',
    agreement,
    request: null,
    note: cmd.note,
    turn: turnNow(state),
  };
}

export const intelHandlers: HandlersFor<typeof intelCommands, typeof intelInfo> = {
  'intel.release': (state, cmd) => {
    const x = own(state.intel, cmd.intel);
    if (!x) return reject('unknown_intel', `There is no report "${cmd.intel}".`, 'intel');
    if (x.status === 'released') return reject('already_released', `"${x.def.title}" was already released.`, 'intel');
    const ok = checkRecipients(state, x.def.originator, markingsOf(x, 'full')!, cmd.to, false);
    if ('code' in ok) return ok;
    const to = manualRecipients(state, cmd.intel, x, cmd.to);
    return [{ type: 'intel.released', intel: cmd.intel, turn: turnNow(state), to, reason: 'manual', inject: null }];
  },
  'intel.hold': (state, cmd) => {
    const x = own(state.intel, cmd.intel);
    if (!x) return reject('unknown_intel', `There is no report "${cmd.intel}".`, 'intel');
    if (x.status !== 'scheduled')
      return reject('not_pending', `"${x.def.title}" is ${x.status}; only a scheduled report can be held.`, 'intel');
    return [{ type: 'intel.held', intel: cmd.intel, note: cmd.note }];
  },
  'intel.resume': (state, cmd) => {
    const x = own(state.intel, cmd.intel);
    if (!x) return reject('unknown_intel', `There is no report "${cmd.intel}".`, 'intel');
    if (x.status !== 'held') return reject('not_held', `"${x.def.title}" is not held.`, 'intel');
    return [{ type: 'intel.resumed', intel: cmd.intel }, ...releaseOnResume(state, cmd.intel, x)];
  },
  'intel.write': (state, cmd) => {
    if (!isAllied(state, cmd.originator)) return reject('unknown_originator', `"${cmd.originator}" is not an allied nation.`, 'originator');
    const bad =
      checkControls(state, cmd.controls, 'controls') ??
      (cmd.tearline ? checkControls(state, cmd.tearline.controls, 'tearline.controls') : null);
    if (bad) return bad;
    const region = checkRegions(state, cmd.regions);
    if (region) return region;
    if (cmd.tearline && CLASSIFICATIONS.indexOf(cmd.tearline.classification) > CLASSIFICATIONS.indexOf(cmd.classification))
      return reject(
        'tearline_above_report',
        `A tearline cannot be classified above its report (${cmd.classification}).`,
        'tearline.classification',
      );
    const m: Markings = { originator: cmd.originator, classification: cmd.classification, controls: cmd.controls };
    const ok = checkRecipients(state, cmd.originator, m, cmd.to, false);
    if ('code' in ok) return ok;
    const now = cmd.release === 'now';
    if (cmd.release !== 'now') {
      const { turn } = cmd.release;
      if (turn > state.scenario.clock.turns)
        return reject('in_the_past', `Turn ${turn} is after the last turn (${state.scenario.clock.turns}).`, 'release.turn');
      if (turn < state.turn || (turn === state.turn && state.phaseIndex >= 0 && state.turn > 0))
        return reject('in_the_past', `Turn ${turn} has already begun; release it now instead.`, 'release.turn');
    } else {
      const refused = requireStatus(state, LIVE);
      if (refused) return refused;
    }
    const id = `rep-${state.seq + 1}`;
    const def: ReportDef = {
      id,
      title: cmd.title,
      originator: cmd.originator,
      classification: cmd.classification,
      controls: cmd.controls,
      grading: cmd.grading,
      releaseTurn: cmd.release === 'now' ? turnNow(state) : cmd.release.turn,
      regions: cmd.regions,
      body: cmd.body,
      groundTruth: cmd.groundTruth,
      truth: cmd.truth,
      ...(cmd.tearline ? { tearline: cmd.tearline } : {}),
    };
    const written: EventBody = { type: 'intel.written', report: def, truth: cmd.truth, to: cmd.to };
    return now
      ? [written, { type: 'intel.released', intel: id, turn: turnNow(state), to: cmd.to, reason: 'manual', inject: null }]
      : [written];
  },
  'intel.share': (state, cmd, { nation }) => {
    const x = held(state, nation, cmd.intel);
    if ('code' in x) return x;
    const block = shareBlock(x, nation, 'full');
    if (block === 'noforn') return reject('noforn', `"${x.def.title}" is NOFORN: for its originator only.`, 'intel');
    if (block === 'orcon')
      return reject('orcon', `"${x.def.title}" is ORCON: only ${x.def.originator} may release it onward. Ask the originator.`, 'intel');
    const ok = checkRecipients(state, nation, markingsOf(x, 'full')!, cmd.to, true);
    if ('code' in ok) return ok;
    return [directShare(state, cmd, nation, 'full', ok.agreement)];
  },
  'intel.request': (state, cmd, { nation }) => {
    const x = own(state.intel, cmd.intel);
    const full = !!x && holdsReport(state, { id: cmd.intel }, nation);
    // The full report needs the full text; a tearline request needs the report or its tearline.
    if (!x || (!full && (cmd.part === 'full' || !holdsTearline(x, nation)))) return NOT_HELD();
    if (x.def.originator === nation) return reject('own_report', 'You are the originator: share it directly.', 'intel');
    const m = markingsOf(x, cmd.part);
    if (!m) return reject('no_tearline', 'This report has no tearline.', 'part');
    if (m.controls.noforn) return reject('noforn', 'It is NOFORN: for its originator only.', 'intel');
    if (!m.controls.orcon) return reject('not_orcon', 'It is not ORCON: share it directly.', 'intel');
    const i = cmd.to.indexOf(x.def.originator);
    if (i >= 0) return reject('unknown_nation', `${x.def.originator} is the originator; it has the report.`, `to[${i}]`);
    const ok = checkRecipients(state, nation, m, cmd.to, false);
    if ('code' in ok) return ok;
    for (const id of state.intelRequestOrder) {
      const r = state.intelRequests[id];
      if (r?.status !== 'pending' || r.report !== cmd.intel || r.part !== cmd.part || r.from !== nation) continue;
      const j = cmd.to.findIndex((n) => r.to.includes(n));
      if (j >= 0) return reject('already_requested', `Your request for ${cmd.to[j]} is still pending.`, `to[${j}]`);
    }
    return [
      {
        type: 'intel.requested',
        request: `req-${state.seq + 1}`,
        report: cmd.intel,
        part: cmd.part,
        originator: x.def.originator,
        from: nation,
        to: cmd.to,
        reason: cmd.reason,
        turn: turnNow(state),
      },
    ];
  },
  'intel.approve': (state, cmd, { nation }) => {
    const r = own(state.intelRequests, cmd.request);
    if (!r || (r.originator !== nation && r.from !== nation)) return reject('not_found', 'You have no request by that id.', 'request');
    if (r.originator !== nation)
      return reject('not_originator', `Only ${r.originator}, the originator, may approve this request.`, 'request');
    if (r.status !== 'pending') return reject('not_pending', `Request ${r.id} was already ${r.status}.`, 'request');
    const share = `share-${state.seq + 1}`;
    return [
      { type: 'intel.approved', request: r.id, note: cmd.note, share },
      {
        type: 'intel.shared',
        share,
        report: r.report,
        part: r.part,
        from: r.from,
        to: [...r.to],
        basis: 'orcon_approval',
        agreement: null,
        request: r.id,
        note: cmd.note,
        turn: turnNow(state),
      },
    ];
  },
  'intel.deny': (state, cmd, { nation }) => {
    const r = own(state.intelRequests, cmd.request);
    if (!r || (r.originator !== nation && r.from !== nation)) return reject('not_found', 'You have no request by that id.', 'request');
    if (r.originator !== nation) return reject('not_originator', `Only ${r.originator}, the originator, may deny this request.`, 'request');
    if (r.status !== 'pending') return reject('not_pending', `Request ${r.id} was already ${r.status}.`, 'request');
    return [{ type: 'intel.denied', request: r.id, note: cmd.note }];
  },
  'intel.widen': (state, cmd, { nation }) => {
    const x = held(state, nation, cmd.intel);
    if ('code' in x) return x;
    if (x.def.originator !== nation) return reject('not_originator', `Only ${x.def.originator}, the originator, may widen it.`, 'intel');
    for (const [i, n] of cmd.relTo.entries())
      if (!isAllied(state, n)) return reject('unknown_nation', `"${n}" is not an allied nation.`, `relTo[${i}]`);
    const add = [...new Set(cmd.relTo)].filter((n) => n !== nation && !x.controls.relTo.includes(n));
    const lift = [...new Set(cmd.lift)].filter((c) => x.controls[c]);
    if (!add.length && !lift.length)
      return reject('no_change', 'Those nations are already in REL TO and those controls are not set.', 'relTo');
    const controls: DisseminationDef = {
      relTo: [...x.controls.relTo, ...add],
      orcon: x.controls.orcon && !lift.includes('orcon'),
      noforn: x.controls.noforn && !lift.includes('noforn'),
    };
    return [{ type: 'intel.widened', intel: cmd.intel, relTo: add, lift, controls, note: cmd.note }];
  },
  'intel.release_tearline': (state, cmd, { nation }) => {
    const x = own(state.intel, cmd.intel);
    if (!x || !holdsTearline(x, nation)) return NOT_HELD();
    const block = shareBlock(x, nation, 'tearline');
    if (block === 'no_tearline') return reject('no_tearline', 'This report has no tearline.', 'intel');
    if (block === 'noforn') return reject('noforn', 'The tearline is NOFORN.', 'intel');
    if (block === 'orcon')
      return reject('orcon', `The tearline is ORCON: only ${x.def.originator} may release it. Ask the originator.`, 'intel');
    const ok = checkRecipients(state, nation, markingsOf(x, 'tearline')!, cmd.to, true);
    if ('code' in ok) return ok;
    return [directShare(state, cmd, nation, 'tearline', ok.agreement)];
  },
  'intel.assess': (state, cmd, { nation }) => {
    const bad = checkControls(state, cmd.controls, 'controls') ?? checkRegions(state, cmd.regions);
    if (bad) return bad;
    for (const [i, c] of cmd.cites.entries()) if (!holdsReport(state, { id: c }, nation)) return NOT_HELD(`cites[${i}]`);
    const m: Markings = { originator: nation, classification: cmd.classification, controls: cmd.controls };
    const ok = checkRecipients(state, nation, m, cmd.to, true);
    if ('code' in ok) return ok;
    const report: ReportDef = {
      id: `asm-${state.seq + 1}`,
      title: cmd.title,
      originator: nation,
      classification: cmd.classification,
      controls: cmd.controls,
      grading: null,
      releaseTurn: turnNow(state),
      regions: cmd.regions,
      body: cmd.body,
      groundTruth: '',
    };
    return [
      {
        type: 'intel.assessed',
        share: `share-${state.seq + 1}`,
        report,
        from: nation,
        to: cmd.to,
        cites: cmd.cites,
        note: cmd.note,
        turn: turnNow(state),
      },
    ];
  },
};
