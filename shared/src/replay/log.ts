/**
 * Reading and writing exercise logs as JSON Lines, with line-level errors for bad files.
 *
 * One event per line, in seq order, so that line n is event n. The format version rides on the
 * first line, the exercise.created event, as a leading `logFormat` key:
 *
 *   {"logFormat":2,"type":"exercise.created","seq":1,...}
 *   {"type":"exercise.started","seq":2,...}
 *
 * It is a mark of the file, not a field of the event: the reader takes it off before the line
 * meets the EngineEvent schema (whose events are strict objects), and the writer puts it on. A
 * separate header line would break "line n is event n" for every tool that reads these files.
 * A log without the key is format 1 (written before logs were versioned). A log from a newer
 * Concord is refused with both versions named; an older one goes through the upcasters of
 * engine/versioning.ts, line by line, before its events are checked. An older Concord refuses a
 * format 2 log too, naming the unknown `logFormat` key. See docs/log-format.md.
 */
import { EngineEvent } from '../engine/events.ts';
import {
  LOG_FORMAT_VERSION,
  LogFormatError,
  readableFormat,
  upcastEvent,
  upcastPlan,
  defaultUpcasters,
  type Upcaster,
} from '../engine/versioning.ts';
import { formatPath } from '../scenario/validate.ts';

/** The key on the first line that names the log's format. */
export const LOG_FORMAT_KEY = 'logFormat';

export function toJsonl(events: readonly EngineEvent[]): string {
  return events
    .map((e, i) => (i === 0 ? JSON.stringify({ [LOG_FORMAT_KEY]: LOG_FORMAT_VERSION, ...e }) : JSON.stringify(e)))
    .join('\n')
    .concat(events.length ? '\n' : '');
}

export type LogParse =
  | { ok: true; events: EngineEvent[]; /** The format the file was written in (before upcasting). */ format: number }
  | { ok: false; problems: string[]; code: 'format_too_new' | 'format_invalid' | 'upcaster_missing' | 'invalid_log' };

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

export function parseJsonl(text: string, opts: { maxProblems?: number; upcasters?: readonly Upcaster[] } = {}): LogParse {
  const max = opts.maxProblems ?? 20;
  const events: EngineEvent[] = [];
  const problems: string[] = [];
  const lines = text.split('\n');
  let plan: Upcaster[][] | null = null;
  let format = LOG_FORMAT_VERSION;
  let firstLine = 0;
  for (const [i, rawLine] of lines.entries()) {
    if (problems.length >= max) break;
    const line = rawLine.trim();
    if (line === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (e) {
      problems.push(`line ${i + 1}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
      continue;
    }
    if (plan === null) {
      // The first line (the first that parses, if earlier ones are broken) decides the format.
      firstLine = i + 1;
      let marker: unknown;
      if (isRecord(json) && Object.hasOwn(json, LOG_FORMAT_KEY)) {
        const { [LOG_FORMAT_KEY]: m, ...rest } = json;
        marker = m;
        json = rest;
      }
      try {
        format = readableFormat('log', marker);
        plan = upcastPlan(format, opts.upcasters ?? defaultUpcasters());
      } catch (e) {
        if (e instanceof LogFormatError && e.code !== 'upcast_failed')
          return { ok: false, problems: [`line ${i + 1}: ${e.message}`], code: e.code };
        throw e;
      }
    }
    let upcast: unknown;
    try {
      upcast = upcastEvent(json, plan);
    } catch (e) {
      if (!(e instanceof LogFormatError)) throw e;
      problems.push(`line ${i + 1}: ${e.message}`);
      continue;
    }
    const parsed = EngineEvent.safeParse(upcast);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue
        ? `${formatPath(issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)))}: ${issue.message}`
        : 'not an event';
      problems.push(`line ${i + 1}: ${where}`);
      continue;
    }
    const expected = (events.at(-1)?.seq ?? 0) + 1;
    if (parsed.data.seq !== expected) problems.push(`line ${i + 1}: seq ${parsed.data.seq} where ${expected} was expected`);
    events.push(parsed.data);
  }
  if (!problems.length && events[0]?.type !== 'exercise.created')
    problems.push(`line ${firstLine || 1}: a log must begin with exercise.created`);
  return problems.length ? { ok: false, problems, code: 'invalid_log' } : { ok: true, events, format };
}
