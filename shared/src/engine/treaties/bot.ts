/**
 * Simulation moves for treaties. Members invoke the clauses of the scenario's treaties, citing the
 * injects, outcomes and reports they hold, for themselves or for a threatened ally: first what an
 * inject released this turn asks for (its expected action names the article: "ORV invokes
 * Article 5", "members state positions on Article 5"), else now and then a clause of their own
 * choosing, mostly consultation and mutual aid, collective defence once the crisis has begun. The
 * members state their positions (support, oppose, abstain, with a statement) while positions are
 * taken, and now and then an abstainer comes round; exercise control gives a consultation more
 * time once, when positions are due today and some are missing.
 *
 * Positions are counted on a copy of the ballot, so none is stated after the consultation
 * settles (under a unilateral clause, positions are still recorded until the deadline).
 */
import type { BotContext, BotMove } from '../define.ts';
import { foreseen, verdict, withVote, type Ballot, type Stance } from '../ballot.ts';
import { deadlinePassed, positionOfDeadline } from '../turns/gametime.ts';
import type { ExerciseState } from '../state.ts';
import type { Citation } from '../citations.ts';
import { addressedTo } from '../injects/decide.ts';
import { deadlineAfter, nationName, someCitations } from '../negotiation/bot.ts';
import type { PhaseId } from '../../common.ts';
import type { ConsultationRecord } from './records.ts';

/** How busy each phase is: teams invoke right after the brief, and consult on it during consultation. */
const ACTIVE: Partial<Record<PhaseId, number>> = { brief: 0.6, consult: 1, submit: 0.2, outcome: 0.4 };

/** How often a clause of each type is invoked, relatively. */
const WEIGHT: Record<string, number> = {
  consultation: 4,
  collective_defence: 2,
  mutual_aid: 2,
  basing_access: 1,
  sanctions_coordination: 1,
  intel_sharing: 0.5,
  burden_sharing: 0.3,
  non_aggression: 0.3,
};

/** The odds of support and opposition by clause type (the rest abstain). */
const ODDS: Record<string, { support: number; oppose: number }> = {
  consultation: { support: 0.8, oppose: 0.05 },
  collective_defence: { support: 0.62, oppose: 0.18 },
};
const DEFAULT_ODDS = { support: 0.65, oppose: 0.1 };

const STATEMENTS: Record<Stance, readonly string[]> = {
  support: [
    'We support: the facts cited meet the threshold of the clause.',
    'Our government stands with the invoking Party and will contribute.',
    'We agree, and ask that the Council meet at heads-of-government level.',
  ],
  oppose: [
    'We do not consider that the events cited meet the threshold of the clause.',
    'Attribution is not yet established; we cannot support activation today.',
    'Our parliament has not authorised this; we object.',
  ],
  abstain: ['We abstain pending our own assessment of the evidence.', 'We will not stand in the way, but cannot join at this stage.', ''],
};

function grounds(
  state: ExerciseState,
  clause: Treaty['clauses'][number],
  behalf: string,
  self: boolean,
  subject: string | undefined,
): string {
  const who = self ? 'our nation' : nationName(state, behalf);
  const after = subject ? ` after "${subject}"` : '';
  if (clause.decisionRule === 'silence')
    return `We ask that the Council state its position on the threat to ${who}${after}, under ${clause.article}: the draft stands unless a Party breaks silence by the deadline.`;
  switch (clause.type) {
    case 'collective_defence':
      return `We consider the attack on ${self ? 'our territory and forces' : `the territory and forces of ${who}`}${after} an armed attack under ${clause.article}, and call on the members to assist.`;
    case 'consultation':
      return `The security of ${who} is threatened${after}; we request consultations under ${clause.article}.`;
    case 'mutual_aid':
      return `Critical infrastructure of ${who} is disrupted${after}; we request assistance under ${clause.article}.`;
    case 'basing_access':
      return `We request transit and temporary basing under ${clause.article} for forces engaged in the defence of ${who}${after}.`;
    case 'sanctions_coordination':
      return `We propose coordinated economic measures under ${clause.article} in response to the pressure on ${who}${after}.`;
    default:
      return `We invoke ${clause.article} (${clause.title}) in response to the situation${after}.`;
  }
}

