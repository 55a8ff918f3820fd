/**
 * decide(state, envelope) -> events | rejection. Parses the untrusted command, checks the sender's
 * role and the command's declared guards (status, phase), and hands it to the concern that owns it.
 * Pure: no clock, no randomness, no I/O, and the state is never modified.
 */
import { Command, commandInfo, COMMAND_TYPES, type CommandType } from './commands.ts';
import { reject, type Actor, type Rejection } from './envelope.ts';
import type { EngineEvent } from './events.ts';
import { GENERAL_REJECTIONS, requirePhase, requireStatus, type Ctx, type EventBody, type NationCtx } from './define.ts';
import type { ExerciseState } from './state.ts';
import type { PhaseId } from '../common.ts';
import { commandKey, lookupCommand } from './command-log.ts';
import { formatPath } from '../scenario/validate.ts';
import { lazyTable, withReactions } from './registry.ts';

export { GENERAL_REJECTIONS };

type AnyHandler = (state: ExerciseState, cmd: Command, ctx: Ctx | NationCtx) => EventBody[] | Rejection;
const handlers = lazyTable<AnyHandler>((c) => c.handlers, 'handle');
function handlerOf(type: CommandType): AnyHandler {
  const handler = handlers().get(type);
  if (!handler) throw new Error(`no handler for "${type}"`);
  return handler;
}

export interface CommandEnvelope {
  /** Untrusted: exactly what the client sent. */
  command: unknown;
  /** Trusted: established by authentication (or the system actor, from the host's clock). */
  actor: Actor;
  /** Server time in ms since the epoch. */
  at: number;
}

export type Decision =
  | { ok: true; events: EngineEvent[]; duplicate: false }
  /** The command id was already applied: nothing new happens, the original events are named. */
  | { ok: true; events: []; duplicate: true; seqs: [number, number] }
  | { ok: false; rejection: Rejection };

export function parseCommand(input: unknown): { ok: true; command: Command } | { ok: false; rejection: Rejection } {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return { ok: false, rejection: reject('malformed', 'A command must be a JSON object with "id" and "type".', '(root)') };
  const type = (input as { type?: unknown }).type;
  if (typeof type !== 'string') return { ok: false, rejection: reject('malformed', 'The command has no "type".', 'type') };
  if (!(COMMAND_TYPES as string[]).includes(type))
    return { ok: false, rejection: reject('unknown_command', `There is no command "${type.slice(0, 80)}".`, 'type') };
  const parsed = Command.safeParse(input);
  if (parsed.success) return { ok: true, command: parsed.data };
  const issue = parsed.error.issues[0];
  if (!issue) return { ok: false, rejection: reject('malformed', `${type}: the command does not match its schema.`, '(root)') };
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

const article = (role: string) => (/^[aeiou]/.test(role) ? 'An' : 'A');

/** decide() for a command already parsed with `parseCommand` (the room validates on arrival). */
export function decideParsed(state: ExerciseState, envelope: CommandEnvelope & { command: Command }): Decision {
  const { command: cmd, actor, at } = envelope;

  const info = commandInfo[cmd.type];
  if (!info.roles.includes(actor.role)) {
    const allowed = info.roles.filter((r) => r !== 'system');
    const message =
      allowed.length === 0
        ? `"${cmd.type}" is sent only by the exercise clock.`
        : `${article(actor.role)} ${actor.role} cannot send "${cmd.type}" (allowed: ${allowed.join(', ')}).`;
    return { ok: false, rejection: reject('forbidden', message) };
  }
  if (actor.role === 'nation' && (actor.nation === null || !Object.hasOwn(state.nations, actor.nation)))
    return { ok: false, rejection: reject('forbidden', 'Your seat is not a nation in this exercise.') };

  // After the role checks, so a sender who may not send the command is refused even when it
  // reuses an id that was applied (it must not learn that command's events).
  const prior = lookupCommand(state.commands, commandKey(actor, cmd.id));
  if (prior) return { ok: true, events: [], duplicate: true, seqs: prior };

  const guard = (info.status && requireStatus(state, info.status)) ?? phaseGuard(state, info.phases?.[actor.role], info.phaseWhat);
  if (guard) return { ok: false, rejection: guard };

  const ctx: Ctx | NationCtx =
    actor.role === 'nation' && actor.nation !== null ? { actor, at, cmd: cmd.id, nation: actor.nation } : { actor, at, cmd: cmd.id };
  const result = handlerOf(cmd.type)(state, cmd, ctx);
  if (!Array.isArray(result)) return { ok: false, rejection: result };
  const events = withReactions(state, result, { actor, at, base: state.seq + 1 }).map((body, i) => ({
    ...body,
    seq: state.seq + 1 + i,
    at,
    cmd: cmd.id,
    by: actor,
  }));
  return { ok: true, events, duplicate: false };
}

function phaseGuard(state: ExerciseState, phases: readonly PhaseId[] | undefined, what: string | undefined): Rejection | null {
  return phases ? requirePhase(state, phases, what ?? 'This can be done') : null;
}
