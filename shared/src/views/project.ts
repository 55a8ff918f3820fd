/**
 * project(state, audience) -> that audience's picture of the exercise. This is the only place
 * where visibility is decided; the server sends nothing else, so what is not in a projection
 * never reaches that audience's socket.
 *
 * - control (facilitator, evaluator): everything, including the MSEL, ground truth, rationale.
 * - nation X: its own material, public material, what is addressed to X, and intel releasable to X.
 * - public (observers of the public picture): the map, public news and outcomes released to all.
 */
import { z } from 'zod';
import { NationId } from '../common.ts';
import type { Role } from '../engine/envelope.ts';
import {
  addressedTo,
  banner,
  currentPhase,
  gameTimeOf,
  releasableTo,
  type ActionRecord,
  type AdjudicationRecord,
  type ExerciseState,
  type InjectState,
  type MessageRecord,
} from '../engine/index.ts';
import type { IntelDef } from '../scenario/schema.ts';

export const Audience = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('control'), role: z.enum(['facilitator', 'evaluator']) }),
  z.strictObject({ kind: z.literal('nation'), nation: NationId }),
  z.strictObject({ kind: z.literal('public') }),
]);
export type Audience = z.infer<typeof Audience>;

export const CONTROL: Audience = { kind: 'control', role: 'facilitator' };
export const PUBLIC: Audience = { kind: 'public' };
export const nationAudience = (nation: string): Audience => ({ kind: 'nation', nation });

/** Parse "facilitator" | "evaluator" | "observer" | "public" | a nation trigraph. */
export function audienceFromLabel(label: string): Audience | null {
  if (label === 'facilitator' || label === 'control') return CONTROL;
  if (label === 'evaluator') return { kind: 'control', role: 'evaluator' };
  if (label === 'observer' || label === 'public') return PUBLIC;
  const n = NationId.safeParse(label.toUpperCase());
  return n.success ? nationAudience(n.data) : null;
}

/** What a participant watches: control for the white cell and evaluators, else a nation's or the public picture. */
export function audienceOf(actor: { role: Role; nation: string | null }): Audience {
  switch (actor.role) {
    case 'system':
      return CONTROL;
    case 'facilitator':
    case 'evaluator':
      return { kind: 'control', role: actor.role };
    case 'nation':
      return actor.nation === null ? PUBLIC : nationAudience(actor.nation);
    case 'observer':
      return actor.nation === null ? PUBLIC : nationAudience(actor.nation);
  }
}

export const audienceLabel = (a: Audience): string => (a.kind === 'control' ? a.role : a.kind === 'nation' ? a.nation : 'public');

/**
 * Projected records are cached by the state record they come from. State records are never
 * changed in place (evolve replaces them), so an unchanged record yields the very same projected
 * object, and the server's JSON diff skips it by identity instead of walking it.
 */
const memoCache = new WeakMap<object, Map<string, unknown>>();
function memo<T>(owner: object, key: string, build: () => T): T {
  let byKey = memoCache.get(owner);
  if (!byKey) memoCache.set(owner, (byKey = new Map()));
  if (byKey.has(key)) return byKey.get(key) as T;
  const value = build();
  byKey.set(key, value);
  return value;
}

/** Channels that anyone can read once released to everybody. */
const PUBLIC_CHANNELS = new Set(['news', 'social']);

