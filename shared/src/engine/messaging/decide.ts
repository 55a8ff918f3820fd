/** Messaging rules: nations talk on bilateral or multilateral channels; control may join as a persona. */
import { reject } from '../envelope.ts';
import { isAllied, type HandlersFor } from '../define.ts';
import type { messagingCommands, messagingInfo } from './commands.ts';

/** The canonical channel id of a set of nations, e.g. "CAL+KST". */
export const channelId = (members: readonly string[]): string => [...members].sort().join('+');

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
    if (actor.role === 'nation' && actor.nation !== null) {
      if (cmd.persona !== undefined) return reject('persona_forbidden', 'Only exercise control can write as a persona.', 'persona');
      members.add(actor.nation);
      if (members.size < 2) return reject('no_recipient', 'Choose at least one other nation to talk to.', 'to');
    } else if (cmd.persona !== undefined) {
      const p = state.scenario.personas.find((x) => x.id === cmd.persona);
      if (!p) return reject('unknown_persona', `There is no persona "${cmd.persona}".`, 'persona');
      persona = { id: p.id, name: p.name };
    }
    const sorted = [...members].sort();
    return [
      {
        type: 'message.sent',
        id: `M${state.seq + 1}`,
        turn: state.turn,
        // Written as a persona, a message carries the persona's name, never the staffer's.
        from: persona
          ? { nation: null, persona: persona.id, position: null, name: persona.name }
          : { nation: actor.role === 'nation' ? actor.nation : null, persona: null, position: actor.position, name: actor.name },
        members: sorted,
        subject: cmd.subject,
        body: cmd.body,
      },
    ];
  },
};
