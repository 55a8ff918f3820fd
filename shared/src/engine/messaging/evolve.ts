import type { EvolversFor } from '../define.ts';
import { channelId } from './decide.ts';
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
      counterpart: e.counterpart,
      channel: channelId(e.members, e.counterpart),
      subject: e.subject,
      body: e.body,
    });
  },
};
