/**
 * Simulation moves for negotiation. Mostly during consultation (less in the brief and the
 * outcome, a little while actions are submitted), nations:
 * - propose agreements, bilateral or multilateral, under consensus, majority or silence, from a
 *   few kinds of text: basing and access, intelligence sharing, a joint response, a defence pact;
 * - amend the current version, sign it (with reservations now and then), reject it (a veto under
 *   consensus), break silence, or withdraw;
 * - once an agreement is in force: publish it, accede to it (majority), move to suspend, resume
 *   or terminate it, and vote on the motions of others.
 * Exercise control now and then moves a signature, silence or motion deadline later, when it
 * falls due in the current phase and someone has not answered.
 *
 * Each agreement follows one of a few stories, by the order it was proposed in (see STORIES), so
 * that every run shows every path; when each step happens is the dice's.
 *
 * Every move is legal against the state the earlier moves of the list leave: one move per
 * agreement and round, except signatures and votes, which are counted on a copy of the ballot so
 * that none is cast after the ballot settles.
 */
import type { z } from 'zod';
import type { PhaseId } from '../../common.ts';
import type { BotContext, BotMove } from '../define.ts';
import { foreseen, verdict, withVote, type Ballot } from '../ballot.ts';
import { holds, type Citation } from '../citations.ts';
import { addressedTo } from '../injects/decide.ts';
import { holdsReport } from '../intel/markings.ts';
import { checkDeadline, positionOfDeadline, type GameDeadline } from '../turns/gametime.ts';
import { currentPosition, positionOf, type ExerciseState } from '../state.ts';
import type { AgreementClause, AgreementRule } from './commands.ts';
import { pendingDeadline } from './decide.ts';
import { currentVersion, isFinal, openMotion, type AgreementRecord } from './records.ts';

type Clause = z.input<typeof AgreementClause>;

/** How busy each phase is: negotiation lives in the consultation phase. */
export const TALKATIVE: Partial<Record<PhaseId, number>> = { brief: 0.3, consult: 1, submit: 0.2, outcome: 0.4 };
export const weightOf = (bot: BotContext): number => (bot.phase === null ? 0 : (TALKATIVE[bot.phase] ?? 0));

/** A nation's name as the scenario spells it ("Republic of Calvaria"). */
export const nationName = (state: ExerciseState, id: string): string => state.scenario.nations.find((n) => n.id === id)?.name ?? id;
/** The short form for titles: "Calvaria" from "Republic of Calvaria". */
export const shortName = (state: ExerciseState, id: string): string =>
  nationName(state, id).replace(/^(Federal Republic|Republic|Kingdom|Principality|Grand Duchy|State|Federation) of (the )?/, '');

/**
 * A deadline at the end of a consultation phase (or the last phase, for a scenario without one)
 * strictly after `after` and after now, within the exercise; now and then one turn later still.
 */
export function deadlineAfter(state: ExerciseState, after: number, bot: BotContext): GameDeadline | null {
  const phases = state.scenario.clock.phases;
  const phase = phases.find((p) => p.id === 'consult')?.id ?? phases.at(-1)?.id;
  if (phase === undefined) return null;
  const from = Math.max(after, currentPosition(state));
  const skip = bot.chance(0.25) ? 1 : 0;
  const found: GameDeadline[] = [];
  for (let turn = Math.max(1, state.turn); turn <= state.scenario.clock.turns && found.length <= skip; turn++) {
    const d = { turn, phase };
    if (positionOf(state, turn, phase) > from && checkDeadline(state, d, 'deadline') === null) found.push(d);
  }
  return found[Math.min(skip, found.length - 1)] ?? null;
}

/**
 * What a nation can cite: the injects that reached it, the outcomes it was told and the reports
 * it holds, newest first (each passes the engine's own `holds` test).
 */
