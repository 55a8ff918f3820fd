/**
 * Intelligence: a nation reads a report once it is released and its markings make it releasable
 * to that nation (its originator, or REL TO it and not NOFORN); the public reads none. Control
 * reads every report from the start, with ground truth, markings and recipients.
 */
import { banner, holdsReport, releasableTo } from '../../engine/index.ts';
import type { IntelDef } from '../../scenario/schema.ts';
import { memo } from '../memo.ts';
import type { ViewCtx } from '../context.ts';

export const canSeeIntel = ({ state, control, nation }: ViewCtx, r: IntelDef): boolean =>
  control || (nation !== null && holdsReport(state, r, nation));

const readable = new WeakMap<ViewCtx, ReadonlySet<string>>();
/** The ids of the reports this audience may read now (an inject points to a report only for them). */
export function readableIntel(ctx: ViewCtx): ReadonlySet<string> {
  let ids = readable.get(ctx);
  if (!ids) readable.set(ctx, (ids = new Set(ctx.state.scenario.intel.filter((r) => canSeeIntel(ctx, r)).map((r) => r.id))));
  return ids;
}

export function intel(ctx: ViewCtx) {
  const { state, audience, control } = ctx;
  const s = state.scenario;
  const visible = readableIntel(ctx);
  return {
    intel: s.intel.flatMap((r) => {
      if (!visible.has(r.id)) return [];
      const st = state.intel[r.id]!;
      return [
        memo(st, audience, [r.id], () => {
          const base = {
            id: r.id,
            title: r.title,
            originator: r.originator,
            classification: r.classification,
            banner: banner(r.classification, r.originator, r.controls),
            orcon: r.controls.orcon,
            grading: r.grading,
            regions: r.regions,
            body: r.body,
            released: st.released,
            releasedAt: st.releasedAt,
            releasedTurn: st.releasedTurn,
          };
          const controlPart = control
            ? {
                releaseTurn: r.releaseTurn,
                groundTruth: r.groundTruth,
                controls: r.controls,
                recipients: s.nations.filter((n) => releasableTo(r.originator, r.controls, n.id)).map((n) => n.id),
                tearline: r.tearline ?? null,
              }
            : null;
          return { ...base, control: controlPart };
        }),
      ];
    }),
  };
}
