/**
 * The shape of an engine concern, and the helpers every concern uses to declare its commands,
 * events and guards.
 *
 * A concern is one object (`defineConcern`): its command schemas with their info records (roles,
 * summary, documented refusals, declarative guards), its handlers, its event schemas and evolvers,
 * its initial state slice and the collections that slice holds, and optional hooks (phase entry,
 * due times, simulation bots, upcasters). `concerns.ts` lists them; every registry the engine, the
 * protocol docs, the simulation and the tests use is derived from that list.
 *
 * Refusal codes are a closed set per command: a handler's return type only admits a code from its
 * command's `rejections` or one of the general codes below, so no code ships undocumented.
 */
import { z } from 'zod';
import type { PhaseId } from '../common.ts';
import type { Scenario } from '../scenario/schema.ts';
import { CommandId, EventMeta, reject, type Actor, type Rejection, type Role } from './envelope.ts';
import { currentPhase, type ExerciseState, type ExerciseStatus } from './state.ts';
import type { EngineEvent } from './events.ts';
import type { Upcaster } from './versioning.ts';
import type { CommandDraft } from './commands.ts';

/** A wire command: `{ id, type, ...payload }`. Objects are strict: unknown fields are refused. */
export function command<T extends string, S extends z.ZodRawShape>(type: T, shape: S) {
  return z.strictObject({ id: CommandId, type: z.literal(type), ...shape });
}

/** A logged event: the metadata every event carries, its type, and its data. */
export function event<T extends string, S extends z.ZodRawShape>(type: T, shape: S) {
  return z.strictObject({ ...EventMeta, type: z.literal(type), ...shape });
}

/** The part of an event that `decide` produces; the dispatcher stamps seq, at, cmd and by. */
export type Body<E> = E extends unknown ? Omit<E, 'seq' | 'at' | 'cmd' | 'by'> : never;
export type EventBody = Body<EngineEvent>;

/** Codes any command may be refused with, each with its meaning. The dispatcher and the guards use them. */
export const GENERAL_REJECTIONS = {
  malformed: 'The command does not match its schema; the path names the field.',
  unknown_command: 'No command has that type.',
  forbidden: "The sender's role may not send this command.",
  not_started: 'The exercise has not started.',
  paused: 'The exercise is paused.',
  ended: 'The exercise has ended.',
  wrong_phase: 'The command is not allowed in the current phase.',
  not_found: 'Nothing by that id is visible to the sender. The answer is the same whether it does not exist or is hidden from the sender.',
} as const;
export type GeneralCode = keyof typeof GENERAL_REJECTIONS;

export interface Ctx {
  actor: Actor;
  at: number;
  cmd: string;
}
/** The context of a command only nations send: the sender's nation is proven by the dispatcher. */
export interface NationCtx extends Ctx {
  nation: string;
}

/** Who may send a command, what it may be refused for, and when it is allowed; used for checks and for the docs. */
export interface CommandInfo {
  roles: readonly Role[];
  summary: string;
  rejections: Readonly<Record<string, string>>;
  /**
   * The exercise statuses in which the command is allowed; absent means any. The dispatcher
   * refuses with `not_started`, `paused` or `ended` otherwise.
   */
  status?: readonly ExerciseStatus[];
  /** Per role, the phases in which that role may send it (a scenario without any of them does not restrict). */
  phases?: Partial<Readonly<Record<Role, readonly PhaseId[]>>>;
  /** Words for the phase refusal: "Actions can be submitted" only during… */
  phaseWhat?: string;
}

/** The statuses most commands use. */
export const RUNNING: readonly ExerciseStatus[] = ['running'];
export const LIVE: readonly ExerciseStatus[] = ['running', 'paused'];

type AnyCommandSchema = z.ZodType<{ type: string; id: string }>;
type AnyEventSchema = z.ZodType<{ type: string }>;
type CommandOf<Cs extends readonly AnyCommandSchema[], T> = Extract<z.infer<Cs[number]>, { type: T }>;
type CtxFor<I> = I extends { roles: readonly (infer R)[] } ? ([R] extends ['nation'] ? NationCtx : Ctx) : Ctx;
type CodesOf<I> = I extends { rejections: infer R } ? Extract<keyof R, string> : never;

/** One handler per command: the command's own type in, events or a documented refusal out. */
export type HandlersFor<Cs extends readonly AnyCommandSchema[], I extends Record<z.infer<Cs[number]>['type'], CommandInfo>> = {
  [T in z.infer<Cs[number]>['type']]: (
    state: ExerciseState,
    cmd: CommandOf<Cs, T>,
    ctx: CtxFor<I[T]>,
  ) => EventBody[] | Rejection<CodesOf<I[T]> | GeneralCode>;
};

/** One evolver per event: bookkeeping only, no rules. */
export type EvolversFor<Es extends readonly AnyEventSchema[]> = {
  [T in Exclude<z.infer<Es[number]>['type'], 'exercise.created'>]: (
    state: ExerciseState,
    event: Extract<z.infer<Es[number]>, { type: T }>,
  ) => void;
};

