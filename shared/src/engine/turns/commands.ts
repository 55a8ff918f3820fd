import { z } from 'zod';
import { PhaseId } from '../../common.ts';
import { command, LIVE, RUNNING, type CommandInfo } from '../define.ts';

export const PhaseAdvance = command('phase.advance', {
  expect: z
    .strictObject({ turn: z.number().int().min(1), phase: PhaseId })
    .optional()
    .describe('The phase the sender believes is current; a stale click is refused instead of skipping two phases'),
});
export const PhaseRestart = command('phase.restart', {});
export const PhaseExtend = command('phase.extend', { minutes: z.number().int().min(1).max(240) });
export const NationReady = command('nation.ready', { ready: z.boolean() });

export const turnCommands = [PhaseAdvance, PhaseRestart, PhaseExtend, NationReady] as const;
export type TurnCommand = z.infer<(typeof turnCommands)[number]>;

export const turnInfo = {
  'phase.advance': {
    roles: ['facilitator'],
    status: LIVE,
    summary: 'End the current phase and start the next one (the next turn after the last phase). Skipping a phase is advancing past it.',
    rejections: {
      last_phase: 'This is the last phase of the last turn: end the exercise instead.',
      stale: 'The phase changed since the sender looked (expect does not match).',
    },
  },
  'phase.restart': {
    roles: ['facilitator'],
    status: LIVE,
    summary: 'Repeat the current phase: its clock starts again and every nation is marked not ready.',
    rejections: {},
  },
  'phase.extend': {
    roles: ['facilitator'],
    status: LIVE,
    summary: 'Move the current phase deadline later by a number of minutes.',
    rejections: {},
  },
  'nation.ready': {
    roles: ['nation'],
    status: RUNNING,
    summary: "Mark the sender's nation ready (done with this phase) or not ready.",
    rejections: { no_change: 'The nation is already in that state.' },
  },
} as const satisfies Record<TurnCommand['type'], CommandInfo>;
