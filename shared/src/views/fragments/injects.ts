/**
 * Injects (the MSEL): a nation reads the released injects addressed to it (or to ALL); the public
 * reads the released injects to ALL on the public channels (news, social). Control reads the
 * whole MSEL with schedules, triggers, expected actions, notes and who acknowledged.
 */
import { addressedTo, type InjectState } from '../../engine/index.ts';
import { memo } from '../memo.ts';
import type { ViewCtx } from '../context.ts';
import { readableIntel } from './intel.ts';

/** Channels that anyone can read once released to everybody. */
const PUBLIC_CHANNELS = new Set(['news', 'social']);

export function canSeeInject({ control, nation }: ViewCtx, x: InjectState): boolean {
  if (control) return true;
  if (x.status !== 'released') return false;
  if (nation !== null) return addressedTo(x.def, nation);
  return x.def.to.includes('ALL') && PUBLIC_CHANNELS.has(x.def.channel);
}

export function injects(ctx: ViewCtx) {
  const { state, audience, control, nation } = ctx;
  const personaOf = new Map(state.scenario.personas.map((p) => [p.id, p]));
  const visibleIntel = readableIntel(ctx);
  return {
    injects: state.injectOrder.flatMap((id) => {
      const x = state.injects[id]!;
      if (!canSeeInject(ctx, x)) return [];
      const d = x.def;
      const intelRef = d.intel !== undefined && visibleIntel.has(d.intel) ? d.intel : null;
      return [
        memo(x, audience, [intelRef], () => {
          const persona = personaOf.get(d.from);
          const base = {
            id: d.id,
            number: d.number,
            from: { id: d.from, name: persona?.name ?? d.from, kind: persona?.kind ?? 'other' },
            to: d.to,
            positions: d.positions,
            channel: d.channel,
            subject: d.subject,
            message: d.message,
            regions: d.regions,
            intel: intelRef,
            releasedAt: x.releasedAt,
            releasedSeq: x.releasedSeq,
            releasedTurn: x.releasedTurn,
            acknowledged: nation !== null ? Object.hasOwn(x.acknowledged, nation) : control && Object.keys(x.acknowledged).length > 0,
          };
          const controlPart = control
            ? {
                status: x.status,
                statusNote: x.statusNote,
                adHoc: x.adHoc,
                turn: d.turn,
                phase: d.phase,
                offsetMinutes: d.offsetMinutes ?? null,
                kind: d.kind,
                trigger: d.trigger,
                expectedAction: d.expectedAction,
                objectives: d.objectives,
                controlNotes: d.controlNotes,
                releaseReason: x.releaseReason,
                acknowledgedBy: x.acknowledged,
              }
            : null;
          return { ...base, control: controlPart };
        }),
      ];
    }),
  };
}