export function citable(state: ExerciseState, nation: string): { injects: Citation[]; outcomes: Citation[]; reports: Citation[] } {
  const injects = state.injectOrder
    .filter((id) => {
      const x = state.injects[id];
      return x?.status === 'released' && addressedTo(x.def, nation);
    })
    .sort((a, b) => (state.injects[b]?.releasedSeq ?? 0) - (state.injects[a]?.releasedSeq ?? 0))
    .map((id): Citation => ({ kind: 'inject', id }));
  const outcomes = state.adjudications
    .filter((o) => o.visibleTo === 'ALL' || o.visibleTo.includes(nation))
    .map((o): Citation => ({ kind: 'outcome', id: o.id }))
    .reverse();
  const reports = state.intelOrder
    .slice(-60)
    .filter((id) => holdsReport(state, { id }, nation))
    .map((id): Citation => ({ kind: 'report', id }))
    .reverse();
  // The bots cite only the most recent few; those are checked again with the engine's own test.
  const held = (c: Citation) => holds(state, nation, c);
  return {
    injects: injects.slice(0, 8).filter(held),
    outcomes: outcomes.slice(0, 5).filter(held),
    reports: reports.slice(0, 6).filter(held),
  };
}

/** One to `max` recent things the nation holds, mostly injects, with an outcome or a report now and then. */
export function someCitations(state: ExerciseState, nation: string, bot: BotContext, max = 3): Citation[] {
  const { injects, outcomes, reports } = citable(state, nation);
  const out = bot.sample(injects.slice(0, 5), bot.int(injects.length ? 1 : 0, Math.min(2, injects.length)));
  if (outcomes.length && bot.chance(0.4)) out.push(...bot.sample(outcomes.slice(0, 3), 1));
  if (reports.length && bot.chance(0.5)) out.push(...bot.sample(reports.slice(0, 4), 1));
  return out.slice(0, max);
}

const RESERVATIONS = [
  'Subject to ratification by our parliament.',
  'Our signature does not extend to the deployment of combat aircraft over third countries.',
  'We interpret the consultation clause as not requiring unanimity on public statements.',
  'Subject to the national caveats notified to the Council.',
];
const REJECTIONS = [
  'The text commits us beyond what our cabinet has authorised.',
  'The basing clause is too broad: it must name the facilities.',
  'We cannot accept the language on attribution before the forensics are in.',
  'Our coalition partners will not support this text as drafted.',
];
const BREAKS = [
  'We break silence: paragraph 1 attributes the attack before the evidence is agreed.',
  'We break silence to propose narrower wording on the deployment of forces.',
  'We need the reference to humanitarian access strengthened before we can join.',
];
const AMENDMENTS = [
  'The parties will review this agreement at the end of the crisis.',
  'Deployments under this agreement are notified to the host nation 24 hours in advance.',
  'Nothing in this agreement affects the obligations of the parties under the Treaty.',
  'The parties will brief the other allies on the substance of this agreement.',
];
const NOTES = [
  'Narrower wording, to meet the concerns raised in consultation.',
  'Adds a review clause at the request of our parliament.',
  'Clarifies host-nation notification.',
  'Brings the text into line with our legal advice.',
];
const MOTIONS: Record<'suspend' | 'resume' | 'terminate', readonly string[]> = {
  suspend: ['The host nation has asked for a pause while the ceasefire offer is considered.', 'Suspend pending a review of the incident.'],
  resume: ['The review is complete; the reasons for suspension no longer apply.', 'Resume: the threat has returned.'],
  terminate: ['The agreement has served its purpose.', 'The agreement has been overtaken by the Council decision.'],
};
const VOTES = {
  support: ['We support the motion.', 'Agreed, for the reasons given.', ''],
  oppose: ['We oppose: this sends the wrong signal now.', 'Not yet; we need more time.', ''],
} as const;
const WITHDRAWALS = ['Our government has decided not to pursue this text.', 'Overtaken by the Council decision.', ''];

/** The regions an ally controls now, for a basing clause. */
function hostRegions(state: ExerciseState, host: string): string[] {
  return state.scenario.map.regions.filter((r) => state.regions[r.id]?.controller === host).map((r) => r.id);
}
const regionName = (state: ExerciseState, id: string): string => state.scenario.map.regions.find((r) => r.id === id)?.name ?? id;

