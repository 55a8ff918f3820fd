import { z } from 'zod';
import { NationId, PhaseId } from '../../common.ts';
import { Timestamp } from '../envelope.ts';
import { event } from '../define.ts';

export const PhaseStarted = event('phase.started', {
  turn: z.number().int().min(1),
  phase: PhaseId,
  phaseIndex: z.number().int().min(0),
  deadline: Timestamp,
  gameTime: z.iso.datetime({ offset: true }),
  restart: z.boolean(),
});
export const PhaseExtended = event('phase.extended', { minutes: z.number().int().positive(), deadline: Timestamp });
export const NationReadySet = event('nation.ready', { nation: NationId, ready: z.boolean() });

export const turnEvents = [PhaseStarted, PhaseExtended, NationReadySet] as const;
export type TurnEvent = z.infer<(typeof turnEvents)[number]>;
