/**
 * Ballots: how a group of nations decides, by a decision rule. Agreements (signing a version, a
 * motion to suspend or terminate) and treaty consultations both settle through this one function.
 *
 * - consensus: anyone can veto. Adopted when every voter has supported (or abstained, with at
 *   least one support) and nobody opposed; declined at the first opposition, or at the deadline
 *   while anyone has not answered.
 * - majority: adopted when more than half the voters support; declined once that can no longer
 *   happen, or at the deadline.
 * - silence: adopted at the deadline unless a voter breaks silence (opposes) before it.
 * - unilateral: each voter answers for itself; the ballot is adopted as soon as it opens (the
 *   invoking nation's right), and answers are recorded until the deadline.
 *
 * Whether an attack is an armed attack is never decided here: the voters decide it by voting.
 */
import { z } from 'zod';
import type { GameDeadline } from './turns/gametime.ts';

export const Stance = z.enum(['support', 'oppose', 'abstain']);
export type Stance = z.infer<typeof Stance>;
export const BallotRule = z.enum(['consensus', 'majority', 'silence', 'unilateral']);
export type BallotRule = z.infer<typeof BallotRule>;

export interface Vote {
  readonly stance: Stance;
  readonly statement: string;
  readonly reservations: string;
  /** Who cast it: the seat's position and name. */
  readonly position: string | null;
  readonly name: string;
  readonly seq: number;
  readonly at: number;
  readonly turn: number;
}

export interface Ballot {
  readonly rule: BallotRule;
  readonly voters: readonly string[];
  readonly votes: Readonly<Record<string, Vote>>;
  readonly deadline: GameDeadline | null;
}

export type Result = 'adopted' | 'declined';
export interface Verdict {
  readonly result: Result;
  readonly reason: string;
}

/** The tally: who supported, opposed, abstained and has not answered, each in voter order. */
export function tally(b: Ballot): Record<Stance | 'silent', string[]> {
  const out: Record<Stance | 'silent', string[]> = { support: [], oppose: [], abstain: [], silent: [] };
  for (const n of b.voters) out[Object.hasOwn(b.votes, n) ? b.votes[n]!.stance : 'silent'].push(n);
  return out;
}

const list = (xs: readonly string[]): string => xs.join(', ');

/**
 * The verdict of a ballot now, or null while it is still open. `final` is true at the deadline:
 * what has not happened by then never will.
 */
export function verdict(b: Ballot, final: boolean): Verdict | null {
  const t = tally(b);
  const n = b.voters.length;
  switch (b.rule) {
    case 'unilateral':
      return { result: 'adopted', reason: 'Each party answers for itself: the clause applies from its invocation.' };
    case 'silence':
      if (t.oppose.length > 0) return { result: 'declined', reason: `Silence broken by ${list(t.oppose)}.` };
      return final ? { result: 'adopted', reason: 'Nobody broke silence before the deadline.' } : null;
    case 'consensus':
      if (t.oppose.length > 0) return { result: 'declined', reason: `Vetoed by ${list(t.oppose)}.` };
      if (t.silent.length === 0 && t.support.length > 0) return { result: 'adopted', reason: 'Consensus: no party objected.' };
      if (t.silent.length === 0) return { result: 'declined', reason: 'Every party abstained.' };
      return final ? { result: 'declined', reason: `No consensus by the deadline: ${list(t.silent)} did not answer.` } : null;
    case 'majority': {
      if (t.support.length * 2 > n) return { result: 'adopted', reason: `Majority: ${t.support.length} of ${n} in favour.` };
      if ((t.support.length + t.silent.length) * 2 <= n)
        return { result: 'declined', reason: `No majority: ${t.support.length} of ${n} in favour, and too few left to answer.` };
      return final ? { result: 'declined', reason: `No majority by the deadline: ${t.support.length} of ${n} in favour.` } : null;
    }
  }
}

/** A ballot with one more vote (a voter's later vote replaces its earlier one). */
export const withVote = (b: Ballot, nation: string, vote: Vote): Ballot => ({ ...b, votes: { ...b.votes, [nation]: vote } });

/** A ballot without a voter who has left (its vote is dropped). */
export function withoutVoter(b: Ballot, nation: string): Ballot {
  const votes = { ...b.votes };
  delete votes[nation];
  return { ...b, voters: b.voters.filter((v) => v !== nation), votes };
}

/** A vote as `decide` foresees it, to compute a verdict before the event exists (evolve records the real one). */
export const foreseen = (stance: Stance): Vote => ({
  stance,
  statement: '',
  reservations: '',
  position: null,
  name: '',
  seq: 0,
  at: 0,
  turn: 0,
});
