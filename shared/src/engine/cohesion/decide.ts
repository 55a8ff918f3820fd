/** Cohesion: control sets a pair's trust; the scenario's rules move it after the events they follow (`react`). */
import { own, reject } from '../envelope.ts';
import { isAllied, type EventBody, type HandlersFor, type ReactCtx } from '../define.ts';
import type { ExerciseState } from '../state.ts';
import type { cohesionCommands, cohesionInfo } from './commands.ts';
import { clampTrust, pairKey, type CohesionPair } from './records.ts';
import { ruleDelta, ruleFor } from './rules.ts';

export const cohesionHandlers: HandlersFor<typeof cohesionCommands, typeof cohesionInfo> = {
  'cohesion.set': (state, cmd) => {
    if (!isAllied(state, cmd.a)) return reject('unknown_nation', `"${cmd.a}" is not an allied nation.`, 'a');
    if (!isAllied(state, cmd.b)) return reject('unknown_nation', `"${cmd.b}" is not an allied nation.`, 'b');
    if (cmd.a === cmd.b) return reject('same_nation', 'A nation has no cohesion with itself: name two different allies.', 'b');
    const pair = own(state.cohesion, pairKey(cmd.a, cmd.b));
    if (!pair) return reject('unknown_nation', `"${cmd.b}" is not an allied nation.`, 'b');
    if (pair.value === cmd.value) return reject('no_change', `Trust between the two is already ${cmd.value}.`, 'value');
    return [
      {
        type: 'cohesion.changed',
        turn: state.turn,
        a: pair.a,
        b: pair.b,
        from: pair.value,
        to: cmd.value,
        delta: cmd.value - pair.value,
        clamped: false,
        reason: cmd.reason,
        cause: { kind: 'control' },
      },
    ];
  },
};

/**
 * The changes the scenario's rules make after a command's events: each event with a rule in
 * the table moves the pairs it names by the scenario's delta for that rule, clamped to 0..100,
 * each change citing the event (type, seq and subject). Values carry through the events in order.
 */
export function cohesionReactions(state: ExerciseState, events: readonly EventBody[], ctx: ReactCtx): EventBody[] {
  const values = new Map<string, number>();
  const valueOf = (p: CohesionPair) => values.get(pairKey(p.a, p.b)) ?? p.value;
  const out: EventBody[] = [];
  let turn = state.turn;
  events.forEach((e, i) => {
    if (e.type === 'phase.started') turn = e.turn;
    if (e.type === 'cohesion.changed') {
      values.set(pairKey(e.a, e.b), e.to);
      return;
    }
    const rule = ruleFor(e);
    if (!rule) return;
    for (const m of rule(state, { events, react: ctx })) {
      const pair = own(state.cohesion, pairKey(m.a, m.b));
      const delta = ruleDelta(state, m.rule);
      if (!pair || delta === 0) continue;
      const from = valueOf(pair);
      const to = clampTrust(from + delta);
      values.set(pairKey(m.a, m.b), to);
      out.push({
        type: 'cohesion.changed',
        turn,
        a: pair.a,
        b: pair.b,
        from,
        to,
        delta,
        clamped: to !== from + delta,
        reason: m.reason,
        cause: { kind: 'rule', rule: m.rule, event: e.type, seq: ctx.base + i, ref: m.ref },
      });
    }
  });
  return out;
}