/** Something a concern has due at a time: the host submits `clock.tick` as the system actor when it comes. */
export interface Due {
  at: number;
  /** Who or what is due, for the log and the countdown ("Phase deadline: Submit actions"). */
  what: string;
}

/**
 * Who sent the command the reactions follow, and when: a rule may need the sender (who vetoed a
 * consensus: the events of a vote name the voter only through the envelope's `by`). `base` is the
 * seq the first event of the command will get, so a reaction can cite the event it follows by seq
 * (events are numbered in order: the handler's, then the reactions').
 */
export interface ReactCtx {
  actor: Actor;
  at: number;
  base: number;
}

/** A move a simulation bot may make: a command draft, sent by the actor named. */
export interface BotMove {
  /** Exercise control, an evaluator, or a seat of the nation (the driver picks the position). */
  actor: 'control' | 'evaluator' | { nation: string };
  command: CommandDraft;
}
export interface BotContext {
  /** Uniform in [0, 1), from the simulation's own seeded generator. */
  random(): number;
  pick<T>(items: readonly T[]): T | undefined;
  /** An integer in [lo, hi], true with probability p, and n distinct items: from the same generator. */
  int(lo: number, hi: number): number;
  chance(p: number): boolean;
  sample<T>(items: readonly T[], n: number): T[];
  /** The phase now, as the bots see it. */
  phase: PhaseId | null;
}

export interface Concern<
  Cs extends readonly AnyCommandSchema[] = readonly AnyCommandSchema[],
  Es extends readonly AnyEventSchema[] = readonly AnyEventSchema[],
  I extends Record<z.infer<Cs[number]>['type'], CommandInfo> = Record<z.infer<Cs[number]>['type'], CommandInfo>,
  S extends object = object,
> {
  /** The folder's name, used in the docs and the client's panel registry. */
  name: string;
  /** One line for the protocol reference. */
  summary: string;
  commands: Cs;
  info: I;
  handlers: HandlersFor<Cs, I>;
  events: Es;
  evolvers: EvolversFor<Es>;
  /** This concern's slice of the state, from the scenario. */
  initial: (scenario: Scenario) => S;
  /**
   * Which keys of the slice hold collections (records or lists). Snapshots copy these shells and
   * share the (immutable) records inside; everything else in the slice must be a primitive or an
   * immutable value that evolvers replace.
   */
  collections: readonly (keyof S & string)[];
  /** Events to add when a phase is entered (not on a restart), in list order of the concerns. */
  onPhaseEnter?: (state: ExerciseState, entering: { turn: number; phaseIndex: number; at: number }) => EventBody[];
  /** The next thing this concern has due, if any; evaluated on the state after every event. */
  nextDue?: (state: ExerciseState) => Due | null;
  /** The events when that time comes (`clock.tick` at `at`): only what `nextDue` named. */
  onDue?: (state: ExerciseState, at: number) => EventBody[];
  /**
   * Events this concern adds in response to a command's events (the handler's, then the reactions
   * of the concerns before it in the list), read against the state before the command. How one
   * concern's rule follows another's fact without either knowing the other's handlers: a carried
   * report is released with its inject, a shared report raises trust, an outcome moves escalation.
   */
  react?: (state: ExerciseState, events: readonly EventBody[], ctx: ReactCtx) => EventBody[];
  /** Steps that upgrade this concern's events from older log formats (see versioning.ts). */
  upcasters?: readonly Upcaster[];
  /** Moves the simulation bots may make in the current state. */
  bot?: (state: ExerciseState, bot: BotContext) => BotMove[];
}

// Guards the dispatcher applies from the info record; handlers may call them for conditional cases.

export function requireStatus(state: ExerciseState, allowed: readonly ExerciseStatus[]): Rejection<GeneralCode> | null {
  if (allowed.includes(state.status)) return null;
  switch (state.status) {
    case 'setup':
      return reject('not_started', 'The exercise has not started yet.');
    case 'ended':
      return reject('ended', 'The exercise has ended.');
    case 'paused':
      return reject('paused', 'The exercise is paused by exercise control.');
    case 'running':
      return reject('not_started', 'The exercise is already running.');
  }
}

export function requirePhase(state: ExerciseState, phases: readonly PhaseId[], what: string): Rejection<'wrong_phase'> | null {
  const phase = currentPhase(state);
  if (phase !== null && phases.includes(phase)) return null;
  // A scenario without any of these phases does not restrict the command to a phase.
  if (phase !== null && !state.scenario.clock.phases.some((p) => phases.includes(p.id))) return null;
  const labels = state.scenario.clock.phases.filter((p) => phases.includes(p.id)).map((p) => `"${p.label}"`);
  const now = phase === null ? 'before the start' : `"${state.scenario.clock.phases[state.phaseIndex]?.label ?? phase}"`;
  return reject('wrong_phase', `${what} only during the ${labels.join(' or ') || phases.join(' or ')} phase; it is now ${now}.`);
}

export const isAllied = (state: ExerciseState, nation: string): boolean => Object.hasOwn(state.nations, nation);
