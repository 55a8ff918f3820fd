import type { EvolversFor } from '../define.ts';
import { withVote } from '../ballot.ts';
import type { treatyEvents } from './events.ts';

export const treatyEvolvers: EvolversFor<typeof treatyEvents> = {
  'consultation.opened': (s, e) => {
    const stamp = { seq: e.seq, at: e.at, turn: e.turn };
    s.consultationOrder.push(e.consultation);
    s.consultations[e.consultation] = {
      id: e.consultation,
      ...stamp,
      treaty: e.treaty,
      clause: e.clause,
      clauseType: e.clauseType,
      rule: e.rule,
      members: e.members,
      invoker: { nation: e.invoker, position: e.by.position, name: e.by.name },
      onBehalfOf: e.onBehalfOf,
      grounds: e.grounds,
      cites: e.cites,
      ballot: {
        rule: e.rule,
        voters: e.members,
        votes: {
          [e.invoker]: { stance: 'support', statement: e.grounds, reservations: '', position: e.by.position, name: e.by.name, ...stamp },
        },
        deadline: e.deadline,
      },
      status: 'open',
      settled: null,
      extensions: [],
    };
  },
  'consultation.position.stated': (s, e) => {
    const c = s.consultations[e.consultation]!;
    const vote = {
      stance: e.stance,
      statement: e.statement,
      reservations: '',
      position: e.by.position,
      name: e.by.name,
      seq: e.seq,
      at: e.at,
      turn: e.turn,
    };
    s.consultations[e.consultation] = { ...c, ballot: { ...withVote(c.ballot, e.by.nation ?? '', vote), deadline: c.ballot.deadline } };
  },
  'consultation.settled': (s, e) => {
    const c = s.consultations[e.consultation]!;
    s.consultations[e.consultation] = {
      ...c,
      status: e.result,
      settled: { seq: e.seq, at: e.at, turn: e.turn, reason: e.reason, atDeadline: e.atDeadline },
    };
  },
  'consultation.extended': (s, e) => {
    const c = s.consultations[e.consultation]!;
    s.consultations[e.consultation] = {
      ...c,
      ballot: { ...c.ballot, deadline: e.deadline },
      extensions: [...c.extensions, { seq: e.seq, at: e.at, turn: e.turn, deadline: e.deadline }],
    };
  },
};
