/**
 * The wire contract between the server and its clients, assembled from the engine concerns.
 * `docs/protocol.md` is generated from this module.
 */
import { z } from 'zod';
export { Command, commandInfo, COMMAND_TYPES, type CommandDraft, type CommandInput, type CommandType } from '../engine/commands.ts';
export { GENERAL_REJECTIONS } from '../engine/decide.ts';
import { parseCommand } from '../engine/decide.ts';

/** Name of the request every command travels in: `room.request(COMMAND, command)`. */
export const COMMAND = 'command';

/**
 * The room's validator for COMMAND requests. It never fails: it turns any payload into either a
 * parsed command or a rejection, so that the client always gets a Reply with a code and a sentence.
 */
export const CommandRequest = z.unknown().transform((input) => parseCommand(input));

/** Ask for the whole projection again (after a gap), or, for control, another audience's picture. */
export const VIEW = 'view';
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

/** Messages the server pushes to a client. */
export const PUSH = {
  /** The whole projection for the client's audience: on join, and after a gap. */
  view: 'view',
  /** An RFC 6902 JSON patch from the projection at `from` to the projection at `to`. */
  patch: 'patch',
  /** Presence of participants (control only). */
  presence: 'presence',
  /** The server is about to close this client (removed by control, or shutting down). */
  notice: 'notice',
} as const;

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
