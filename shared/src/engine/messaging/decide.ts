/** Messaging rules: nations talk on bilateral or multilateral channels; control may join as a persona. */
import { reject } from '../envelope.ts';
import { isAllied, type HandlersFor } from '../define.ts';
import type { messagingCommands, messagingInfo } from './commands.ts';
import type { Counterpart } from './events.ts';

/** The canonical channel id of a set of nations and its counterpart, e.g. "CAL+KST", "ORV@ledger", "LND@control". */
export const channelId = (members: readonly string[], counterpart: Counterpart = null): string =>
  [...members].sort().join('+') + (counterpart === null ? '' : `@${counterpart.kind === 'persona' ? counterpart.persona : 'control'}`);

export const messagingHandlers: HandlersFor<typeof messagingCommands, typeof messagingInfo> = {
  'message.send': (state, cmd, ctx) => {
    const { actor } = ctx;
    const members = new Set<string>();
    for (const [i, t] of cmd.to.entries()) {
      if (t === 'ALL') for (const n of Object.keys(state.nations)) members.add(n);
      else if (!isAllied(state, t)) return reject('unknown_nation', `"${t}" is not an allied nation in this exercise.`, `to[${i}]`);
      else members.add(t);
    }
    let persona: { id: string; name: string } | null = null;
    if (cmd.persona !== undefined) {
      const p = state.scenario.personas.find((x) => x.id === cmd.persona);
      if (!p) return reject('unknown_persona', `There is no persona "${cmd.persona}".`, 'persona');
      persona = { id: p.id, name: p.name };
    }
    const fromNation = actor.role === 'nation' && actor.nation !== null ? actor.nation : null;
    if (fromNation !== null) {
      if (persona && cmd.control) return reject('two_counterparts', 'Write either to the persona or to exercise control.', 'control');
      members.add(fromNation);
      if (members.size < 2 && !persona && !cmd.control)
        return reject('no_recipient', 'Choose another nation, a persona, or exercise control to write to.', 'to');
    } else if (members.size === 0) return reject('no_recipient', 'Choose at least one nation to write to.', 'to');
    const counterpart: Counterpart = persona
      ? { kind: 'persona', persona: persona.id }
      : fromNation === null || cmd.control
        ? { kind: 'control' }
        : null;
    const sorted = [...members].sort();
    return [
      {
        type: 'message.sent',
        id: `M${state.seq + 1}`,
        turn: state.turn,
        // Written as a persona, a message carries the persona's name, never the staffer's.
        from:
          persona && fromNation === null
            ? { nation: null, persona: persona.id, position: null, name: persona.name }
            : { nation: fromNation, persona: null, position: actor.position, name: actor.name },
        members: sorted,
        counterpart,
        subject: cmd.subject,
        body: cmd.body,
      },
    ];
  },
};
