/**
 * Simulation moves for the decision log. A team that signed, rejected or broke silence on an
 * agreement, or stated a position in a consultation, this turn often logs the decision behind it
 * (as the screens offer to), about that agreement or consultation; and now and then a team logs a
 * decision on what an inject asked of it. Each entry has the options weighed, a rationale, at
 * times a dissent, and the injects, outcomes and reports it relied on (only what the team holds).
 */
import type { BotContext, BotMove } from '../define.ts';
import type { Citation } from '../citations.ts';
import type { ExerciseState } from '../state.ts';
import { citable, nationName, someCitations, weightOf } from '../negotiation/bot.ts';
import { currentVersion } from '../negotiation/records.ts';

const RATIONALES = [
  'Our assessment of the threat, and the need to keep the allies together, outweigh the domestic cost.',
  'The evidence we hold is strong enough to act on, but not yet to attribute publicly.',
  'This keeps our options open while signalling resolve to the adversary.',
  'Legal advice confirms the step is within our obligations under the Treaty.',
];
const GENERAL = [
  {
    title: 'Agree a public line with partners before commenting',
    options: ['Comment nationally now', 'Agree a joint line first', 'Say nothing'],
  },
  { title: 'Raise readiness of national forces', options: ['Raise readiness', 'Hold at current readiness', 'Raise readiness quietly'] },
  {
    title: 'Share our assessment with all allies',
    options: ['Share in full', 'Share a sanitised tearline', 'Share with the closest partners only'],
  },
  { title: 'Request assistance from allies', options: ['Request now', 'Wait for our own assessment', 'Ask bilaterally first'] },
];

/** Who disagreed, named by a position of the team ("The Defence minister …"), now and then. */
function dissent(state: ExerciseState, nation: string, bot: BotContext): string {
  if (!bot.chance(0.3)) return '';
  const title = bot.pick(state.scenario.nations.find((n) => n.id === nation)?.positions ?? [])?.title;
  return title ? `The ${title} argued for a firmer line and asked for the disagreement to be recorded.` : '';
}

/** What the nation did this turn that it has not logged yet: a vote on an agreement or a position in a consultation. */
function unlogged(state: ExerciseState, nation: string): { about: Citation; title: string; options: string[] }[] {
  // Only this turn's entries matter, and the log is in turn order: walk back from its end.
  const logged = new Set<string>();
  for (let i = state.decisions.length - 1; i >= 0 && state.decisions[i]!.turn === state.turn; i--) {
    const d = state.decisions[i]!;
    if (d.nation === nation && d.about) logged.add(`${d.about.kind}:${d.about.id}:${d.turn}`);
  }
  const out: { about: Citation; title: string; options: string[] }[] = [];
  for (const id of state.agreementOrder) {
    const a = state.agreements[id];
    const v = a && currentVersion(a);
    const vote = v?.ballot.votes[nation];
    if (!a || !v || vote?.turn !== state.turn || logged.has(`agreement:${id}:${state.turn}`)) continue;
    const did = vote.stance === 'support' ? 'Sign' : a.rule === 'silence' ? 'Break silence on' : 'Reject';
    out.push({
      about: { kind: 'agreement', id },
      title: `${did} "${v.title}"${vote.reservations ? ', with reservations' : ''}`,
      options:
        a.rule === 'silence'
          ? ['Let silence pass', 'Break silence', 'Break silence and propose an amendment']
          : ['Sign', 'Sign with reservations', 'Reject', 'Propose an amendment'],
    });
  }
  for (const id of state.consultationOrder) {
    const c = state.consultations[id];
    const vote = c?.ballot.votes[nation];
    if (!c || vote?.turn !== state.turn || logged.has(`consultation:${id}:${state.turn}`)) continue;
    const clause = state.scenario.treaties.find((t) => t.id === c.treaty)?.clauses.find((x) => x.id === c.clause);
    const what = clause ? `${clause.article} (${clause.title})` : 'the clause';
    const verb =
      c.invoker.nation === nation && vote.seq === c.seq
        ? 'Invoke'
        : vote.stance === 'support'
          ? 'Support invoking'
          : vote.stance === 'oppose'
            ? 'Oppose invoking'
            : 'Abstain on';
    out.push({
      about: { kind: 'consultation', id },
      title: `${verb} ${what}${c.onBehalfOf === nation ? '' : ` for ${nationName(state, c.onBehalfOf)}`}`,
      options: ['Support', 'Oppose', 'Abstain', 'Ask for more time'],
    });
  }
  return out;
}

export function decisionsBot(state: ExerciseState, bot: BotContext): BotMove[] {
  if (state.status !== 'running' && state.status !== 'paused') return [];
  const w = weightOf(bot);
  if (w === 0) return [];
  const moves: BotMove[] = [];
  for (const nation of Object.keys(state.nations)) {
    const todo = unlogged(state, nation);
    const entry = todo.length && bot.chance(0.25) ? bot.pick(todo) : undefined;
    if (entry) {
      moves.push({
        actor: { nation },
        command: {
          type: 'decision.record',
          title: entry.title,
          options: entry.options,
          rationale: bot.pick(RATIONALES) ?? RATIONALES[0]!,
          dissent: dissent(state, nation, bot),
          relied: someCitations(state, nation, bot),
          about: entry.about,
        },
      });
      continue;
    }
    // A decision on what reached the team, now and then.
    const [inject] = citable(state, nation).injects;
    const general = inject && bot.chance(0.06 * w) ? bot.pick(GENERAL) : undefined;
    if (!inject || !general) continue;
    const relied = [inject, ...someCitations(state, nation, bot, 2).filter((c) => c.kind !== 'inject' || c.id !== inject.id)];
    moves.push({
      actor: { nation },
      command: {
        type: 'decision.record',
        title: general.title,
        options: general.options,
        rationale: bot.pick(RATIONALES) ?? RATIONALES[0]!,
        dissent: dissent(state, nation, bot),
        relied,
      },
    });
  }
  return moves;
}
