import type { EvolversFor } from '../define.ts';
import type { ExerciseState } from '../state.ts';
import type { intelEvents } from './events.ts';
import { releasableTo } from './markings.ts';
import type { Holding, IntelState } from './records.ts';
import { newIntelState } from './release.ts';

/** Records are replaced, never changed in place, so snapshots can share them. */
function update(s: ExerciseState, id: string, patch: (x: IntelState) => Partial<IntelState>): void {
  const x = s.intel[id];
  if (x) s.intel[id] = { ...x, ...patch(x) };
}

/** The holdings with these nations added (a nation that already holds keeps its first holding). */
function adding(h: Readonly<Record<string, Holding>>, nations: readonly string[], holding: Holding): Record<string, Holding> {
  const out = { ...h };
  for (const n of nations) if (!Object.hasOwn(out, n)) out[n] = holding;
  return out;
}

export const intelEvolvers: EvolversFor<typeof intelEvents> = {
  'intel.released': (s, e) =>
    update(s, e.intel, (x) => {
      // Logs before format 4 released a report to every nation its markings named.
      const to = e.to ?? s.scenario.nations.map((n) => n.id).filter((n) => releasableTo(x.def.originator, x.controls, n));
      return {
        status: 'released',
        releasedAt: e.at,
        releasedSeq: e.seq,
        releasedTurn: e.turn,
        statusNote: null,
        holders: adding(x.holders, [x.def.originator, ...to], { at: e.at, seq: e.seq, turn: e.turn, share: null }),
      };
    }),
  'intel.delivered': (s, e) =>
    update(s, e.intel, (x) => ({ holders: adding(x.holders, e.to, { at: e.at, seq: e.seq, turn: e.turn, share: null }) })),
  'intel.held': (s, e) => update(s, e.intel, () => ({ status: 'held', statusNote: e.note || null })),
  'intel.resumed': (s, e) => update(s, e.intel, () => ({ status: 'scheduled', statusNote: null })),
  'intel.written': (s, e) => {
    s.intel[e.report.id] = newIntelState(e.report, 'control', e.truth, e.to);
    s.intelOrder.push(e.report.id);
  },
  'intel.shared': (s, e) => {
    const holding: Holding = { at: e.at, seq: e.seq, turn: e.turn, share: e.share };
    update(s, e.report, (x) =>
      e.part === 'full' ? { holders: adding(x.holders, e.to, holding) } : { tearlineHolders: adding(x.tearlineHolders, e.to, holding) },
    );
    s.intelShares[e.share] = {
      id: e.share,
      seq: e.seq,
      at: e.at,
      turn: e.turn,
      report: e.report,
      part: e.part,
      from: e.from,
      to: e.to,
      basis: e.basis,
      agreement: e.agreement,
      request: e.request,
      note: e.note,
      by: { name: e.by.name, position: e.by.position },
    };
    s.intelShareOrder.push(e.share);
  },
  'intel.requested': (s, e) => {
    s.intelRequests[e.request] = {
      id: e.request,
      seq: e.seq,
      at: e.at,
      turn: e.turn,
      report: e.report,
      part: e.part,
      originator: e.originator,
      from: e.from,
      to: e.to,
      reason: e.reason,
      by: { name: e.by.name, position: e.by.position },
      status: 'pending',
      answer: null,
    };
    s.intelRequestOrder.push(e.request);
  },
  'intel.approved': (s, e) => {
    const r = s.intelRequests[e.request];
    if (r)
      s.intelRequests[e.request] = {
        ...r,
        status: 'approved',
        answer: { note: e.note, at: e.at, seq: e.seq, by: e.by.name, share: e.share },
      };
  },
  'intel.denied': (s, e) => {
    const r = s.intelRequests[e.request];
    if (r)
      s.intelRequests[e.request] = { ...r, status: 'denied', answer: { note: e.note, at: e.at, seq: e.seq, by: e.by.name, share: null } };
  },
  'intel.widened': (s, e) =>
    update(s, e.intel, (x) => ({
      controls: e.controls,
      widenings: [...x.widenings, { seq: e.seq, at: e.at, turn: s.turn, by: e.by.name, relTo: e.relTo, lift: e.lift, note: e.note }],
    })),
  'intel.assessed': (s, e) => {
    const holding: Holding = { at: e.at, seq: e.seq, turn: e.turn, share: e.share };
    const x = newIntelState(e.report, 'assessment', null, e.to);
    s.intel[e.report.id] = {
      ...x,
      status: 'released',
      releasedAt: e.at,
      releasedSeq: e.seq,
      releasedTurn: e.turn,
      holders: adding({}, [e.from, ...e.to], holding),
    };
    s.intelOrder.push(e.report.id);
    s.intelShares[e.share] = {
      id: e.share,
      seq: e.seq,
      at: e.at,
      turn: e.turn,
      report: e.report.id,
      part: 'full',
      from: e.from,
      to: e.to,
      basis: 'assessment',
      agreement: null,
      request: null,
      note: e.note,
      by: { name: e.by.name, position: e.by.position },
    };
    s.intelShareOrder.push(e.share);
  },
};
