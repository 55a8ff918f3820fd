/** Reading and writing exercise logs as JSON Lines, with line-level errors for bad files. */
import { EngineEvent } from '../engine/events.ts';
import { formatPath } from '../scenario/validate.ts';

export const toJsonl = (events: readonly EngineEvent[]): string =>
  events.map((e) => JSON.stringify(e)).join('\n') + (events.length ? '\n' : '');

export type LogParse = { ok: true; events: EngineEvent[] } | { ok: false; problems: string[] };

export function parseJsonl(text: string, opts: { maxProblems?: number } = {}): LogParse {
  const max = opts.maxProblems ?? 20;
  const events: EngineEvent[] = [];
  const problems: string[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length && problems.length < max; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (e) {
      problems.push(`line ${i + 1}: not valid JSON (${(e as Error).message})`);
      continue;
    }
    const parsed = EngineEvent.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      problems.push(`line ${i + 1}: ${formatPath(issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)))}: ${issue.message}`);
      continue;
    }
    const expected = (events.at(-1)?.seq ?? 0) + 1;
    if (parsed.data.seq !== expected) problems.push(`line ${i + 1}: seq ${parsed.data.seq} where ${expected} was expected`);
    events.push(parsed.data);
  }
  if (!problems.length && events[0]?.type !== 'exercise.created') problems.push('line 1: a log must begin with exercise.created');
  return problems.length ? { ok: false, problems } : { ok: true, events };
}
