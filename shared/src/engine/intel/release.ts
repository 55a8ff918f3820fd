/**
 * When reports are released, and to whom. A report some inject carries (`inject.intel`) goes out
 * with that inject, at the same moment, to the inject's addressees its markings release it to,
 * never before; any other report goes out at the first phase of its release turn, to its
 * originator (and, for an ad hoc report, to the nations control named). A held report waits.
 */
import type { Scenario } from '../../scenario/schema.ts';
import type { EventBody } from '../define.ts';
import type { ExerciseState } from '../state.ts';
import { releasableTo } from './markings.ts';
import type { IntelState, ReportDef } from './records.ts';
import type { InjectDef } from '../../scenario/schema.ts';

const carriersOf = new WeakMap<Scenario, ReadonlyMap<string, readonly string[]>>();
/** The scenario injects that carry each report (ad hoc injects carry none). */
export function carriers(scenario: Scenario): ReadonlyMap<string, readonly string[]> {
  let m = carriersOf.get(scenario);
  if (!m) {
    const built = new Map<string, string[]>();
    for (const x of scenario.injects) if (x.intel !== undefined) built.set(x.intel, [...(built.get(x.intel) ?? []), x.id]);
    carriersOf.set(scenario, (m = built));
  }
  return m;
}

export function newIntelState(
  def: ReportDef,
  origin: IntelState['origin'],
  truth: IntelState['truth'],
  releaseTo: readonly string[],
): IntelState {
  return {
    def,
    origin,
    status: 'scheduled',
    truth,
    controls: def.controls,
    releaseTo,
    releasedAt: null,
    releasedSeq: null,
    releasedTurn: null,
    statusNote: null,
    holders: {},
    tearlineHolders: {},
    widenings: [],
  };
}

/** The nations an inject's release brings a report to: its addressees the markings release it to (the originator always). */
export function addresseesFor(state: ExerciseState, x: IntelState, inject: InjectDef): string[] {
  const nations = state.scenario.nations.map((n) => n.id);
  const to = inject.to.includes('ALL') ? nations : nations.filter((n) => inject.to.includes(n));
  return to.filter((n) => n !== x.def.originator && releasableTo(x.def.originator, x.controls, n));
}

/** The turn the command's events happen in: a phase entry's, or the current one. */
function turnOf(state: ExerciseState, events: readonly EventBody[]): number {
  let turn = state.turn;
  for (const e of events) if (e.type === 'phase.started') turn = e.turn;
  return Math.max(1, turn);
}

/** Reports not carried by any inject, due by the turn being entered, go out at its first phase. */
export function releaseDueReports(state: ExerciseState, entering: { turn: number; phaseIndex: number }): EventBody[] {
  if (entering.phaseIndex !== 0) return [];
  const carried = carriers(state.scenario);
  return state.intelOrder.flatMap((id): EventBody[] => {
    const x = state.intel[id];
    if (x?.status !== 'scheduled' || carried.has(id) || x.def.releaseTurn > entering.turn) return [];
    return [{ type: 'intel.released', intel: id, turn: entering.turn, to: [...x.releaseTo], reason: 'scheduled', inject: null }];
  });
}

/** The carried report goes out with its inject (or, already out, reaches the new inject's addressees). */
export function releaseWithInjects(state: ExerciseState, events: readonly EventBody[]): EventBody[] {
  const out: EventBody[] = [];
  const released = new Map<string, Set<string>>();
  for (const e of events) {
    if (e.type !== 'inject.released') continue;
    const created = events.find(
      (c): c is Extract<EventBody, { type: 'inject.created' }> => c.type === 'inject.created' && c.inject.id === e.inject,
    );
    const def = state.injects[e.inject]?.def ?? created?.inject;
    if (def?.intel === undefined) continue;
    const x = state.intel[def.intel];
    if (!x || x.status === 'held') continue;
    const to = addresseesFor(state, x, def);
    const already = released.get(def.intel);
    if (x.status === 'scheduled' && !already) {
      out.push({ type: 'intel.released', intel: def.intel, turn: turnOf(state, events), to, reason: 'inject', inject: e.inject });
      released.set(def.intel, new Set(to));
      continue;
    }
    const seen = already ?? new Set<string>();
    released.set(def.intel, seen);
    const fresh = to.filter((n) => !Object.hasOwn(x.holders, n) && !seen.has(n));
    if (fresh.length) out.push({ type: 'intel.delivered', intel: def.intel, turn: turnOf(state, events), to: fresh, inject: e.inject });
    for (const n of fresh) seen.add(n);
  }
  return out;
}

/** What resuming a held report does now: nothing more if its moment is still ahead, else its release. */
export function releaseOnResume(state: ExerciseState, id: string, x: IntelState): EventBody[] {
  const turn = Math.max(1, state.turn);
  const ids = carriers(state.scenario).get(id);
  if (ids) {
    const out = ids.flatMap((i) => {
      const inj = state.injects[i];
      return inj?.status === 'released' ? addresseesFor(state, x, inj.def) : [];
    });
    const gone = ids.some((i) => state.injects[i]?.status === 'released');
    return gone ? [{ type: 'intel.released', intel: id, turn, to: [...new Set(out)], reason: 'manual', inject: null }] : [];
  }
  const begun = state.turn > x.def.releaseTurn || (state.turn === x.def.releaseTurn && state.phaseIndex >= 0 && state.turn > 0);
  return begun && (state.status === 'running' || state.status === 'paused')
    ? [{ type: 'intel.released', intel: id, turn, to: [...x.releaseTo], reason: 'manual', inject: null }]
    : [];
}
