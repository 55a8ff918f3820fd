import { z } from 'zod';
import { longText, shortText } from '../../common.ts';
import { command, LIVE, type CommandInfo } from '../define.ts';
import { Citation } from '../citations.ts';

export const DecisionRecordCmd = command('decision.record', {
  title: shortText(200).describe('The decision, in one line'),
  options: z.array(shortText(300)).max(10).default([]).describe('The options the team considered'),
  rationale: longText(4000).min(1),
  dissent: longText(2000).default('').describe('Who disagreed, and why'),
  relied: z.array(Citation).max(20).default([]).describe('The reports, injects and outcomes the decision relied on'),
  about: Citation.optional().describe('The agreement or consultation the decision is about'),
});

export const decisionCommands = [DecisionRecordCmd] as const;
export type DecisionCommand = z.infer<(typeof decisionCommands)[number]>;

export const decisionInfo = {
  'decision.record': {
    roles: ['nation'],
    status: LIVE,
    summary:
      "Record a team decision in the nation's decision log: the decision, the options considered, the rationale, any dissent, and what it relied on. Control and evaluators read every team's log.",
    rejections: {},
  },
} as const satisfies Record<DecisionCommand['type'], CommandInfo>;
