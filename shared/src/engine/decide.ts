/**
 * decide(state, envelope) -> events | rejection. Parses the untrusted command, checks the
 * sender's role, and hands it to the concern that owns it. Pure: no clock, no randomness, no I/O,
 * and the state is never modified.
 */
import { Command, commandInfo, COMMAND_TYPES, type CommandType } from './commands.ts';
import { reject, type Actor, type Rejection } from './envelope.ts';
import type { EngineEvent } from './events.ts';
import type { EventBody, Handlers } from './handlers.ts';
import type { Ctx } from './define.ts';
import type { ExerciseState } from './state.ts';
import { commandKey, lookupCommand } from './command-log.ts';
import { formatPath } from '../scenario/validate.ts';
import { lifecycleHandlers } from './lifecycle/decide.ts';
import { turnHandlers } from './turns/decide.ts';
import { injectHandlers } from './injects/decide.ts';
import { messagingHandlers } from './messaging/decide.ts';
import { actionHandlers } from './actions/decide.ts';
import { adjudicationHandlers } from './adjudication/decide.ts';
import { evaluationHandlers } from './evaluation/decide.ts';

const handlers: Handlers<CommandType> = {
  ...lifecycleHandlers,
  ...turnHandlers,
  ...injectHandlers,
  ...messagingHandlers,
  ...actionHandlers,
  ...adjudicationHandlers,
  ...evaluationHandlers,
};

export interface CommandEnvelope {
  /** Untrusted: exactly what the client sent. */
  command: unknown;
  /** Trusted: established by authentication. */
  actor: Actor;
  /** Server time in ms since the epoch. */
  at: number;
}

export type Decision =
  | { ok: true; events: EngineEvent[]; duplicate: false }
  /** The command id was already applied: nothing new happens, the original events are named. */
  | { ok: true; events: []; duplicate: true; seqs: [number, number] }
  | { ok: false; rejection: Rejection };

export const GENERAL_REJECTIONS = {
  malformed: 'The command does not match its schema; the path names the field.',
  unknown_command: 'No command has that type.',
  forbidden: "The sender's role may not send this command.",
  not_started: 'The exercise has not started.',
  paused: 'The exercise is paused.',
  ended: 'The exercise has ended.',
} as const;

export function parseCommand(input: unknown): { ok: true; command: Command } | { ok: false; rejection: Rejection } {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return { ok: false, rejection: reject('malformed', 'A command must be a JSON object with "id" and "type".', '(root)') };
  const type = (input as { type?: unknown }).type;
  if (typeof type !== 'string') return { ok: false, rejection: reject('malformed', 'The command has no "type".', 'type') };
  if (!(COMMAND_TYPES as string[]).includes(type))
    return { ok: false, rejection: reject('unknown_command', `There is no command "${type.slice(0, 80)}".`, 'type') };
  const parsed = Command.safeParse(input);
  if (parsed.success) return { ok: true, command: parsed.data };
  const issue = parsed.error.issues[0]!;
  const parts = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  // An unknown field is reported on its parent object; name the field itself.
  if (issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined) parts.push(issue.keys[0]);
  const path = formatPath(parts);
  return { ok: false, rejection: reject('malformed', `${type}: ${path}: ${issue.message}`, path) };
}

export function decide(state: ExerciseState, envelope: CommandEnvelope): Decision {
  const parsed = parseCommand(envelope.command);
  if (!parsed.ok) return parsed;
  return decideParsed(state, { ...envelope, command: parsed.command });
}

/** decide() for a command already parsed with `parseCommand` (the room validates on arrival). */
export function decideParsed(state: ExerciseState, envelope: CommandEnvelope & { command: Command }): Decision {
  const { command: cmd, actor, at } = envelope;

  const info = commandInfo[cmd.type];
  if (!info.roles.includes(actor.role))
    return {
      ok: false,
      rejection: reject(
        'forbidden',
        `A${actor.role === 'evaluator' || actor.role === 'observer' ? 'n' : ''} ${actor.role} cannot send "${cmd.type}" (allowed: ${info.roles.join(', ')}).`,
      ),
    };
  if (actor.role === 'nation' && (actor.nation === null || !Object.hasOwn(state.nations, actor.nation)))
    return { ok: false, rejection: reject('forbidden', `"${actor.nation}" is not a nation in this exercise.`) };

  // After the role checks, so a sender who may not send the command is refused even when it
  // reuses an id that was applied (it must not learn that command's events).
  const prior = lookupCommand(state.commands, commandKey(actor, cmd.id));
  if (prior) return { ok: true, events: [], duplicate: true, seqs: prior };

  const handler = handlers[cmd.type] as (s: ExerciseState, c: Command, ctx: Ctx) => EventBody[] | Rejection;
  const result = handler(state, cmd, { actor, at, cmd: cmd.id });
  if (!Array.isArray(result)) return { ok: false, rejection: result };
  const events = result.map((body, i) => ({ ...body, seq: state.seq + 1 + i, at, cmd: cmd.id, by: actor }));
  return { ok: true, events, duplicate: false };
}