/** The kinds of text an inject's expected action can ask for. */
type Kind = 'basing' | 'intel' | 'joint';

interface Text {
  title: string;
  text: string;
  clauses: Clause[];
}

/**
 * The text of a proposal by `from` to `parties`: basing and access (with one host, its regions;
 * with several, every region a party controls), intelligence sharing, a joint response, or a
 * defence pact.
 */
function proposalText(state: ExerciseState, from: string, parties: readonly string[], bot: BotContext, kind?: Kind): Text {
  const adversary = state.scenario.adversary.name;
  const all = [from, ...parties];
  const names = all.map((n) => shortName(state, n)).join(', ');
  const r = kind === undefined ? bot.random() : { basing: 0, intel: 0.4, joint: 0.6 }[kind];
  if (r < 0.35) {
    const host = parties.length === 1 ? parties[0]! : null;
    const regions = host ? hostRegions(state, host) : [];
    const named = regions.length && bot.chance(0.6) ? bot.sample(regions, 1) : [];
    const where =
      host === null
        ? 'the territory of each party'
        : named.length
          ? regionName(state, named[0]!)
          : `the territory of ${nationName(state, host)}`;
    const clauses: Clause[] = [
      {
        type: 'basing_access',
        title: host ? `Access for ${shortName(state, from)} forces to ${where}` : 'Reciprocal access and transit',
        text: host
          ? `${nationName(state, host)} grants the forces of ${nationName(state, from)} access to, transit through and temporary basing in ${where}, for the duration of the crisis with ${adversary}.`
          : `Each party grants the forces of the others access to, transit through and temporary basing in its territory, for the duration of the crisis with ${adversary}.`,
        regions: named,
      },
    ];
    if (bot.chance(0.5))
      clauses.push({
        type: 'consultation',
        title: 'Joint planning cell',
        text: 'The parties set up a joint planning cell and consult before any deployment under this agreement.',
      });
    return {
      title: host
        ? `${shortName(state, from)}–${shortName(state, host)} basing and access agreement`
        : `Basing and access agreement (${names})`,
      text: `Recalling the Treaty's provisions on transit and basing, and in view of the threat posed by ${adversary}, the parties agree as follows.`,
      clauses,
    };
  }
  if (r < 0.55) {
    const upTo = bot.pick(['CONFIDENTIAL', 'SECRET'] as const) ?? 'CONFIDENTIAL';
    const clauses: Clause[] = [
      {
        type: 'intel_sharing',
        title: `Reports up to ${upTo} releasable to the participants`,
        text: 'Reports of the participants up to the stated classification are releasable to the other participants; ORCON and NOFORN still apply.',
        upTo,
      },
    ];
    if (bot.chance(0.4))
      clauses.push({
        type: 'consultation',
        title: 'Joint assessment',
        text: 'Intelligence chiefs meet within six hours at the request of any participant.',
      });
    return {
      title: `Memorandum on intelligence sharing (${names})`,
      text: `The participants share intelligence on ${adversary} up to ${upTo}, respecting the originator's dissemination controls.`,
      clauses,
    };
  }
  if (r < 0.8) {
    const clauses: Clause[] = [
      {
        type: 'sanctions_coordination',
        title: 'Coordinated economic measures',
        text: `The parties adopt and enforce the same targeted measures against ${adversary} entities and share their costs.`,
      },
      {
        type: 'mutual_aid',
        title: 'Energy and infrastructure assistance',
        text: 'A party whose energy supply or critical infrastructure is disrupted receives priority assistance from the others.',
      },
    ];
    if (bot.chance(0.5))
      clauses.push({
        type: 'consultation',
        title: 'Common public line',
        text: 'The parties agree their public statements before issuing them.',
      });
    return {
      title: `Joint response to ${adversary} pressure`,
      text: `The parties condemn the actions of ${adversary}, coordinate their economic measures and stand ready to assist one another.`,
      clauses,
    };
  }
  const clauses: Clause[] = [
    {
      type: 'collective_defence',
      title: 'Assistance in case of attack',
      text: 'An armed attack on one party is an attack on all; each assists the party attacked with the means it deems necessary.',
    },
    {
      type: 'burden_sharing',
      title: 'Defence spending',
      text: 'Each party raises defence spending to the pledged share of its gross domestic product.',
      pledgePct: bot.pick([2, 2.5, 3]) ?? 2,
    },
  ];
  if (bot.chance(0.3))
    clauses.push({
      type: 'non_aggression',
      title: 'No separate arrangements',
      text: `No party threatens or uses force against another, nor concludes a separate arrangement with ${adversary} against another's interests.`,
    });
  return {
    title: 'Declaration on mutual defence and burden sharing',
    text: 'The parties reaffirm their commitment to one another and pledge the means to honour it.',
    clauses,
  };
}

