import { z } from 'zod';
import { Id, NationId } from '../../common.ts';
import { event } from '../define.ts';

export const NoteRecorded = event('note.recorded', {
  id: Id,
  turn: z.number().int().min(0),
  text: z.string(),
  inject: Id.nullable(),
  nation: NationId.nullable(),
});

export const evaluationEvents = [NoteRecorded] as const;
export type EvaluationEvent = z.infer<(typeof evaluationEvents)[number]>;
