import { z } from 'zod';
import { ActionType, Id, NationId } from '../../common.ts';
import { event } from '../define.ts';
import { GameDeadline } from '../turns/gametime.ts';
import { CapabilityCount, OperationBasis } from './commands.ts';

const base = { operation: Id, turn: z.number().int().min(0) };
const contribution = { assets: z.array(Id), capabilities: z.array(CapabilityCount), money: z.number().int().min(0) };

export const OperationProposed = event('operation.proposed', {
  ...base,
  title: z.string(),
  objective: z.string(),
  actionType: ActionType,
  regions: z.array(Id),
  requirements: z.array(CapabilityCount),
  funding: z.number().int().min(0),
  pledgeBy: GameDeadline,
  launchFrom: GameDeadline,
  basis: OperationBasis,
  participants: z.array(NationId),
});
export const OperationPledged = event('operation.pledged', {
  ...base,
  pledge: Id,
  nation: NationId,
  ...contribution,
  note: z.string(),
  amended: z.boolean().describe('Whether it replaces an earlier pledge'),
});
export const OperationPledgeWithdrawn = event('operation.pledge_withdrawn', { ...base, pledge: Id, nation: NationId, reason: z.string() });
export const OperationDelivered = event('operation.delivered', {
  ...base,
  pledge: Id,
  nation: NationId,
  assets: z.array(z.strictObject({ asset: Id, from: Id, to: Id })),
  capabilities: z.array(CapabilityCount),
  money: z.number().int().min(0),
});
export const OperationPledgingClosed = event('operation.pledging_closed', {
  ...base,
  atDeadline: z.boolean().describe('Closed by the clock at the pledge deadline (else by the launch)'),
});
export const OperationLaunched = event('operation.launched', {
  ...base,
  deliveredShare: z.number().min(0).max(1).describe('What was delivered against what was required'),
});
export const OperationPledgeBroken = event('operation.pledge_broken', { ...base, pledge: Id, nation: NationId, reason: z.string() });
export const OperationCancelled = event('operation.cancelled', { ...base, reason: z.string() });

export const operationEvents = [
  OperationProposed,
  OperationPledged,
  OperationPledgeWithdrawn,
  OperationDelivered,
  OperationPledgingClosed,
  OperationLaunched,
  OperationPledgeBroken,
  OperationCancelled,
] as const;
export type OperationEvent = z.infer<(typeof operationEvents)[number]>;
