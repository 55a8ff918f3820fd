/**
 * Intelligence. A nation reads the reports it holds: in full those that reached it (at release,
 * as the originator or an addressee of the carrying inject, or by a share), and only the tearline
 * of those whose tearline alone was released to it; it never gets a byte of a report's full text,
 * title or grading by a tearline. It sees the provenance ledger's lines it is party to (it shared
 * or received them) and, as originator, every dissemination of its reports; the ORCON requests it
 * made or must answer; and, per report, what it may do for each ally. The public reads none.
 * Control reads every report from the start with its status, schedule, ground truth, verdict,
 * holders, the whole ledger and every request.
 */
import {
  allyOptions,
  type AllyOption,
  banner,
  carriers,
  portions,
  releasableTo,
  type ExerciseState,
  type Holding,
  type IntelState,
  type ShareRecord,
} from '../../engine/index.ts';
import { memo } from '../memo.ts';
import type { ViewCtx } from '../context.ts';

/** Whether the audience reads the report in full. */
export const canSeeIntel = ({ control, nation }: ViewCtx, x: IntelState): boolean =>
  control || (nation !== null && x.status === 'released' && Object.hasOwn(x.holders, nation));

const readable = new WeakMap<ViewCtx, ReadonlySet<string>>();
/** The ids of the reports this audience reads in full now (an inject points to a report only for them). */
export function readableIntel(ctx: ViewCtx): ReadonlySet<string> {
  let ids = readable.get(ctx);
  if (!ids) readable.set(ctx, (ids = new Set(ctx.state.intelOrder.filter((id) => canSeeIntel(ctx, ctx.state.intel[id]!)))));
  return ids;
}

/** Whether a nation sees a line of the ledger: it shared or received it, or originated the report. */
function seesShare(state: ExerciseState, nation: string, s: ShareRecord): boolean {
  return s.from === nation || s.to.includes(nation) || state.intel[s.report]?.def.originator === nation;
}

/** A full report's title, typed as a tearline's may be (absent). */
const nullable = (t: string): string | null => t;

const holding = (h: Holding | undefined) => (h ? { at: h.at, turn: h.turn, share: h.share } : null);

function fullEntry(ctx: ViewCtx, id: string, x: IntelState) {
  const { state, audience, control, nation } = ctx;
  return memo(x, audience, ['full'], () => {
    const d = x.def;
    const t = d.tearline;
    return {
      id,
      part: 'full' as const,
      origin: x.origin,
      title: nullable(d.title),
      originator: d.originator,
      classification: d.classification,
      banner: banner(d.classification, d.originator, x.controls),
      controls: { relTo: [...x.controls.relTo], orcon: x.controls.orcon, noforn: x.controls.noforn },
      orcon: x.controls.orcon,
      grading: d.grading,
      regions: [...d.regions],
      body: d.body,
      portions: portions(d.body),
      tearline: t
        ? {
            title: t.title ?? null,
            classification: t.classification,
            banner: banner(t.classification, d.originator, t.controls),
            body: t.body,
          }
        : null,
      released: x.status === 'released',
      releasedAt: x.releasedAt,
      releasedTurn: x.releasedTurn,
      held: nation !== null ? holding(x.holders[nation]) : null,
      // The originator's widenings, with its notes: for the originator and control.
      widenings: control || nation === d.originator ? x.widenings.map((w) => ({ ...w, relTo: [...w.relTo], lift: [...w.lift] })) : [],
      control: control
        ? {
            status: x.status,
            statusNote: x.statusNote,
            releaseTurn: d.releaseTurn,
            carriedBy: [...(carriers(state.scenario).get(id) ?? [])],
            groundTruth: d.groundTruth,
            truth: x.truth,
            written: { relTo: [...d.controls.relTo], orcon: d.controls.orcon, noforn: d.controls.noforn },
            recipients: state.scenario.nations.filter((n) => releasableTo(d.originator, x.controls, n.id)).map((n) => n.id),
            holders: Object.entries(x.holders).map(([n, h]) => ({ nation: n, ...holding(h)! })),
            tearlineHolders: Object.entries(x.tearlineHolders).map(([n, h]) => ({ nation: n, ...holding(h)! })),
          }
        : null,
    };
  });
}

