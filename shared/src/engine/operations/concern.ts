/**
 * Joint operations: a nation proposes an operation, allies pledge assets, capabilities or money by
 * a game-time deadline, deliver them, and the operation launches when its conditions are met.
 * The burden-sharing ledger is pledged against delivered, per nation (ledger.ts). The clock
 * closes pledging at the deadline (`nextDue`/`onDue`). See docs/operations.md.
 */
import type { Concern, Due, EventBody } from '../define.ts';
import type { ExerciseState } from '../state.ts';
import { operationCommands, operationInfo } from './commands.ts';
import { earliestPledgeDue, operationHandlers, pledgeDeadlineEvents } from './decide.ts';
import { operationEvents } from './events.ts';
import { operationEvolvers } from './evolve.ts';
import type { OperationRecord } from './records.ts';
import { operationsBot } from './bot.ts';

export interface OperationsSlice {
  operations: Record<string, OperationRecord>;
  operationOrder: string[];
  /** The operations still taking pledges (status `pledging`), so the clock looks at these only. */
  pledgingOperations: string[];
  /** Each asset named by a standing pledge (or delivered to an operation), with the operation: an asset serves one open operation at a time. */
  pledgedAssets: Record<string, string>;
}

function pledgeDue(state: ExerciseState): Due | null {
  const due = earliestPledgeDue(state);
  return due ? { at: due.at, what: `Pledge deadline: ${due.op.title}` } : null;
}
const pledgeOnDue = (state: ExerciseState, at: number): EventBody[] => pledgeDeadlineEvents(state, at);

export const operations: Concern<typeof operationCommands, typeof operationEvents, typeof operationInfo, OperationsSlice> = {
  name: 'operations',
  summary: 'Joint operations, pledges and the burden-sharing ledger.',
  commands: operationCommands,
  info: operationInfo,
  handlers: operationHandlers,
  events: operationEvents,
  evolvers: operationEvolvers,
  initial: (): OperationsSlice => ({ operations: {}, operationOrder: [], pledgingOperations: [], pledgedAssets: {} }),
  collections: ['operations', 'operationOrder', 'pledgingOperations', 'pledgedAssets'],
  nextDue: pledgeDue,
  onDue: pledgeOnDue,
  bot: operationsBot,
};