/**
 * How an agreement's negotiation goes, by the order it was proposed in, so that a run shows
 * every path: signed by all; silence broken, amended and then kept; a majority with one party
 * against; a veto; silence kept to the deadline; amended before anyone signs. The timing is the
 * dice's.
 */
const STORIES = ['signed', 'silence_broken', 'majority_split', 'veto', 'silence_kept', 'amended'] as const;
type Story = (typeof STORIES)[number];
const RULE: Record<Story, AgreementRule> = {
  signed: 'consensus',
  silence_broken: 'silence',
  majority_split: 'majority',
  veto: 'consensus',
  silence_kept: 'silence',
  amended: 'consensus',
};
const storyAt = (index: number): Story => STORIES[index % STORIES.length]!;
const storyOf = (state: ExerciseState, a: AgreementRecord): Story => storyAt(state.agreementOrder.indexOf(a.id));
/** The party that holds out in a veto or a split: the last one besides the proposer. */
const holdout = (a: AgreementRecord): string | undefined => a.parties.filter((n) => n !== a.proposer).at(-1);

/** How many other parties a story wants, at least and at most. */
const PARTIES: Record<Story, readonly [number, number]> = {
  signed: [1, 2],
  silence_broken: [2, 4],
  majority_split: [2, 3],
  veto: [1, 3],
  silence_kept: [1, 4],
  amended: [1, 2],
};

/** The next version's changes: a paragraph added to the text, and sometimes a clause revised. */
function amendment(a: AgreementRecord, bot: BotContext): { text: string; clauses?: Clause[]; note: string } {
  const cur = currentVersion(a);
  const text = `${cur.text}\n\n${cur.number + 1}. ${bot.pick(AMENDMENTS) ?? AMENDMENTS[0]}`;
  const note = bot.pick(NOTES) ?? '';
  if (!bot.chance(0.4)) return { text, note };
  const clauses: Clause[] = cur.clauses.map((c) => {
    if (c.type === 'intel_sharing') return { ...c, upTo: c.upTo === 'SECRET' ? 'CONFIDENTIAL' : 'SECRET' };
    if (c.type === 'burden_sharing') return { ...c, pledgePct: c.pledgePct >= 3 ? 2 : c.pledgePct + 0.5 };
    return c;
  });
  if (clauses.length < 6 && bot.chance(0.5))
    clauses.push({
      type: 'consultation',
      title: `Review (version ${cur.number + 1})`,
      text: 'The parties consult on the implementation of this agreement every week.',
    });
  return { text, clauses, note };
}

const party = (nation: string) => ({ nation });

