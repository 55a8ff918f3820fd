import { z } from 'zod';
import { Id, longText, NationId } from '../../common.ts';
import { ClauseType, DecisionRule } from '../../scenario/schema.ts';
import { event } from '../define.ts';
import { GameDeadline } from '../turns/gametime.ts';
import { Citation } from '../citations.ts';
import { Stance } from '../ballot.ts';

const base = { consultation: Id, turn: z.number().int().min(0) };

export const ConsultationOpened = event('consultation.opened', {
  ...base,
  treaty: Id,
  clause: Id,
  clauseType: ClauseType,
  rule: DecisionRule,
  members: z.array(NationId).min(1),
  invoker: NationId,
  onBehalfOf: NationId,
  grounds: z.string(),
  cites: z.array(Citation),
  deadline: GameDeadline,
});
export const ConsultationPositionStated = event('consultation.position.stated', { ...base, stance: Stance, statement: z.string() });
export const ConsultationSettled = event('consultation.settled', {
  ...base,
  result: z.enum(['activated', 'declined']),
  reason: longText(400),
  atDeadline: z.boolean(),
});
export const ConsultationExtended = event('consultation.extended', { ...base, deadline: GameDeadline });

export const treatyEvents = [ConsultationOpened, ConsultationPositionStated, ConsultationSettled, ConsultationExtended] as const;
export type TreatyEvent = z.infer<(typeof treatyEvents)[number]>;