/** The tearline alone: its own title (or none), markings and text, and when it reached the nation. */
type FullEntry = ReturnType<typeof fullEntry>;
/** A report as the audience reads it: in full, or its tearline only. */
export type IntelEntry = FullEntry | (Omit<FullEntry, 'part'> & { part: 'tearline' });

function tearlineEntry(ctx: ViewCtx, id: string, x: IntelState, nation: string): IntelEntry {
  return memo(x, ctx.audience, ['tearline'], () => {
    const t = x.def.tearline!;
    const h = x.tearlineHolders[nation]!;
    return {
      id,
      part: 'tearline' as const,
      origin: x.origin,
      title: t.title ?? null,
      originator: x.def.originator,
      classification: t.classification,
      banner: banner(t.classification, x.def.originator, t.controls),
      controls: { relTo: [...t.controls.relTo], orcon: t.controls.orcon, noforn: t.controls.noforn },
      orcon: t.controls.orcon,
      grading: null,
      regions: [],
      body: t.body,
      portions: portions(t.body),
      tearline: null,
      released: true,
      releasedAt: h.at,
      releasedTurn: h.turn,
      held: holding(h),
      widenings: [],
      control: null,
    };
  });
}

export function intel(ctx: ViewCtx) {
  const { state, nation } = ctx;
  return {
    intel: state.intelOrder.flatMap((id): IntelEntry[] => {
      const x = state.intel[id]!;
      if (canSeeIntel(ctx, x)) return [fullEntry(ctx, id, x)];
      if (nation !== null && x.status === 'released' && x.def.tearline && Object.hasOwn(x.tearlineHolders, nation))
        return [tearlineEntry(ctx, id, x, nation)];
      return [];
    }),
  };
}

/** The provenance ledger's lines the audience sees. */
export function intelShares(ctx: ViewCtx) {
  const { state, audience, control, nation } = ctx;
  return {
    intelShares: state.intelShareOrder.flatMap((sid) => {
      const s = state.intelShares[sid]!;
      if (!control && (nation === null || !seesShare(state, nation, s))) return [];
      return [
        memo(s, audience, [], () => ({
          id: s.id,
          at: s.at,
          turn: s.turn,
          report: s.report,
          part: s.part,
          from: s.from,
          to: [...s.to],
          basis: s.basis,
          agreement: s.agreement,
          request: s.request,
          note: s.note,
          by: { ...s.by },
        })),
      ];
    }),
  };
}

/** The ORCON requests the audience made or must answer (control: all). */
export function intelRequests(ctx: ViewCtx) {
  const { state, audience, control, nation } = ctx;
  return {
    intelRequests: state.intelRequestOrder.flatMap((rid) => {
      const r = state.intelRequests[rid]!;
      if (!control && r.from !== nation && r.originator !== nation) return [];
      return [
        memo(r, audience, [], () => ({
          id: r.id,
          at: r.at,
          turn: r.turn,
          report: r.report,
          part: r.part,
          originator: r.originator,
          from: r.from,
          to: [...r.to],
          reason: r.reason,
          by: { ...r.by },
          status: r.status,
          answer: r.answer ? { ...r.answer } : null,
        })),
      ];
    }),
  };
}

/** Per report a nation holds (in full or its tearline), what it may do for each ally: the engine's own tests. */
export function intelOptions(ctx: ViewCtx) {
  const { state, nation } = ctx;
  const out: Record<string, AllyOption[]> = {};
  if (nation !== null)
    for (const id of state.intelOrder) {
      const x = state.intel[id]!;
      if (x.status === 'released' && (Object.hasOwn(x.holders, nation) || Object.hasOwn(x.tearlineHolders, nation)))
        out[id] = allyOptions(state, nation, x).map((o) => ({ ...o }));
    }
  return { intelOptions: out };
}
