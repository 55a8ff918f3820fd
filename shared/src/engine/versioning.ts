/**
 * Versions of what Concord persists: exercise logs (the JSONL export and the store's events) and
 * the store's snapshots share one format number, LOG_FORMAT_VERSION.
 *
 * A reader accepts every format up to its own: a newer one is refused with both versions named
 * (LogFormatError, code `format_too_new`), an older one is brought up to date by the upcasters
 * below before any event reaches the schema or the fold. Snapshots are never upcast: they are a
 * cache of the fold, so an older one is discarded and rebuilt from the (upcast) log.
 *
 * Formats:
 *   1  the unversioned logs and snapshots written before formats were numbered;
 *   2  format 1 plus the version marker (`logFormat` on a JSONL log's first line, the
 *      `exercises.log_format` and `snapshots.format` columns of the store), and the scenario in
 *      exercise.created carries `clock.autoAdvance` (lifecycle's step adds it, off);
 *   3  format 2 plus negotiation, treaties, decisions and forces events, and `message.sent`
 *      carries its `counterpart` (messaging's step derives it: a persona's message is on that
 *      persona's thread, control's own on the thread with control); treaty clauses may use the
 *      silence procedure;
 *   4  format 3 plus intelligence sharing, joint operations, escalation and cohesion events;
 *      `action.submitted` carries its matrix `argument` and whether it is `shared` with the allies
 *      (actions' step: none, no), and `adjudication.recorded` its `escalation` move and the
 *      `operations` it settles (adjudication's step: none). Each concern's step says what it adds.
 *
 * Engine hook: each concern (lifecycle, turns, …) may later export its own `Upcaster[]` for the
 * event types it owns (`Concern.upcasters`); defaultUpcasters() concatenates them. Steps of the same
 * `from` version run in list order, so a concern's steps only need to be ordered among themselves.
 * It reads the EngineEvent schema and the list of concerns, for their steps.
 */
import { CONCERNS } from './concerns.ts';
import { z } from 'zod';
import { EngineEvent } from './events.ts';

/** The format this Concord writes and the newest it reads. */
export const LOG_FORMAT_VERSION = 4;
/** The format of anything that carries no version marker. */
export const UNVERSIONED_FORMAT = 1;

export const FormatVersion = z.number().int().min(1);

export type Persisted = 'log' | 'snapshot';

export type LogFormatErrorCode =
  /** Written by a newer Concord: this one cannot know what changed. */
  | 'format_too_new'
  /** The version marker itself is not a positive integer. */
  | 'format_invalid'
  /** The upcaster registry has no step for some version on the way up, or a step skips versions. */
  | 'upcaster_missing'
  /** An event is not an object with a type, or a step's output does not match today's schema. */
  | 'upcast_failed';

export class LogFormatError extends Error {
  readonly code: LogFormatErrorCode;
  /** The version that was found (null when the marker itself is unreadable). */
  readonly found: number | null;
  /** The newest version this Concord reads. */
  readonly supported: number;
  constructor(code: LogFormatErrorCode, message: string, found: number | null, supported = LOG_FORMAT_VERSION) {
    super(message);
    this.name = 'LogFormatError';
    this.code = code;
    this.found = found;
    this.supported = supported;
  }
}

/**
 * Read a version marker (absent = format 1). Returns the version when this Concord can read it;
 * throws LogFormatError naming both versions when it is newer, or naming the field when it is
 * not a positive integer.
 */
export function readableFormat(what: Persisted, marker: unknown, field = what === 'log' ? 'logFormat' : 'format'): number {
  if (marker === undefined || marker === null) return UNVERSIONED_FORMAT;
  const parsed = FormatVersion.safeParse(marker);
  if (!parsed.success)
    throw new LogFormatError(
      'format_invalid',
      `${field}: the ${what}'s format version must be a positive integer, not ${JSON.stringify(marker)}`,
      null,
    );
  if (parsed.data > LOG_FORMAT_VERSION)
    throw new LogFormatError(
      'format_too_new',
      `this ${what} is format ${parsed.data}; this Concord reads formats up to ${LOG_FORMAT_VERSION}`,
      parsed.data,
    );
  return parsed.data;
}

