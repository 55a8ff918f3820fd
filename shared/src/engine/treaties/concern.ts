/**
 * Treaties: the scenario's treaties made live. A member invokes a clause; the consultation it
 * opens collects every member's position until a deadline the clock fires, and the clause's
 * decision rule settles it. Collective defence activated opens the attacked member's regions to
 * the other members' forces (forces/access.ts).
 */
import type { Concern, Due, EventBody } from '../define.ts';
import type { ExerciseState } from '../state.ts';
import { treatyCommands, treatyInfo } from './commands.ts';
import { consultationDeadlineEvents, earliestConsultationDue, treatyHandlers } from './decide.ts';
import { treatyEvents } from './events.ts';
import { treatyEvolvers } from './evolve.ts';
import type { ConsultationRecord } from './records.ts';
import { treatiesBot } from './bot.ts';

export interface TreatiesSlice {
  consultations: Record<string, ConsultationRecord>;
  consultationOrder: string[];
}

function consultationDue(state: ExerciseState): Due | null {
  const due = earliestConsultationDue(state);
  if (!due) return null;
  const t = state.scenario.treaties.find((x) => x.id === due.c.treaty);
  const clause = t?.clauses.find((x) => x.id === due.c.clause);
  return { at: due.at, what: `Consultation deadline: ${clause ? `${clause.article}, ${clause.title}` : due.c.clause}` };
}
function consultationOnDue(state: ExerciseState, at: number): EventBody[] {
  return consultationDeadlineEvents(state, at);
}

export const treaties: Concern<typeof treatyCommands, typeof treatyEvents, typeof treatyInfo, TreatiesSlice> = {
  name: 'treaties',
  summary: 'Treaty invocation: consultations, positions and activation.',
  commands: treatyCommands,
  info: treatyInfo,
  handlers: treatyHandlers,
  events: treatyEvents,
  evolvers: treatyEvolvers,
  initial: (): TreatiesSlice => ({ consultations: {}, consultationOrder: [] }),
  collections: ['consultations', 'consultationOrder'],
  nextDue: consultationDue,
  onDue: consultationOnDue,
  bot: treatiesBot,
};
