/**
 * The one cache of projected records. A projected record is cached on the state record it comes
 * from: state records are never changed in place (evolve replaces them), so an unchanged record
 * yields the very same projected object, and the server's JSON diff skips it by identity instead
 * of walking it.
 *
 * The key is computed here, never written by a caller, and it always starts with the audience:
 * what one audience may see of a record is never served to another. `extra` names everything
 * else the projected value depends on besides the owner record, the audience and the scenario's
 * (immutable) definitions: for example whether the report an inject points to is readable, or
 * which assets an outcome's effects may show. Anything `build` reads that is neither the owner,
 * the audience, a scenario definition nor listed in `extra` is a bug.
 */
import { audienceLabel, type Audience } from './audience.ts';

export type MemoPart = string | number | boolean | null;

const cache = new WeakMap<object, Map<string, unknown>>();

export function memo<T>(owner: object, audience: Audience, extra: readonly MemoPart[], build: () => T): T {
  const key = JSON.stringify([audienceLabel(audience), ...extra]);
  let byKey = cache.get(owner);
  if (!byKey) cache.set(owner, (byKey = new Map<string, unknown>()));
  if (byKey.has(key)) return byKey.get(key) as T;
  const value = build();
  byKey.set(key, value);
  return value;
}
