import { z } from 'zod';
import { Channel, Id, longText, PhaseId, shortText } from '../../common.ts';
import { Recipient } from '../../scenario/schema.ts';
import { command, LIVE, type CommandInfo } from '../define.ts';
import type { ExerciseStatus } from '../state.ts';

/** Control prepares the MSEL before the start and adjusts it during play, until the end. */
const NOT_ENDED: readonly ExerciseStatus[] = ['setup', 'running', 'paused'];

const ref = { inject: Id };
export const InjectRelease = command('inject.release', ref);
export const InjectHold = command('inject.hold', { ...ref, note: longText(500).default('') });
export const InjectSchedule = command('inject.schedule', ref);
export const InjectSkip = command('inject.skip', { ...ref, note: longText(500).default('') });
export const InjectAcknowledge = command('inject.acknowledge', ref);
export const InjectCreate = command('inject.create', {
  from: Id.describe('Persona id'),
  to: z.array(Recipient).min(1).max(32),
  positions: z.array(Id).max(20).default([]),
  channel: Channel,
  subject: shortText(200),
  message: longText(8000).min(1),
  expectedAction: longText(2000).default(''),
  regions: z.array(Id).max(32).default([]),
  objectives: z.array(Id).max(20).default([]),
  controlNotes: longText(4000).default(''),
  kind: z.enum(['event', 'information', 'facilitation']).default('event'),
  release: z
    .union([z.literal('now'), z.strictObject({ turn: z.number().int().min(1), phase: PhaseId })])
    .default('now')
    .describe('"now", or a later turn and phase at which it is released'),
  escalation: z
    .strictObject({
      delta: z
        .number()
        .int()
        .min(-10)
        .max(10)
        .refine((d) => d !== 0, 'must move the ladder up or down'),
      reason: shortText(400).min(1),
    })
    .optional()
    .describe(
      "Moves the adversary's escalation ladder when the inject is released (clamped to the ladder), as a scenario inject's escalation",
    ),
});

export const injectCommands = [InjectRelease, InjectHold, InjectSchedule, InjectSkip, InjectAcknowledge, InjectCreate] as const;
export type InjectCommand = z.infer<(typeof injectCommands)[number]>;

const unknown = { unknown_inject: 'No inject has that id.' };
export const injectInfo = {
  'inject.release': {
    roles: ['facilitator'],
    status: LIVE,
    summary: 'Release an inject now, whatever its schedule (held, draft and manual injects included).',
    rejections: { ...unknown, already_released: 'Already released.', skipped: 'Skipped injects must be rescheduled first.' },
  },
  'inject.hold': {
    roles: ['facilitator'],
    status: NOT_ENDED,
    summary: 'Hold a scheduled inject: it will not be released automatically until rescheduled.',
    rejections: { ...unknown, not_pending: 'Only an inject that has not been released or skipped can be held.' },
  },
  'inject.schedule': {
    roles: ['facilitator'],
    status: NOT_ENDED,
    summary: 'Put a held, draft or skipped inject back on the schedule.',
    rejections: { ...unknown, not_pending: 'Already released or already scheduled.' },
  },
  'inject.skip': {
    roles: ['facilitator'],
    status: NOT_ENDED,
    summary: 'Skip an inject: it will not be released.',
    rejections: { ...unknown, not_pending: 'Already released or skipped.' },
  },
  'inject.acknowledge': {
    roles: ['nation'],
    summary: "Record that the sender's team has read a released inject (read receipts feed the after-action timeline).",
    rejections: { already_acknowledged: 'Already acknowledged.' },
  },
  'inject.create': {
    roles: ['facilitator'],
    status: NOT_ENDED,
    summary:
      'Write an ad hoc inject from a persona, released now or at a later turn and phase; it may move the escalation ladder when released.',
    rejections: {
      unknown_persona: 'No persona has that id.',
      unknown_nation: 'A recipient is not an allied nation.',
      unknown_position: 'No receiving team has that position.',
      unknown_phase: 'The scenario has no such phase.',
      unknown_region: 'A region does not exist.',
      unknown_objective: 'An objective does not exist.',
      in_the_past: 'The release turn and phase have already passed.',
    },
  },
} as const satisfies Record<InjectCommand['type'], CommandInfo>;
