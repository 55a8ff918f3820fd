/** Every command of every concern, derived from the list. The protocol module re-exports this union. */
import { z } from 'zod';
import { CONCERNS } from './concerns.ts';
import type { CommandInfo } from './define.ts';

type CommandSchema = (typeof CONCERNS)[number]['commands'][number];
const schemas = CONCERNS.flatMap((c): readonly CommandSchema[] => c.commands);

export const Command = z.discriminatedUnion('type', schemas as [CommandSchema, ...CommandSchema[]]);
export type Command = z.infer<typeof Command>;
export type CommandType = Command['type'];
/** A command as a client writes it: fields with defaults may be left out. */
export type CommandInput = z.input<typeof Command>;
/** A command before its id is assigned (distributes over the union, so each type keeps its fields). */
export type CommandDraft = CommandInput extends infer C ? (C extends CommandInput ? Omit<C, 'id'> & { id?: string } : never) : never;

export const commandInfo = Object.fromEntries(CONCERNS.flatMap((c) => Object.entries(c.info as Record<string, CommandInfo>))) as Record<
  CommandType,
  CommandInfo
>;

export const COMMAND_TYPES = Object.keys(commandInfo) as CommandType[];

/** Which concern owns each command type (for the docs and the client's registry). */
export const concernOf = Object.fromEntries(CONCERNS.flatMap((c) => Object.keys(c.info).map((t) => [t, c.name]))) as Record<
  CommandType,
  (typeof CONCERNS)[number]['name']
>;