/** Whether the consultation still takes positions (the engine's rule, read from the state). */
const takesPositions = (state: ExerciseState, c: ConsultationRecord): boolean =>
  !deadlinePassed(state, c.ballot.deadline) && (c.status === 'open' || c.rule === 'unilateral') && !(c.settled?.atDeadline ?? false);

function stanceFor(c: ConsultationRecord, bot: BotContext): Stance {
  const odds = ODDS[c.clauseType] ?? DEFAULT_ODDS;
  const r = bot.random();
  return r < odds.support ? 'support' : r < odds.support + odds.oppose ? 'oppose' : 'abstain';
}

export function treatiesBot(state: ExerciseState, bot: BotContext): BotMove[] {
  if (state.status !== 'running' && state.status !== 'paused') return [];
  const w = bot.phase === null ? 0 : (ACTIVE[bot.phase] ?? 0);
  if (w === 0) return [];
  const moves: BotMove[] = [];

  for (const id of state.consultationOrder) {
    const c = state.consultations[id];
    if (!c || !takesPositions(state, c)) continue;
    // Exercise control gives the members more time now and then: once, when positions are due today and some are missing.
    const due = c.ballot.deadline.turn === state.turn;
    const silent = c.members.some((n) => !Object.hasOwn(c.ballot.votes, n));
    if (c.status === 'open' && due && silent && c.extensions.length === 0 && bot.chance(0.5 * w)) {
      const deadline = deadlineAfter(state, positionOfDeadline(state, c.ballot.deadline), bot);
      if (deadline) moves.push({ actor: 'control', command: { type: 'consultation.extend', consultation: c.id, deadline } });
    }
    let ballot: Ballot = c.ballot;
    for (const n of bot.sample(c.members, c.members.length)) {
      const revise = Object.hasOwn(ballot.votes, n) && ballot.votes[n]?.stance === 'abstain' && bot.chance(0.15);
      if ((Object.hasOwn(ballot.votes, n) && !revise) || !bot.chance(0.3 * w + 0.05)) continue;
      const stance = revise ? 'support' : stanceFor(c, bot);
      moves.push({
        actor: { nation: n },
        command: { type: 'consultation.position', consultation: c.id, stance, statement: bot.pick(STATEMENTS[stance]) ?? '' },
      });
      ballot = withVote(ballot, n, foreseen(stance));
      if (c.rule !== 'unilateral' && verdict(ballot, false)) break;
    }
  }

  const invocation = asked(state, bot) ?? (bot.chance(0.15 * w) ? anyInvocation(state, bot) : null);
  if (invocation && bot.chance(invocation.asked ? 0.4 * w : 1)) {
    const { from, t, clause, behalf, cites } = invocation;
    const first = cites.find((c) => c.kind === 'inject');
    const subject = first ? state.injects[first.id]?.def.subject : undefined;
    const deadline = bot.chance(0.3) ? deadlineAfter(state, -1, bot) : null;
    moves.push({
      actor: { nation: from },
      command: {
        type: 'treaty.invoke',
        treaty: t.id,
        clause: clause.id,
        grounds: grounds(state, clause, behalf, behalf === from, subject),
        cites,
        ...(behalf === from ? {} : { onBehalfOf: behalf }),
        ...(deadline ? { deadline } : {}),
      },
    });
  }
  return moves;
}

type Treaty = ExerciseState['scenario']['treaties'][number];
interface Invocation {
  from: string;
  t: Treaty;
  clause: Treaty['clauses'][number];
  behalf: string;
  cites: Citation[];
  /** Whether an inject's expected action asked for it. */
  asked: boolean;
}

