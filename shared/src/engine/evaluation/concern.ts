/** Evaluation: evaluators' and control's notes against injects and teams; they never reach players. */
import type { Concern } from '../define.ts';
import type { NoteRecord } from '../state.ts';
import { evaluationCommands, evaluationInfo } from './commands.ts';
import { evaluationHandlers } from './decide.ts';
import { evaluationEvents } from './events.ts';
import { evaluationEvolvers } from './evolve.ts';
import { evaluationBot } from './bot.ts';

export interface EvaluationSlice {
  notes: NoteRecord[];
}

export const evaluation: Concern<typeof evaluationCommands, typeof evaluationEvents, typeof evaluationInfo, EvaluationSlice> = {
  name: 'evaluation',
  summary: 'Evaluator notes.',
  commands: evaluationCommands,
  info: evaluationInfo,
  handlers: evaluationHandlers,
  events: evaluationEvents,
  evolvers: evaluationEvolvers,
  initial: (): EvaluationSlice => ({ notes: [] }),
  collections: ['notes'],
  bot: evaluationBot,
};
