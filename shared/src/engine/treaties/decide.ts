/**
 * Treaty invocation: a member invokes a clause of one of the scenario's treaties, citing an
 * inject, an outcome or a report; that opens a consultation in which each member states a
 * position by a deadline, and the clause's decision rule settles it: activated or declined.
 *
 * Whether what happened is an armed attack is the members' call, made by their positions: no
 * rule here looks at what the citations say.
 */
import { own, reject } from '../envelope.ts';
import type { EventBody, HandlersFor } from '../define.ts';
import { foreseen, verdict, withVote, type Ballot, type Verdict } from '../ballot.ts';
import { checkCitations } from '../citations.ts';
import { checkDeadline, deadlineDueAt, deadlinePassed, defaultDeadline, describeDeadline, positionOfDeadline } from '../turns/gametime.ts';
import type { ExerciseState } from '../state.ts';
import type { treatyCommands, treatyInfo } from './commands.ts';
import type { ConsultationRecord } from './records.ts';

/** A treaty a nation can see: every alliance, and the side agreements it is party to. */
export const treatyVisibleTo = (t: { kind: string; parties: readonly string[] }, nation: string): boolean =>
  t.kind === 'alliance' || t.parties.includes(nation);

const settle = (state: ExerciseState, c: { id: string }, v: Verdict, atDeadline: boolean): EventBody => ({
  type: 'consultation.settled',
  consultation: c.id,
  turn: state.turn,
  result: v.result === 'adopted' ? 'activated' : 'declined',
  reason: v.reason,
  atDeadline,
});

/** Whether positions are still taken: before the deadline, and (unless each member answers for itself) until it is settled. */
const takesPositions = (state: ExerciseState, c: ConsultationRecord): boolean =>
  !deadlinePassed(state, c.ballot.deadline) && (c.status === 'open' || c.rule === 'unilateral') && !(c.settled?.atDeadline ?? false);

export function earliestConsultationDue(state: ExerciseState): { c: ConsultationRecord; at: number } | null {
  let best: { c: ConsultationRecord; at: number } | null = null;
  for (const id of state.consultationOrder) {
    const c = state.consultations[id];
    if (c?.status !== 'open') continue;
    const at = deadlineDueAt(state, c.ballot.deadline);
    if (at !== null && (best === null || at < best.at)) best = { c, at };
  }
  return best;
}

export function consultationDeadlineEvents(state: ExerciseState, at: number): EventBody[] {
  const due = earliestConsultationDue(state);
  if (!due || due.at > at) return [];
  return [settle(state, due.c, verdict(due.c.ballot, true)!, true)];
}

export const treatyHandlers: HandlersFor<typeof treatyCommands, typeof treatyInfo> = {
  'treaty.invoke': (state, cmd, { nation }) => {
    const t = state.scenario.treaties.find((x) => x.id === cmd.treaty);
    if (!t || !treatyVisibleTo(t, nation)) return reject('not_found', 'You know of no treaty by that id.', 'treaty');
    if (!t.parties.includes(nation)) return reject('not_member', `Your nation is not a member of the ${t.name}.`, 'treaty');
    const clause = t.clauses.find((c) => c.id === cmd.clause);
    if (!clause) return reject('unknown_clause', `The ${t.name} has no clause "${cmd.clause}".`, 'clause');
    const onBehalfOf = cmd.onBehalfOf ?? nation;
    if (!t.parties.includes(onBehalfOf)) return reject('not_member', `${onBehalfOf} is not a member of the ${t.name}.`, 'onBehalfOf');
    const bad = checkCitations(state, nation, cmd.cites, 'cites') ?? (cmd.deadline ? checkDeadline(state, cmd.deadline, 'deadline') : null);
    if (bad) return bad;
    const open = state.consultationOrder.some((id) => {
      const c = state.consultations[id];
      return c?.status === 'open' && c.treaty === t.id && c.clause === clause.id && c.onBehalfOf === onBehalfOf;
    });
    if (open) return reject('already_open', `Consultations under ${clause.article} for ${onBehalfOf} are already open.`, 'clause');
    const id = `C${state.seq + 1}`;
    const deadline = cmd.deadline ?? defaultDeadline(state);
    const opened: EventBody = {
      type: 'consultation.opened',
      consultation: id,
      turn: state.turn,
      treaty: t.id,
      clause: clause.id,
      clauseType: clause.type,
      rule: clause.decisionRule,
      members: [...t.parties].sort(),
      invoker: nation,
      onBehalfOf,
      grounds: cmd.grounds,
      cites: cmd.cites,
      deadline,
    };
    // The invoking member supports its own invocation.
    const ballot: Ballot = { rule: clause.decisionRule, voters: t.parties, votes: {}, deadline };
    const v = verdict(withVote(ballot, nation, foreseen('support')), false);
    return v ? [opened, settle(state, { id }, v, false)] : [opened];
  },

  'consultation.position': (state, cmd, { nation }) => {
    const c = own(state.consultations, cmd.consultation);
    if (!c || !c.members.includes(nation)) return reject('not_found', 'You have no consultation by that id.', 'consultation');
    if (!takesPositions(state, c)) {
      if (deadlinePassed(state, c.ballot.deadline) || c.settled?.atDeadline)
        return reject('deadline_passed', `Positions were due by ${describeDeadline(state.scenario, c.ballot.deadline)}.`);
      return reject('settled', `The consultation is settled: ${c.status === 'activated' ? 'activated' : 'declined'}.`);
    }
    const stated: EventBody = {
      type: 'consultation.position.stated',
      consultation: c.id,
      turn: state.turn,
      stance: cmd.stance,
      statement: cmd.statement,
    };
    if (c.status !== 'open') return [stated];
    const v = verdict(withVote(c.ballot, nation, foreseen(cmd.stance)), false);
    return v ? [stated, settle(state, c, v, false)] : [stated];
  },

  'consultation.extend': (state, cmd) => {
    const c = own(state.consultations, cmd.consultation);
    if (!c) return reject('unknown_consultation', `There is no consultation "${cmd.consultation}".`, 'consultation');
    if (c.status !== 'open' && c.rule !== 'unilateral') return reject('settled', 'The consultation is already settled.');
    const bad = checkDeadline(state, cmd.deadline, 'deadline');
    if (bad) return bad;
    if (positionOfDeadline(state, cmd.deadline) <= positionOfDeadline(state, c.ballot.deadline))
      return reject(
        'bad_deadline',
        `The new deadline must be later than ${describeDeadline(state.scenario, c.ballot.deadline)}.`,
        'deadline',
      );
    return [{ type: 'consultation.extended', consultation: c.id, turn: state.turn, deadline: cmd.deadline }];
  },
};