/** Whether a clause of a treaty for a member may be invoked now: none open, and none this turn. */
function fresh(state: ExerciseState, treaty: string, clause: string, behalf: string): boolean {
  return !state.consultationOrder.some((id) => {
    const c = state.consultations[id];
    return c && c.treaty === treaty && c.clause === clause && c.onBehalfOf === behalf && (c.status === 'open' || c.turn === state.turn);
  });
}

/** Whether an inject's expected action names the clause ("any member invokes Article 4"); a side agreement must be named too. */
function names(expected: string, t: Treaty, article: string): boolean {
  const escaped = article.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (!new RegExp(`\\b${escaped}\\b`).test(expected)) return false;
  return t.kind === 'alliance' || expected.includes(t.name.split(/[\s(]/)[0] ?? t.name);
}

/**
 * The invocation an inject released this turn asks for: a member it reached invokes the clause
 * its expected action names, for itself or for the one addressee it concerns, citing it.
 */
function asked(state: ExerciseState, bot: BotContext): Invocation | null {
  const found: (Omit<Invocation, 'cites'> & { inject: string })[] = [];
  for (const id of state.injectOrder) {
    const x = state.injects[id];
    if (x?.status !== 'released' || x.releasedTurn !== state.turn || !x.def.expectedAction) continue;
    const addressees = x.def.to.includes('ALL') ? [] : x.def.to.filter((n) => Object.hasOwn(state.nations, n));
    for (const t of state.scenario.treaties)
      for (const clause of t.clauses) {
        if (!names(x.def.expectedAction, t, clause.article)) continue;
        // One invocation a turn of what an inject asks for.
        const invoked = state.consultationOrder.some((c) => {
          const k = state.consultations[c];
          return k !== undefined && k.treaty === t.id && k.clause === clause.id && k.turn === state.turn;
        });
        if (invoked) continue;
        // The member it concerns: its one addressee among the members, or the one member whose regions it names.
        const concerned = new Set(
          (addressees.length ? addressees : x.def.regions.map((r) => state.regions[r]?.controller ?? '')).filter((n) =>
            t.parties.includes(n),
          ),
        );
        const behalf = concerned.size === 1 ? [...concerned][0]! : null;
        for (const from of t.parties) {
          if (!Object.hasOwn(state.nations, from) || !addressedTo(x.def, from)) continue;
          const onBehalf = behalf ?? from;
          if (!fresh(state, t.id, clause.id, onBehalf)) continue;
          found.push({ from, t, clause, behalf: onBehalf, inject: id, asked: true });
        }
      }
  }
  const chosen = bot.pick(found);
  if (!chosen) return null;
  const { inject, ...rest } = chosen;
  const more = someCitations(state, rest.from, bot, 2).filter((c) => c.kind !== 'inject' || c.id !== inject);
  return { ...rest, cites: [{ kind: 'inject', id: inject }, ...more] };
}

/** An invocation of the nation's own choosing, weighted by clause type (collective defence once the crisis has begun). */
function anyInvocation(state: ExerciseState, bot: BotContext): Invocation | null {
  const open = state.consultationOrder.filter((id) => state.consultations[id]?.status === 'open').length;
  const from = open < 2 ? bot.pick(Object.keys(state.nations)) : undefined;
  if (from === undefined) return null;
  const options = state.scenario.treaties
    .filter((t) => t.parties.includes(from))
    .flatMap((t) => t.clauses.map((clause) => ({ t, clause })))
    .filter(({ clause }) => clause.type !== 'collective_defence' || state.turn >= 2);
  const total = options.reduce((n, o) => n + (WEIGHT[o.clause.type] ?? 0.3), 0);
  let r = bot.random() * total;
  const chosen = options.find((o) => (r -= WEIGHT[o.clause.type] ?? 0.3) < 0) ?? options.at(-1);
  if (!chosen) return null;
  const behalf = bot.chance(0.6) ? from : (bot.pick(chosen.t.parties.filter((n) => n !== from)) ?? from);
  if (!fresh(state, chosen.t.id, chosen.clause.id, behalf)) return null;
  return { from, ...chosen, behalf, cites: someCitations(state, from, bot), asked: false };
}
