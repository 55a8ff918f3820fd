/**
 * The decision log: each team records its decisions, the options it weighed, its rationale, any
 * dissent, and what it relied on. A team reads its own log; control and evaluators read every
 * team's, for adjudication and the after-action review.
 */
import { reject } from '../envelope.ts';
import type { Concern, EvolversFor, HandlersFor } from '../define.ts';
import { checkCitations, type Citation } from '../citations.ts';
import type { Author, Stamp } from '../negotiation/records.ts';
import { decisionCommands, decisionInfo } from './commands.ts';
import { decisionEvents } from './events.ts';
import { decisionsBot } from './bot.ts';

export interface DecisionRecord extends Stamp {
  readonly id: string;
  readonly nation: string;
  readonly author: Author;
  readonly title: string;
  readonly options: readonly string[];
  readonly rationale: string;
  readonly dissent: string;
  readonly relied: readonly Citation[];
  readonly about: Citation | null;
}

export interface DecisionsSlice {
  decisions: DecisionRecord[];
}

const handlers: HandlersFor<typeof decisionCommands, typeof decisionInfo> = {
  'decision.record': (state, cmd, { nation }) => {
    const bad =
      checkCitations(state, nation, cmd.relied, 'relied') ?? (cmd.about ? checkCitations(state, nation, [cmd.about], 'about') : null);
    if (bad) return bad.path?.startsWith('about') ? reject(bad.code, bad.message, 'about.id') : bad;
    return [
      {
        type: 'decision.recorded',
        decision: `D${state.seq + 1}`,
        turn: state.turn,
        nation,
        title: cmd.title,
        options: cmd.options,
        rationale: cmd.rationale,
        dissent: cmd.dissent,
        relied: cmd.relied,
        about: cmd.about ?? null,
      },
    ];
  },
};

const evolvers: EvolversFor<typeof decisionEvents> = {
  'decision.recorded': (s, e) => {
    s.decisions.push({
      id: e.decision,
      seq: e.seq,
      at: e.at,
      turn: e.turn,
      nation: e.nation,
      author: { nation: e.nation, position: e.by.position, name: e.by.name },
      title: e.title,
      options: e.options,
      rationale: e.rationale,
      dissent: e.dissent,
      relied: e.relied,
      about: e.about,
    });
  },
};

export const decisions: Concern<typeof decisionCommands, typeof decisionEvents, typeof decisionInfo, DecisionsSlice> = {
  name: 'decisions',
  summary: "Each team's decision log.",
  commands: decisionCommands,
  info: decisionInfo,
  handlers,
  events: decisionEvents,
  evolvers,
  initial: (): DecisionsSlice => ({ decisions: [] }),
  collections: ['decisions'],
  bot: decisionsBot,
};