/** Signatures, rejections and broken silence on the open version, counted on a copy of its ballot. */
function onOpenVersion(a: AgreementRecord, story: Story, w: number, bot: BotContext): BotMove[] {
  const cur = currentVersion(a);
  let ballot: Ballot = cur.ballot;
  const moves: BotMove[] = [];
  const ref = { agreement: a.id, version: cur.number };
  const against = holdout(a);
  const reservations = () => (bot.chance(0.3) ? (bot.pick(RESERVATIONS) ?? '') : '');
  for (const n of bot.sample(a.parties, a.parties.length)) {
    if (Object.hasOwn(ballot.votes, n) || !bot.chance(0.45 * w)) continue;
    let stance: 'support' | 'oppose' | null = null;
    if (a.rule === 'silence') {
      // Breaking silence on the first version is the story's; the others mostly keep silent, which is consent.
      const breaker = story === 'silence_broken' && cur.number === 1 && n !== a.proposer;
      if (bot.chance(breaker ? 0.8 : 0.03)) {
        moves.push({ actor: party(n), command: { type: 'agreement.silence.break', ...ref, reason: bot.pick(BREAKS) ?? BREAKS[0]! } });
        stance = 'oppose';
      } else if (!breaker && bot.chance(0.15)) {
        moves.push({ actor: party(n), command: { type: 'agreement.sign', ...ref, reservations: reservations() } });
        stance = 'support';
      }
    } else if ((story === 'veto' || story === 'majority_split') && n === against) {
      moves.push({ actor: party(n), command: { type: 'agreement.reject', ...ref, reason: bot.pick(REJECTIONS) ?? REJECTIONS[0]! } });
      stance = 'oppose';
    } else {
      moves.push({ actor: party(n), command: { type: 'agreement.sign', ...ref, reservations: reservations() } });
      stance = 'support';
    }
    if (stance === null) continue;
    ballot = withVote(ballot, n, foreseen(stance));
    if (verdict(ballot, false)) break;
  }
  return moves;
}

/** Votes on the open motion, counted on a copy of its ballot. */
function onMotion(a: AgreementRecord, w: number, bot: BotContext): BotMove[] {
  const m = openMotion(a)!;
  let ballot = m.ballot;
  const moves: BotMove[] = [];
  for (const n of bot.sample(m.ballot.voters, m.ballot.voters.length)) {
    if (Object.hasOwn(ballot.votes, n) || !bot.chance(0.5 * w + 0.1)) continue;
    const stance = bot.chance(m.kind === 'resume' ? 0.9 : 0.8) ? 'support' : 'oppose';
    moves.push({
      actor: party(n),
      command: { type: 'agreement.motion.vote', agreement: a.id, stance, statement: bot.pick(VOTES[stance]) ?? '' },
    });
    ballot = withVote(ballot, n, foreseen(stance));
    if (verdict(ballot, false)) break;
  }
  return moves;
}

