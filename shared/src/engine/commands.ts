/** Every command of every concern, assembled. The protocol module re-exports this union. */
import { z } from 'zod';
import { lifecycleCommands, lifecycleInfo } from './lifecycle/commands.ts';
import { turnCommands, turnInfo } from './turns/commands.ts';
import { injectCommands, injectInfo } from './injects/commands.ts';
import { messagingCommands, messagingInfo } from './messaging/commands.ts';
import { actionCommands, actionInfo } from './actions/commands.ts';
import { adjudicationCommands, adjudicationInfo } from './adjudication/commands.ts';
import { evaluationCommands, evaluationInfo } from './evaluation/commands.ts';
import type { CommandInfo } from './define.ts';

export const Command = z.discriminatedUnion('type', [
  ...lifecycleCommands,
  ...turnCommands,
  ...injectCommands,
  ...messagingCommands,
  ...actionCommands,
  ...adjudicationCommands,
  ...evaluationCommands,
]);
export type Command = z.infer<typeof Command>;
export type CommandType = Command['type'];
/** A command as a client writes it: fields with defaults may be left out. */
export type CommandInput = z.input<typeof Command>;
/** A command before its id is assigned (distributes over the union, so each type keeps its fields). */
export type CommandDraft = CommandInput extends infer C ? (C extends CommandInput ? Omit<C, 'id'> & { id?: string } : never) : never;

export const commandInfo: Record<CommandType, CommandInfo> = {
  ...lifecycleInfo,
  ...turnInfo,
  ...injectInfo,
  ...messagingInfo,
  ...actionInfo,
  ...adjudicationInfo,
  ...evaluationInfo,
};

export const COMMAND_TYPES = Object.keys(commandInfo) as CommandType[];
