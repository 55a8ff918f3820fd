import { z } from 'zod';
import { ActionType, AssetType, Id, longText, NationId, shortText } from '../../common.ts';
import { command, LIVE, RUNNING, type CommandInfo } from '../define.ts';
import { GameDeadline } from '../turns/gametime.ts';

export const CapabilityCount = z.strictObject({
  type: AssetType,
  count: z.number().int().min(1).max(100).describe('How many assets of that type'),
});
export const OperationBasis = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('treaty'), treaty: Id, clause: Id }),
    z.strictObject({ kind: z.literal('agreement'), agreement: Id }),
  ])
  .nullable()
  .default(null)
  .describe('The treaty clause (the proposer a member) or the agreement in force (binding the proposer) the operation rests on');

const money = z.number().int().min(0).max(1_000_000).describe('Millions');
const ref = { operation: Id };

export const OperationPropose = command('operation.propose', {
  title: shortText(120),
  objective: longText(2000).min(1).describe('What the operation is to achieve'),
  actionType: ActionType.describe('The kind of action it is, for the adjudication tables'),
  regions: z.array(Id).min(1).max(8),
  requirements: z.array(CapabilityCount).max(12).default([]).describe('Capabilities the operation needs to launch'),
  funding: money.default(0).describe('Money the operation needs to launch, in millions'),
  pledgeBy: GameDeadline.optional().describe('When pledges are due (default: the end of the next consultation phase)'),
  launchFrom: GameDeadline.optional().describe(
    'The phase from which the proposer may launch (default: the phase after the pledge deadline)',
  ),
  basis: OperationBasis,
  participants: z.array(NationId).min(1).max(31).describe("The allies invited to pledge; the proposer's nation is always one"),
});
export const OperationPledge = command('operation.pledge', {
  ...ref,
  assets: z.array(Id).max(24).default([]).describe("The nation's own assets it commits"),
  capabilities: z.array(CapabilityCount).max(12).default([]).describe('Capabilities it commits without naming assets'),
  money: money.default(0),
  note: longText(1000).default(''),
});
export const OperationWithdraw = command('operation.withdraw', { ...ref, reason: longText(500).default('') });
export const OperationDeliver = command('operation.deliver', {
  ...ref,
  assets: z.array(Id).max(24).default([]),
  capabilities: z.array(CapabilityCount).max(12).default([]),
  money: money.default(0),
  region: Id.optional().describe("Where the assets go (default: the operation's first region open to them)"),
});
export const OperationLaunch = command('operation.launch', { ...ref });
export const OperationCancel = command('operation.cancel', { ...ref, reason: longText(500).default('') });

export const operationCommands = [
  OperationPropose,
  OperationPledge,
  OperationWithdraw,
  OperationDeliver,
  OperationLaunch,
  OperationCancel,
] as const;
export type OperationCommand = z.infer<(typeof operationCommands)[number]>;

const NOT_YOUR_ASSET = "The sender has no asset by that id: whether it exists, is hidden or is another nation's is not said.";

export const operationInfo = {
  'operation.propose': {
    roles: ['nation'],
    status: LIVE,
    summary:
      'Propose a joint operation to allies: its objective, regions, the capabilities and money it needs, when pledges are due and from when it may launch, and the treaty clause or agreement it rests on.',
    rejections: {
      unknown_region: 'A region does not exist.',
      unknown_nation: 'A participant is not one of the allied nations.',
      not_joint: 'A joint operation needs at least one other participant.',
      bad_basis:
        'The basis does not hold: the proposer (or a participant) is not a party, the clause does not exist, or the agreement is not in force or does not bind the proposer.',
      bad_deadline: 'A deadline is not a phase of this exercise, has passed, or the launch comes before the pledge deadline.',
      duplicate: 'A capability type is listed twice.',
    },
  },
  'operation.pledge': {
    roles: ['nation'],
    status: LIVE,
    summary:
      "Pledge (or replace the nation's pledge with) assets, capabilities and money to an operation the nation takes part in, before its pledge deadline.",
    rejections: {
      not_your_asset: NOT_YOUR_ASSET,
      no_access:
        "The asset's nation has no access to any of the operation's regions (collective defence in force or a basing agreement would give it).",
      already_pledged: 'The asset is pledged to another open operation.',
      deadline_passed: 'Pledges were due by the deadline, or pledging is closed.',
      not_open: 'The operation is launched, adjudicated or cancelled.',
      below_delivered: 'The new pledge leaves out something already delivered.',
      empty: 'The pledge commits nothing.',
      duplicate: 'An asset or a capability type is listed twice.',
    },
  },
  'operation.withdraw': {
    roles: ['nation'],
    status: LIVE,
    summary: "Withdraw the nation's pledge: before the deadline it is withdrawn without penalty; after it, the pledge is broken.",
    rejections: {
      no_pledge: 'The nation has no standing pledge to the operation.',
      not_open: 'The operation is launched, adjudicated or cancelled.',
    },
  },
  'operation.deliver': {
    roles: ['nation'],
    status: RUNNING,
    summary:
      "Deliver what the nation pledged, in part or in full: pledged assets move to the operation's region and are committed, capabilities and money are counted.",
    rejections: {
      no_pledge: 'The nation has no standing pledge to the operation.',
      not_pledged: 'Something delivered was not pledged, or more than was pledged, or is already delivered.',
      not_your_asset: NOT_YOUR_ASSET,
      not_ready: 'An asset that is not ready cannot be delivered.',
      unknown_region: 'The region is not one of the operation’s.',
      no_access: "The asset's nation has no access to the region.",
      not_open: 'The operation is launched, adjudicated or cancelled.',
      empty: 'The delivery brings nothing.',
      duplicate: 'An asset or a capability type is listed twice.',
    },
  },
  'operation.launch': {
    roles: ['nation'],
    status: RUNNING,
    summary:
      'Launch the operation (the proposer, from its launch phase) once what was delivered meets its requirements and funding; every pledge not fully delivered is then broken.',
    rejections: {
      not_proposer: 'Only the proposer launches the operation.',
      too_early: 'The launch phase has not come.',
      conditions_unmet: 'What was delivered does not meet the requirements or the funding; the reason lists what is missing.',
      not_open: 'The operation is launched, adjudicated or cancelled.',
    },
  },
  'operation.cancel': {
    roles: ['nation'],
    status: LIVE,
    summary: 'Cancel the operation before it launches (the proposer). Pledges are released, none broken.',
    rejections: {
      not_proposer: 'Only the proposer cancels the operation.',
      not_open: 'The operation is launched, adjudicated or cancelled.',
    },
  },
} as const satisfies Record<OperationCommand['type'], CommandInfo>;