/** What the parties do with one agreement this round. */
function onAgreement(state: ExerciseState, a: AgreementRecord, w: number, bot: BotContext): BotMove[] {
  const cur = currentVersion(a);
  const story = storyOf(state, a);
  const index = state.agreementOrder.indexOf(a.id);
  if (a.status === 'negotiating') {
    const open = cur.closed === null;
    // Now and then a party gives up on the text; more often once silence has been broken twice.
    if (bot.chance((!open && a.versions.length >= 3 ? 0.3 : 0.01) * w)) {
      const n = bot.pick(a.parties);
      if (n !== undefined)
        return [{ actor: party(n), command: { type: 'agreement.withdraw', agreement: a.id, reason: bot.pick(WITHDRAWALS) ?? '' } }];
    }
    // Amendments: the story's (one or two before anyone signs), the redraft after silence is broken, and now and then one on a text that will be vetoed anyway.
    const wanted = story === 'amended' ? 2 + (index % 2) : 1;
    const p = !open ? 0.5 : a.versions.length < wanted ? 0.4 : story === 'veto' && a.versions.length < 3 ? 0.06 : 0;
    if (bot.chance(p * w)) {
      const n = bot.pick(a.parties);
      if (n !== undefined)
        return [{ actor: party(n), command: { type: 'agreement.amend', agreement: a.id, version: cur.number, ...amendment(a, bot) } }];
    }
    return open && a.versions.length >= wanted ? onOpenVersion(a, story, w, bot) : [];
  }
  if (a.status !== 'in_force' && a.status !== 'suspended') return [];
  if (openMotion(a)) return onMotion(a, w, bot);
  const bound = a.bound;
  if (a.status === 'in_force') {
    if (!a.published && bot.chance(0.25 * w)) {
      const n = bot.pick(bound);
      if (n !== undefined) return [{ actor: party(n), command: { type: 'agreement.publish', agreement: a.id } }];
    }
    // Under majority, a party that did not sign accedes to the text in force, or leaves it.
    const n = bot.pick(a.parties.filter((x) => !bound.includes(x)));
    if (a.rule === 'majority' && a.inForce?.version === cur.number && n !== undefined && bot.chance(0.3 * w)) {
      if (index % 2 === 0)
        return [
          {
            actor: party(n),
            command: { type: 'agreement.withdraw', agreement: a.id, reason: 'We did not sign this text and will not accede to it.' },
          },
        ];
      const reservations = bot.chance(0.5) ? (bot.pick(RESERVATIONS) ?? '') : '';
      return [{ actor: party(n), command: { type: 'agreement.sign', agreement: a.id, version: cur.number, reservations } }];
    }
  }
  // Motions, from the turn after entry into force: a text signed by all is suspended and later
  // resumed, a text kept under silence terminated; any other now and then.
  const later = (a.inForce?.turn ?? state.turn) < state.turn;
  const motion =
    a.status === 'suspended'
      ? bot.chance(0.25 * w)
        ? bot.chance(0.8)
          ? 'resume'
          : 'terminate'
        : null
      : later && bot.chance((story === 'signed' || story === 'silence_kept' ? 0.25 : 0.02) * w)
        ? story === 'silence_kept'
          ? 'terminate'
          : 'suspend'
        : null;
  const mover = bot.pick(bound);
  if (motion && mover !== undefined) {
    const deadline = a.rule !== 'silence' && bot.chance(0.5) ? deadlineAfter(state, currentPosition(state), bot) : null;
    return [
      {
        actor: party(mover),
        command: {
          type: 'agreement.motion',
          agreement: a.id,
          motion,
          reason: bot.pick(MOTIONS[motion]) ?? motion,
          ...(deadline ? { deadline } : {}),
        },
      },
    ];
  }
  // A bound party leaves now and then (with three or more bound, the others stay bound).
  if (bound.length > 2 && mover !== undefined && bot.chance(0.01 * w))
    return [{ actor: party(mover), command: { type: 'agreement.withdraw', agreement: a.id, reason: bot.pick(WITHDRAWALS) ?? '' } }];
  return [];
}

export function negotiationBot(state: ExerciseState, bot: BotContext): BotMove[] {
  if (state.status !== 'running' && state.status !== 'paused') return [];
  const w = weightOf(bot);
  if (w === 0) return [];
  const moves: BotMove[] = [];

  // Exercise control gives a slow negotiation more time, once: when its deadline falls due today
  // and some have not answered (silence always waits). Most often for a text kept under silence
  // and for one still being amended.
  for (const id of state.agreementOrder) {
    const a = state.agreements[id];
    const p = a && pendingDeadline(a);
    if (!a || !p || a.extensions.length > 0 || p.deadline.turn !== state.turn) continue;
    const waiting = p.of === 'motion' ? openMotion(a)!.ballot : currentVersion(a).ballot;
    const silent = waiting.rule === 'silence' || waiting.voters.some((n) => !Object.hasOwn(waiting.votes, n));
    const story = storyOf(state, a);
    if (!silent || !bot.chance((story === 'silence_kept' || story === 'amended' ? 0.5 : 0.15) * w)) continue;
    const deadline = deadlineAfter(state, positionOfDeadline(state, p.deadline), bot);
    if (deadline) moves.push({ actor: 'control', command: { type: 'agreement.extend', agreement: a.id, deadline } });
  }

  for (const id of state.agreementOrder) {
    const a = state.agreements[id];
    if (a && !isFinal(a.status)) moves.push(...onAgreement(state, a, w, bot));
  }

  // A new proposal now and then, while only a few are on the table: what an inject asked for
  // when there is such a request, else of a nation's own choosing.
  const nations = Object.keys(state.nations);
  const negotiating = state.agreementOrder.filter((id) => state.agreements[id]?.status === 'negotiating').length;
  const proposing = negotiating < Math.max(2, nations.length - 1) && bot.chance((negotiating === 0 ? 0.55 : 0.35) * w);
  const story = storyAt(state.agreementOrder.length);
  // A request for a text between two nations does not suit a majority with a holdout.
  const asked = proposing && bot.chance(0.6) ? requested(state, bot) : null;
  const request = asked && (story !== 'majority_split' || asked.parties.length >= 2) ? asked : null;
  // A nation puts one text of its own choosing on the table in a turn at most.
  const fresh = nations.filter(
    (n) =>
      !state.agreementOrder.some((a) => {
        const r = state.agreements[a];
        return r !== undefined && r.proposer === n && r.turn === state.turn;
      }),
  );
  const from = request?.from ?? (proposing ? bot.pick(fresh) : undefined);
  const others = nations.filter((n) => n !== from);
  if (from !== undefined && others.length) {
    const [lo, hi] = PARTIES[story];
    const parties = request?.parties ?? bot.sample(others, bot.int(Math.min(lo, others.length), Math.min(hi, others.length)));
    // A majority of two is unanimity: with one partner, the split story is an ordinary consensus.
    const rule = story === 'majority_split' && parties.length < 2 ? 'consensus' : RULE[story];
    // Silence runs to the next consultation phase at least when it is to be broken, so that there is time to break it;
    // a signature deadline comes with the amended story (which may lapse, or be extended).
    const later = story === 'silence_broken' || story === 'amended' || (rule === 'silence' && bot.chance(0.5));
    const deadline = later ? deadlineAfter(state, currentPosition(state), bot) : null;
    moves.push({
      actor: party(from),
      command: {
        type: 'agreement.propose',
        ...proposalText(state, from, parties, bot, request?.kind),
        parties,
        rule,
        ...(deadline ? { deadline } : {}),
      },
    });
  }
  return moves;
}

