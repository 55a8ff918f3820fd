/**
 * Consultations under the treaties. The members of the treaty and control see a consultation:
 * the invocation, every member's position and the deadline. A citation shows only to those who
 * hold what it cites: a member that does not hold a cited report reads "a report you do not
 * hold", with no id or title.
 */
import { holds, tally, type ConsultationRecord } from '../../engine/index.ts';
import type { ViewCtx } from '../context.ts';
import { memo } from '../memo.ts';
import { deadlineView } from './negotiation.ts';

export function consultations(ctx: ViewCtx) {
  const { state, audience, control, nation } = ctx;
  const phaseKey = `${state.turn}/${state.phaseIndex}/${state.deadline ?? ''}/${state.phaseStartedAt ?? ''}`;
  const held = (c: ConsultationRecord) => c.cites.map((x) => holds(state, control ? null : nation, x));
  return {
    consultations: state.consultationOrder.flatMap((id) => {
      const c = state.consultations[id];
      if (!c || !(control || (nation !== null && c.members.includes(nation)))) return [];
      const mask = held(c);
      return [
        memo(c, audience, [phaseKey, ...mask], () => {
          const t = state.scenario.treaties.find((x) => x.id === c.treaty);
          const clause = t?.clauses.find((x) => x.id === c.clause);
          return {
            id: c.id,
            treaty: c.treaty,
            treatyName: t?.name ?? c.treaty,
            clause: c.clause,
            article: clause?.article ?? '',
            clauseTitle: clause?.title ?? c.clause,
            clauseType: c.clauseType,
            rule: c.rule,
            members: c.members,
            invoker: c.invoker,
            onBehalfOf: c.onBehalfOf,
            grounds: c.grounds,
            cites: c.cites.map((x, i) => (mask[i] ? { kind: x.kind, id: x.id, held: true } : { kind: x.kind, id: null, held: false })),
            positions: c.ballot.votes,
            tally: tally(c.ballot),
            deadline: deadlineView(state, c.ballot.deadline)!,
            status: c.status,
            settled: c.settled,
            extensions: c.extensions,
            turn: c.turn,
            at: c.at,
          };
        }),
      ];
    }),
  };
}
