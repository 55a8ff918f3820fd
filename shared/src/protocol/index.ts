/**
 * The wire contract between the server and its clients, assembled from the engine concerns.
 * `docs/protocol.md` is generated from this module.
 */
import { z } from 'zod';
export { Command, commandInfo, COMMAND_TYPES, type CommandDraft, type CommandInput, type CommandType } from '../engine/commands.ts';
export { GENERAL_REJECTIONS } from '../engine/define.ts';
import { parseCommand } from '../engine/decide.ts';

export { COMMAND, PUSH, VIEW } from './names.ts';

/**
 * The room's validator for COMMAND requests. It never fails: it turns any payload into either a
 * parsed command or a rejection, so that the client always gets a Reply with a code and a sentence.
 */
export const CommandRequest = z.unknown().transform((input) => parseCommand(input));

export const ViewRequest = z.strictObject({ as: z.string().max(16).optional() }).default({});

export const Reply = z.discriminatedUnion('ok', [
  z.strictObject({
    ok: z.literal(true),
    /** Sequence numbers of the events the command produced (the original ones for a retry). */
    seqs: z.array(z.number().int().positive()),
    duplicate: z.boolean(),
  }),
  z.strictObject({
    ok: z.literal(false),
    code: z.string(),
    message: z.string(),
    path: z.string().optional(),
  }),
]);
export type Reply = z.infer<typeof Reply>;

export const JsonPatchOp = z.object({
  op: z.enum(['add', 'remove', 'replace', 'move', 'copy', 'test']),
  path: z.string(),
  value: z.unknown().optional(),
  from: z.string().optional(),
});
export type JsonPatchOp = z.infer<typeof JsonPatchOp>;

export const ViewPush = z.object({ seq: z.number().int(), view: z.unknown() });
export const PatchPush = z.object({ from: z.number().int(), to: z.number().int(), ops: z.array(JsonPatchOp) });
export * from './http.ts';