/** An event as some format wrote it: an object with a type, nothing else assumed. */
export const RawEvent = z.looseObject({ type: z.string() });
export type RawEvent = z.infer<typeof RawEvent>;

/**
 * One step of the way from format `from` to format `to = from + 1`, for the events of one type
 * (`'*'`: every event). `up` gets the event as format `from` wrote it and returns it as format
 * `to` has it; it must be pure and must not change the event's seq.
 */
export interface Upcaster {
  readonly name: string;
  readonly from: number;
  readonly to: number;
  readonly type: string;
  up(event: RawEvent): RawEvent;
}

/**
 * The default registry, oldest step first: the engine's own steps, then each concern's
 * (`Concern.upcasters`) in the order of the list. Built on first use, because the concerns load
 * after this module.
 */
const CORE_UPCASTERS: readonly Upcaster[] = [
  {
    name: 'v1→v2: the version marker is added to logs and snapshots',
    from: 1,
    to: 2,
    type: '*',
    up: (event) => event,
  },
  {
    name: 'v3→v4: every event as it was, unless its concern says otherwise',
    from: 3,
    to: 4,
    type: '*',
    up: (event) => event,
  },
];
export function defaultUpcasters(): readonly Upcaster[] {
  return [...CORE_UPCASTERS, ...CONCERNS.flatMap((c): readonly Upcaster[] => c.upcasters ?? [])];
}

/**
 * The steps that take format `fromVersion` to `to`, grouped per version and checked: every
 * version on the way needs at least one step (an identity step where no event changes), and no
 * step may skip a version.
 */
export function upcastPlan(fromVersion: number, steps: readonly Upcaster[] = defaultUpcasters(), to = LOG_FORMAT_VERSION): Upcaster[][] {
  for (const s of steps)
    if (s.to !== s.from + 1)
      throw new LogFormatError(
        'upcaster_missing',
        `upcaster "${s.name}" goes from format ${s.from} to ${s.to}; a step must go up by one`,
        s.from,
        to,
      );
  const plan: Upcaster[][] = [];
  for (let v = fromVersion; v < to; v++) {
    const forV = steps.filter((s) => s.from === v);
    if (forV.length === 0)
      throw new LogFormatError(
        'upcaster_missing',
        `no upcaster goes from format ${v} to ${v + 1}, so a format ${fromVersion} log cannot be read as format ${to}`,
        fromVersion,
        to,
      );
    plan.push(forV);
  }
  return plan;
}

/** One event through a plan (see upcastPlan). The result still has to pass the EngineEvent schema. */
export function upcastEvent(event: unknown, plan: readonly (readonly Upcaster[])[]): RawEvent {
  const raw = RawEvent.safeParse(event);
  if (!raw.success) throw new LogFormatError('upcast_failed', 'type: an event must be an object with a string "type"', null);
  let e = raw.data;
  for (const version of plan) for (const step of version) if (step.type === '*' || step.type === e.type) e = step.up(e);
  return e;
}

/**
 * Bring the events of a format `fromVersion` log up to this Concord's format and parse them with
 * today's EngineEvent schema. `steps` is the upcaster registry (defaultUpcasters() by default; tests pass
 * their own). Throws LogFormatError naming the versions, the event and the field.
 */
export function upcast(events: readonly unknown[], fromVersion: number, steps: readonly Upcaster[] = defaultUpcasters()): EngineEvent[] {
  const version = readableFormat('log', fromVersion);
  const plan = upcastPlan(version, steps);
  return events.map((event, i) => {
    const up = upcastEvent(event, plan);
    const parsed = EngineEvent.safeParse(up);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.map(String).join('.') || '(event)'}: ${issue.message}` : 'does not match the schema';
    const seq = typeof up.seq === 'number' ? up.seq : i + 1;
    throw new LogFormatError(
      'upcast_failed',
      `event ${seq} (${up.type}), upcast from format ${version} to ${LOG_FORMAT_VERSION}: ${where}`,
      version,
    );
  });
}
