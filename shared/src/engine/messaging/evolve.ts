import type { EvolversFor } from '../define.ts';
import type { messagingEvents } from './events.ts';

export const messagingEvolvers: EvolversFor<typeof messagingEvents> = {
  'message.sent': (s, e) => {
    s.messages.push({
      id: e.id,
      seq: e.seq,
      at: e.at,
      turn: e.turn,
      from: e.from,
      members: e.members,
      // Members are sorted when the event is decided, so the channel id is just their join.
      channel: e.members.join('+'),
      subject: e.subject,
      body: e.body,
    });
  },
};
