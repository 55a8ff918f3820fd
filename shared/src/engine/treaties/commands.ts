import { z } from 'zod';
import { Id, longText, NationId } from '../../common.ts';
import { command, LIVE, type CommandInfo } from '../define.ts';
import { GameDeadline } from '../turns/gametime.ts';
import { Citation } from '../citations.ts';
import { Stance } from '../ballot.ts';

export const TreatyInvoke = command('treaty.invoke', {
  treaty: Id,
  clause: Id,
  grounds: longText(2000).min(1).describe('Why the clause applies: the threat, or the armed attack'),
  cites: z.array(Citation).max(10).default([]).describe('The injects, outcomes and reports the invocation rests on'),
  onBehalfOf: NationId.optional().describe('The member threatened or attacked (default: the invoking nation)'),
  deadline: GameDeadline.optional().describe('When positions are due (default: the end of the next consultation phase)'),
});
export const ConsultationPosition = command('consultation.position', {
  consultation: Id,
  stance: Stance,
  statement: longText(2000).default(''),
});
export const ConsultationExtend = command('consultation.extend', { consultation: Id, deadline: GameDeadline });

export const treatyCommands = [TreatyInvoke, ConsultationPosition, ConsultationExtend] as const;
export type TreatyCommand = z.infer<(typeof treatyCommands)[number]>;

export const treatyInfo = {
  'treaty.invoke': {
    roles: ['nation'],
    status: LIVE,
    summary:
      "Invoke a clause of a treaty the sender's nation is a member of, citing what it rests on: this opens a consultation in which every member states a position by the deadline, settled by the clause's decision rule.",
    rejections: {
      not_member: 'The nation (the sender, or the one it invokes for) is not a member of that treaty.',
      unknown_clause: 'The treaty has no clause by that id.',
      already_open: 'A consultation on that clause for that member is already open.',
      bad_deadline: 'The deadline is not a phase of this exercise, or it has passed.',
    },
  },
  'consultation.position': {
    roles: ['nation'],
    status: LIVE,
    summary: 'State (or revise) a position on an open consultation: support, oppose or abstain, with a statement.',
    rejections: {
      deadline_passed: 'The deadline for positions has passed.',
      settled: 'The consultation is already settled.',
    },
  },
  'consultation.extend': {
    roles: ['facilitator'],
    status: LIVE,
    summary: 'Move the deadline of an open consultation later.',
    rejections: {
      unknown_consultation: 'No consultation has that id.',
      settled: 'The consultation is already settled.',
      bad_deadline: 'The deadline is not later, not a phase of this exercise, or past.',
    },
  },
} as const satisfies Record<TreatyCommand['type'], CommandInfo>;
