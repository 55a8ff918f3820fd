/**
 * Joint operations: a nation proposes an operation, allies pledge assets, capabilities or money by
 * a game-time deadline, deliver them, and the operation launches when its conditions are met.
 * The burden-sharing ledger is pledged against delivered, per nation.
 */
import type { Concern } from '../define.ts';
import type { OperationRecord } from './records.ts';

export interface OperationsSlice {
  operations: Record<string, OperationRecord>;
  operationOrder: string[];
}

export const operations: Concern<readonly [], readonly [], Record<never, never>, OperationsSlice> = {
  name: 'operations',
  summary: 'Joint operations, pledges and the burden-sharing ledger.',
  commands: [],
  info: {},
  handlers: {},
  events: [],
  evolvers: {},
  initial: (): OperationsSlice => ({ operations: {}, operationOrder: [] }),
  collections: ['operations', 'operationOrder'],
};
