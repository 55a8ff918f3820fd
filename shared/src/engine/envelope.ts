/**
 * What every command and event carries besides its own payload: who, when, and which command.
 */
import { z } from 'zod';
import { Id, NationId, shortText } from '../common.ts';

/**
 * `system` is the clock: the host submits its commands when something falls due. No token carries
 * it, so no client can send as the system.
 */
export const Role = z.enum(['facilitator', 'nation', 'evaluator', 'observer', 'system']);
export type Role = z.infer<typeof Role>;
/** The roles a seat (a join code, a token) can carry: never the system. */
export const SeatRole = Role.exclude(['system']);
export type SeatRole = z.infer<typeof SeatRole>;

export const Actor = z
  .strictObject({
    role: Role,
    nation: NationId.nullable().default(null).describe("The team's nation; for an observer, the nation whose view it watches"),
    position: Id.nullable().default(null),
    name: shortText(80),
    participant: z.string().min(1).max(64).nullable().optional().describe('The participant (session) the server authenticated'),
  })
  .superRefine((a, ctx) => {
    if (a.role === 'nation' && a.nation === null)
      ctx.addIssue({ code: 'custom', path: ['nation'], message: 'a nation actor needs a nation' });
    if ((a.role === 'facilitator' || a.role === 'evaluator' || a.role === 'system') && a.nation !== null)
      ctx.addIssue({ code: 'custom', path: ['nation'], message: `a ${a.role} does not belong to a nation` });
  });
export type Actor = z.infer<typeof Actor>;

export const CommandId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be 1-64 letters, digits, "-" or "_"');

/** Milliseconds since the epoch, stamped by the server when the command arrives. */
export const Timestamp = z.number().int().nonnegative();

export const EventMeta = {
  seq: z.number().int().positive(),
  at: Timestamp,
  cmd: CommandId.nullable().describe('The command that caused the event; null for the exercise genesis'),
  by: Actor,
};

export interface Rejection<C extends string = string> {
  code: C;
  message: string;
  path?: string;
}

export const reject = <C extends string>(code: C, message: string, path?: string): Rejection<C> =>
  path === undefined ? { code, message } : { code, message, path };

/** The one actor the host uses to submit what falls due. */
export const SYSTEM: Actor = { role: 'system', nation: null, position: null, name: 'Exercise clock' };

export const isRejection = (x: unknown): x is Rejection =>
  typeof x === 'object' && x !== null && 'code' in x && 'message' in x && !('type' in x);

/** Own-property lookup: ids come from users, so never trust the prototype chain. */
export function own<T>(rec: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(rec, key) ? rec[key] : undefined;
}

export { Id };
