/**
 * Escalation: control moves the adversary's ladder by hand; released injects and recorded
 * outcomes that carry a move push it along (`react`), clamped at the ladder's ends.
 */
import { reject } from '../envelope.ts';
import type { EventBody, HandlersFor } from '../define.ts';
import type { ExerciseState } from '../state.ts';
import { own } from '../envelope.ts';
import type { escalationCommands, escalationInfo } from './commands.ts';
import type { EscalationCause } from './events.ts';
import type { InjectDef } from '../../scenario/schema.ts';

const rungs = (state: ExerciseState): string => state.scenario.escalation.ladder.map((r) => `${r.level} (${r.name})`).join(', ');

export const escalationHandlers: HandlersFor<typeof escalationCommands, typeof escalationInfo> = {
  'escalation.set': (state, cmd) => {
    const ladder = state.scenario.escalation.ladder;
    if (!ladder.some((r) => r.level === cmd.level))
      return reject('not_on_ladder', `Level ${cmd.level} is not on the ladder; its rungs are ${rungs(state)}.`, 'level');
    const from = state.escalationLevel;
    if (cmd.level === from) {
      const name = ladder.find((r) => r.level === from)?.name ?? String(from);
      return reject('no_change', `The ladder is already at level ${from} (${name}).`, 'level');
    }
    return [
      {
        type: 'escalation.moved',
        turn: state.turn,
        from,
        to: cmd.level,
        delta: cmd.level - from,
        clamped: false,
        reason: cmd.reason,
        cause: { kind: 'control' },
      },
    ];
  },
};

/**
 * The ladder's moves that follow a command's events: each released inject and each recorded
 * outcome that carries an escalation move, in the order of the events, each from the level the
 * previous one left. A move past either end stops there and says so (`clamped`).
 */
export function escalationReactions(state: ExerciseState, events: readonly EventBody[]): EventBody[] {
  const top = state.scenario.escalation.ladder.length - 1;
  let level = state.escalationLevel;
  // A command that enters a phase (a new turn's injects) moves the ladder in the turn it enters.
  let turn = state.turn;
  const out: EventBody[] = [];
  // An ad hoc inject released as it is created is not in the state yet: read it from its event.
  const created = new Map<string, InjectDef>();
  const move = (delta: number, reason: string, cause: EscalationCause) => {
    const wanted = level + delta;
    const to = Math.max(0, Math.min(top, wanted));
    out.push({ type: 'escalation.moved', turn, from: level, to, delta, clamped: to !== wanted, reason, cause });
    level = to;
  };
  for (const e of events) {
    if (e.type === 'phase.started') turn = e.turn;
    else if (e.type === 'escalation.moved') level = e.to;
    else if (e.type === 'inject.created') created.set(e.inject.id, e.inject);
    else if (e.type === 'inject.released') {
      const def = created.get(e.inject) ?? own(state.injects, e.inject)?.def;
      if (def?.escalation && def.escalation.delta !== 0)
        move(def.escalation.delta, def.escalation.reason, { kind: 'inject', inject: e.inject });
    } else if (e.type === 'adjudication.recorded' && e.escalation && e.escalation.delta !== 0)
      move(e.escalation.delta, e.escalation.reason, { kind: 'outcome', outcome: e.id });
  }
  return out;
}
