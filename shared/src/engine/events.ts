/** Every event of every concern, derived from the list: the schema of one line of an exercise log. */
import { z } from 'zod';
import { CONCERNS } from './concerns.ts';

type EventSchema = (typeof CONCERNS)[number]['events'][number];
const schemas = CONCERNS.flatMap((c): readonly EventSchema[] => c.events);

export const EngineEvent = z.discriminatedUnion('type', schemas as [EventSchema, ...EventSchema[]]);
export type EngineEvent = z.infer<typeof EngineEvent>;
export type EventType = EngineEvent['type'];
export type CreatedEvent = Extract<EngineEvent, { type: 'exercise.created' }>;
export const EVENT_TYPES = schemas.map((s): EventType => s.shape.type.value);
