import { z } from 'zod';
import { Id, longText } from '../../common.ts';
import { command, type CommandInfo } from '../define.ts';

export const NoteRecord = command('note.record', {
  text: longText(4000).min(1),
  inject: Id.optional().describe('The inject the note is about'),
  nation: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional()
    .describe('The team the note is about'),
});

export const evaluationCommands = [NoteRecord] as const;
export type EvaluationCommand = z.infer<(typeof evaluationCommands)[number]>;

export const evaluationInfo = {
  'note.record': {
    roles: ['evaluator', 'facilitator'],
    summary:
      "Record an evaluator's note, time-stamped and optionally linked to an inject and a team. Only exercise control and evaluators read notes.",
    rejections: { unknown_inject: 'No inject has that id.', unknown_nation: 'Not an allied nation of this exercise.' },
  },
} as const satisfies Record<EvaluationCommand['type'], CommandInfo>;
