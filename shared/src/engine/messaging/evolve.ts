import type { Evolvers } from '../handlers.ts';
import { channelId } from './decide.ts';

export const messagingEvolvers: Evolvers<'message.sent'> = {
  'message.sent': (s, e) => {
    s.messages.push({
      id: e.id,
      seq: e.seq,
      at: e.at,
      turn: e.turn,
      from: e.from,
      members: e.members,
      channel: channelId(e.members),
      subject: e.subject,
      body: e.body,
    });
  },
};
