/** Helpers every engine concern uses to declare its commands, events and guards. */
import { z } from 'zod';
import type { PhaseId } from '../common.ts';
import { CommandId, EventMeta, reject, type Actor, type Rejection, type Role } from './envelope.ts';
import { currentPhase, type ExerciseState } from './state.ts';

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

export interface Ctx {
  actor: Actor;
  at: number;
  cmd: string;
}

/** Who may send a command and what it may be refused for; used for checks and for the docs. */
export interface CommandInfo {
  roles: readonly Role[];
  summary: string;
  rejections: Readonly<Record<string, string>>;
}

// Guards shared by the concerns. Each returns a rejection or null.

export function requireRunning(state: ExerciseState, opts: { allowPaused?: boolean } = {}): Rejection | null {
  switch (state.status) {
    case 'setup':
      return reject('not_started', 'The exercise has not started yet.');
    case 'ended':
      return reject('ended', 'The exercise has ended.');
    case 'paused':
      return opts.allowPaused ? null : reject('paused', 'The exercise is paused by exercise control.');
    case 'running':
      return null;
  }
}

export function requirePhase(state: ExerciseState, phases: readonly PhaseId[], what: string): Rejection | null {
  const phase = currentPhase(state);
  if (phase !== null && phases.includes(phase)) return null;
  // A scenario without any of these phases does not restrict the command to a phase.
  if (phase !== null && !state.scenario.clock.phases.some((p) => phases.includes(p.id))) return null;
  const labels = state.scenario.clock.phases.filter((p) => phases.includes(p.id)).map((p) => `"${p.label}"`);
  return reject(
    'wrong_phase',
    `${what} only during the ${labels.join(' or ') || phases.join(' or ')} phase; it is now ${phase === null ? 'before the start' : `"${state.scenario.clock.phases[state.phaseIndex]?.label}"`}.`,
  );
}

export const isAllied = (state: ExerciseState, nation: string): boolean => Object.hasOwn(state.nations, nation);
