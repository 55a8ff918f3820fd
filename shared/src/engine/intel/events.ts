import { z } from 'zod';
import { Id } from '../../common.ts';
import { event } from '../define.ts';

/** A library report reaches its originator and the nations its markings allow. */
export const IntelReleased = event('intel.released', { intel: Id, turn: z.number().int().min(1) });

export const intelEvents = [IntelReleased] as const;
export type IntelEvent = z.infer<(typeof intelEvents)[number]>;
