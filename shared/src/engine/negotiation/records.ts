/** What the state keeps of an agreement: every version with its ballot, the parties, the settlement and the motions. */
import type { Ballot, Result } from '../ballot.ts';
import type { AgreementClause, AgreementRule, Motion } from './commands.ts';
import type { SettledOutcome } from './events.ts';
import type { GameDeadline } from '../turns/gametime.ts';

export interface Stamp {
  readonly seq: number;
  readonly at: number;
  readonly turn: number;
}
export interface Author {
  readonly nation: string;
  readonly position: string | null;
  readonly name: string;
}

export interface AgreementVersion extends Stamp {
  readonly number: number;
  readonly title: string;
  readonly text: string;
  readonly clauses: readonly AgreementClause[];
  readonly author: Author;
  readonly note: string;
  /** Signatures (support), rejections and broken silence (oppose) on this version. */
  readonly ballot: Ballot;
  /** Set once this version's ballot is settled; a later version supersedes an open one. */
  readonly closed: { readonly result: Result; readonly reason: string } | null;
}

export interface MotionRecord extends Stamp {
  readonly kind: Motion;
  readonly mover: Author;
  readonly reason: string;
  readonly ballot: Ballot;
  readonly result: (Stamp & { readonly result: Result; readonly reason: string }) | null;
}

export type AgreementStatus = 'negotiating' | 'in_force' | 'suspended' | 'rejected' | 'lapsed' | 'abandoned' | 'terminated';

export interface AgreementRecord extends Stamp {
  readonly id: string;
  readonly proposer: string;
  readonly rule: AgreementRule;
  /** The parties now, sorted. */
  readonly parties: readonly string[];
  /** Parties that withdrew, with when: a former party still sees the agreement as it was when it left. */
  readonly withdrawn: readonly (Stamp & { readonly nation: string; readonly reason: string })[];
  readonly status: AgreementStatus;
  readonly versions: readonly AgreementVersion[];
  /** The parties bound by it while in force or suspended (signatories, or every party under silence). */
  readonly bound: readonly string[];
  /** The version in force, and since when. */
  readonly inForce: (Stamp & { readonly version: number }) | null;
  /** Every settlement, in order (silence can be broken and run again). */
  readonly settlements: readonly (Stamp & { readonly version: number; readonly outcome: SettledOutcome; readonly reason: string })[];
  readonly motions: readonly MotionRecord[];
  readonly published: Stamp | null;
  /** Deadlines control moved: of a version's ballot (its number) or a motion's (its seq), from what to what. */
  readonly extensions: readonly (Stamp & {
    readonly of: 'signature' | 'motion';
    readonly target: number;
    readonly from: GameDeadline | null;
    readonly deadline: GameDeadline;
  })[];
}

export const currentVersion = (a: AgreementRecord): AgreementVersion => a.versions[a.versions.length - 1]!;
export const openMotion = (a: AgreementRecord): MotionRecord | null => {
  const m = a.motions.at(-1);
  return m && m.result === null ? m : null;
};
export const isFinal = (s: AgreementStatus): boolean => s === 'rejected' || s === 'lapsed' || s === 'abandoned' || s === 'terminated';
/** An agreement acts in the game (basing, intelligence) only while in force. */
export const inForce = (a: AgreementRecord): boolean => a.status === 'in_force';
