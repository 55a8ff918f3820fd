import { z } from 'zod';
import { shortText } from '../../common.ts';
import { command, LIVE, type CommandInfo } from '../define.ts';

export const EscalationSet = command('escalation.set', {
  level: z.number().int().min(0).max(10).describe('The rung to move the ladder to'),
  reason: shortText(400).describe('Why: shown to control in the ladder history'),
});

export const escalationCommands = [EscalationSet] as const;
export type EscalationCommand = z.infer<(typeof escalationCommands)[number]>;

export const escalationInfo = {
  'escalation.set': {
    roles: ['facilitator'],
    summary:
      "Move the adversary's escalation ladder to a rung, with the reason. Injects and outcomes that carry an escalation move it too (clamped to the ladder).",
    rejections: {
      not_on_ladder: 'The level is not a rung of the ladder; the message names the rungs.',
      no_change: 'The ladder is already at that rung.',
    },
    status: LIVE,
  },
} as const satisfies Record<EscalationCommand['type'], CommandInfo>;
