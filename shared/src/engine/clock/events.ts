import { z } from 'zod';
import { event } from '../define.ts';

export const ClockAutoChanged = event('clock.auto.changed', { on: z.boolean() });

export const clockEvents = [ClockAutoChanged] as const;