/**
 * A proposal an inject released this turn asks of a nation it reached: its expected action reads
 * "Calvaria proposes a basing agreement to Orvania", "Lindmark or Arlenia proposes a bilateral
 * intelligence-sharing agreement", "Calvaria proposes a trilateral agreement with a mutual-aid
 * clause". The parties are the nation named after "to", else the inject's other addressees (and
 * the other nation named). Not when those nations already have a text from this turn.
 */
function requested(state: ExerciseState, bot: BotContext): { from: string; parties: string[]; kind: Kind } | null {
  const byName = new Map(Object.keys(state.nations).map((n) => [shortName(state, n), n]));
  const name = [...byName.keys()].map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  if (!name) return null;
  const pattern = new RegExp(`\\b((?:${name})(?: or (?:${name}))?) proposes (?:to (${name}) )?an? ([\\w -]*?)agreement(?: to (${name}))?`);
  const found: { from: string; parties: string[]; kind: Kind }[] = [];
  /** Whether these nations already have a text on the table from this turn (the same request, answered by either). */
  const proposedThisTurn = (among: readonly string[]) =>
    state.agreementOrder.some((a) => {
      const r = state.agreements[a];
      return r !== undefined && r.turn === state.turn && among.every((n) => r.parties.includes(n));
    });
  for (const id of state.injectOrder) {
    const x = state.injects[id];
    if (x?.status !== 'released' || x.releasedTurn !== state.turn) continue;
    const m = pattern.exec(x.def.expectedAction);
    if (!m) continue;
    const what = `${m[3] ?? ''}${x.def.expectedAction.slice(m.index + m[0].length, m.index + m[0].length + 40)}`;
    const kind: Kind = /basing/.test(what) ? 'basing' : /intelligence/.test(what) ? 'intel' : 'joint';
    const named = (m[1] ?? '').split(' or ').map((n) => byName.get(n) ?? '');
    const to = byName.get(m[2] ?? m[4] ?? '');
    for (const from of named) {
      if (!from || !addressedTo(x.def, from)) continue;
      const parties = to ? [to] : [...new Set([...named, ...x.def.to])].filter((n) => n !== from && Object.hasOwn(state.nations, n));
      if (parties.length && !proposedThisTurn([from, ...parties])) found.push({ from, parties, kind });
    }
  }
  return bot.pick(found) ?? null;
}
