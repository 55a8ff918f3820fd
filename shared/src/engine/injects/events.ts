import { z } from 'zod';
import { Id, NationId } from '../../common.ts';
import { Inject } from '../../scenario/schema.ts';
import { event } from '../define.ts';

export const InjectReleased = event('inject.released', { inject: Id, reason: z.enum(['scheduled', 'manual', 'contingency']) });
export const InjectHeld = event('inject.held', { inject: Id, note: z.string() });
export const InjectScheduled = event('inject.scheduled', { inject: Id });
export const InjectSkipped = event('inject.skipped', { inject: Id, note: z.string() });
export const InjectCreated = event('inject.created', { inject: Inject });
export const InjectAcknowledged = event('inject.acknowledged', { inject: Id, nation: NationId, position: Id.nullable() });

export const injectEvents = [InjectReleased, InjectHeld, InjectScheduled, InjectSkipped, InjectCreated, InjectAcknowledged] as const;
export type InjectEvent = z.infer<(typeof injectEvents)[number]>;
