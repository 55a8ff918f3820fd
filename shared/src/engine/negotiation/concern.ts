/**
 * Negotiation: agreements between allied nations, bilateral or multilateral, in versions with
 * their authors, signed or rejected under a decision rule (consensus, majority, or a silence
 * procedure whose deadline the clock fires), suspended, resumed, terminated and published.
 */
import type { Concern, Due, EventBody } from '../define.ts';
import type { ExerciseState } from '../state.ts';
import { negotiationCommands, negotiationInfo } from './commands.ts';
import { agreementDeadlineEvents, earliestAgreementDue, negotiationHandlers } from './decide.ts';
import { negotiationEvents } from './events.ts';
import { negotiationEvolvers } from './evolve.ts';
import { currentVersion, type AgreementRecord } from './records.ts';
import { negotiationBot } from './bot.ts';

export interface NegotiationSlice {
  agreements: Record<string, AgreementRecord>;
  /** Agreement ids in the order they were proposed. */
  agreementOrder: string[];
}

function agreementDue(state: ExerciseState): Due | null {
  const due = earliestAgreementDue(state);
  if (!due) return null;
  const title = currentVersion(due.a).title;
  return { at: due.at, what: due.of === 'motion' ? `Vote on a motion: ${title}` : `Agreement deadline: ${title}` };
}
function agreementOnDue(state: ExerciseState, at: number): EventBody[] {
  return agreementDeadlineEvents(state, at);
}

export const negotiation: Concern<typeof negotiationCommands, typeof negotiationEvents, typeof negotiationInfo, NegotiationSlice> = {
  name: 'negotiation',
  summary: 'Agreements: proposals, versions, signatures, silence procedures and motions.',
  commands: negotiationCommands,
  info: negotiationInfo,
  handlers: negotiationHandlers,
  events: negotiationEvents,
  evolvers: negotiationEvolvers,
  initial: (): NegotiationSlice => ({ agreements: {}, agreementOrder: [] }),
  collections: ['agreements', 'agreementOrder'],
  nextDue: agreementDue,
  onDue: agreementOnDue,
  bot: negotiationBot,
};
