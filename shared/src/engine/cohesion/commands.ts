import { z } from 'zod';
import { NationId, shortText } from '../../common.ts';
import { command, LIVE, type CommandInfo } from '../define.ts';

export const CohesionSet = command('cohesion.set', {
  a: NationId.describe('One nation of the pair'),
  b: NationId.describe('The other nation of the pair'),
  value: z.number().int().min(0).max(100).describe('Trust between the two, 0 to 100'),
  reason: shortText(400).describe('Why: kept in the pair’s history'),
});

export const cohesionCommands = [CohesionSet] as const;
export type CohesionCommand = z.infer<(typeof cohesionCommands)[number]>;

export const cohesionInfo = {
  'cohesion.set': {
    roles: ['facilitator'],
    summary:
      "Set the trust between two allies, with the reason. The scenario's cohesion rules move it too: a veto, a broken pledge, a shared report.",
    rejections: {
      unknown_nation: 'Not an allied nation of this exercise.',
      same_nation: 'A nation has no cohesion with itself.',
      no_change: 'The pair already has that value.',
    },
    status: LIVE,
  },
} as const satisfies Record<CohesionCommand['type'], CommandInfo>;
