/** Every event of every concern, assembled: the schema of one line of an exercise log. */
import { z } from 'zod';
import { lifecycleEvents } from './lifecycle/events.ts';
import { turnEvents } from './turns/events.ts';
import { injectEvents } from './injects/events.ts';
import { intelEvents } from './intel/events.ts';
import { messagingEvents } from './messaging/events.ts';
import { actionEvents } from './actions/events.ts';
import { adjudicationEvents } from './adjudication/events.ts';
import { evaluationEvents } from './evaluation/events.ts';

export const EngineEvent = z.discriminatedUnion('type', [
  ...lifecycleEvents,
  ...turnEvents,
  ...injectEvents,
  ...intelEvents,
  ...messagingEvents,
  ...actionEvents,
  ...adjudicationEvents,
  ...evaluationEvents,
]);
export type EngineEvent = z.infer<typeof EngineEvent>;
export type EventType = EngineEvent['type'];
export type CreatedEvent = Extract<EngineEvent, { type: 'exercise.created' }>;