export function project(state: ExerciseState, audience: Audience) {
  const s = state.scenario;
  const control = audience.kind === 'control';
  const nation = audience.kind === 'nation' ? audience.nation : null;
  if (nation !== null && !Object.hasOwn(state.nations, nation)) throw new Error(`unknown nation ${nation}`);
  const phase = currentPhase(state);
  const personaOf = new Map(s.personas.map((p) => [p.id, p]));

  const canSeeInject = (x: InjectState) => {
    if (control) return true;
    if (x.status !== 'released') return false;
    if (nation !== null) return addressedTo(x.def, nation);
    return x.def.to.includes('ALL') && PUBLIC_CHANNELS.has(x.def.channel);
  };
  const canSeeIntel = (r: IntelDef) =>
    control || (nation !== null && state.intel[r.id]?.released === true && releasableTo(r.originator, r.controls, nation));
  const canSeeMessage = (m: MessageRecord) => control || (nation !== null && m.members.includes(nation));
  const canSeeAction = (a: ActionRecord) => control || (nation !== null && a.nation === nation);
  const canSeeOutcome = (o: AdjudicationRecord) => control || o.visibleTo === 'ALL' || (nation !== null && o.visibleTo.includes(nation));
  const visibleIntel = new Set(s.intel.filter(canSeeIntel).map((r) => r.id));
  const label = audienceLabel(audience);

  return {
    audience: audienceLabel(audience),
    exercise: {
      id: state.exerciseId,
      scenarioId: s.meta.id,
      title: s.meta.title,
      banner: s.meta.banner,
      adjudication: s.meta.adjudication,
      status: state.status,
      turn: state.turn,
      turns: s.clock.turns,
      phase,
      phaseIndex: state.phaseIndex,
      phases: s.clock.phases.map((p) => ({ id: p.id, label: p.label, durationMinutes: p.durationMinutes })),
      phaseStartedAt: state.phaseStartedAt,
      deadline: state.deadline,
      autoAdvance: state.autoAdvance,
      pausedAt: state.pausedAt,
      gameTime: gameTimeOf(s, Math.max(1, state.turn)),
      gameMinutesPerTurn: s.clock.gameMinutesPerTurn,
      endedReason: state.endedReason,
      seq: state.seq,
      lastAt: state.lastAt,
    },
    brief: {
      public: s.narrative.publicBrief,
      nation: nation !== null ? (s.narrative.nationBriefs[nation] ?? '') : null,
      nations: control ? s.narrative.nationBriefs : null,
    },
    nations: s.nations.map((n) => {
      const own = control || n.id === nation;
      const st = state.nations[n.id]!;
      return memo(st, `${label}|${n.id}`, () => ({
        id: n.id,
        name: n.name,
        colour: n.colour,
        capital: n.capital,
        positions: n.positions,
        ready: st.ready,
        readyAt: st.readyAt,
        resources: own || nation !== null ? n.resources : null,
        caveats: own ? n.caveats : null,
      }));
    }),
    adversary: memo(s.adversary, '', () => ({
      id: s.adversary.id,
      name: s.adversary.name,
      colour: s.adversary.colour,
      description: s.adversary.description,
    })),
    personas: memo(s.personas, '', () =>
      s.personas.map((p) => ({ id: p.id, name: p.name, kind: p.kind, affiliation: p.affiliation ?? null })),
    ),
    map: {
      width: s.map.width,
      height: s.map.height,
      regions: s.map.regions.map((r) =>
        memo(state.regions[r.id]!, r.id, () => ({
          id: r.id,
          name: r.name,
          domain: r.domain,
          polygon: r.polygon,
          label: r.label ?? null,
          adjacent: r.adjacent,
          infrastructure: r.infrastructure,
          population: r.population ?? null,
          controller: state.regions[r.id]!.controller,
          stability: state.regions[r.id]!.stability,
        })),
      ),
    },
    assets: s.assets.flatMap((def) => {
      const a = state.assets[def.id]!;
      if (a.hidden && !control) return [];
      return [
        memo(a, def.id, () => ({
          id: def.id,
          name: def.name,
          type: def.type,
          owner: a.owner,
          region: a.region,
          strength: a.strength,
          readiness: a.readiness,
          hidden: a.hidden,
        })),
      ];
    }),
    injects: state.injectOrder.flatMap((id) => {
      const x = state.injects[id]!;
      if (!canSeeInject(x)) return [];
      const d = x.def;
      const intelRef = d.intel !== undefined && visibleIntel.has(d.intel) ? d.intel : null;
      return [
        memo(x, `${label}|${intelRef}`, () => {
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
    intel: s.intel.flatMap((r) => {
      if (!visibleIntel.has(r.id)) return [];
      const st = state.intel[r.id]!;
      return [
        memo(st, `${label}|${r.id}`, () => {
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
    messages: state.messages.filter(canSeeMessage),
    actions: state.actionOrder.map((id) => state.actions[id]!).filter(canSeeAction),
    outcomes: state.adjudications.filter(canSeeOutcome).map((o) =>
      control
        ? o
        : memo(o, `${label}|${o.effects.map((e) => (e.kind === 'asset' && state.assets[e.asset]?.hidden ? 1 : 0)).join('')}`, () => ({
            id: o.id,
            seq: o.seq,
            at: o.at,
            turn: o.turn,
            phase: o.phase,
            // A nation sees which of its own actions an outcome settles, not the others'.
            actions: o.actions.filter((a) => nation !== null && state.actions[a]?.nation === nation),
            title: o.title,
            outcome: o.outcome,
            effects: o.effects.filter((e) => e.kind === 'region' || !state.assets[e.asset]?.hidden),
            visibleTo: o.visibleTo,
          })),
    ),
    treaties: s.treaties.filter((t) => control || t.kind === 'alliance' || (nation !== null && t.parties.includes(nation))),
    cohesion: s.cohesion.filter((c) => control || (nation !== null && c.visible && (c.a === nation || c.b === nation))),
    control: control
      ? {
          seed: state.seed,
          objectives: s.objectives,
          escalation: { level: state.escalationLevel, ladder: s.escalation.ladder, playbook: s.escalation.playbook },
          adjudicationTables: s.adjudicationTables,
          rolls: [...state.rolls],
          notes: [...state.notes],
        }
      : null,
  };
}

export type View = ReturnType<typeof project>;
