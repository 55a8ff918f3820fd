/**
 * Log format versions: a real format 1 log (tests/fixtures/log-v1.jsonl, written by Concord before
 * logs were versioned) goes through the upcasters and folds; newer logs are refused naming both
 * versions; the upcaster seam works per event type.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fold } from '../../shared/src/engine/index.ts';
import {
  LOG_FORMAT_VERSION,
  LogFormatError,
  upcast,
  upcastEvent,
  upcastPlan,
  defaultUpcasters,
  type RawEvent,
  type Upcaster,
} from '../../shared/src/engine/versioning.ts';
import { LOG_FORMAT_KEY, parseJsonl, Replay, toJsonl } from '../../shared/src/replay/index.ts';

const v1Text = readFileSync(new URL('../fixtures/log-v1.jsonl', import.meta.url), 'utf8');
const v1Lines = v1Text.split('\n').filter(Boolean);

function parsed(text: string) {
  const r = parseJsonl(text);
  if (!r.ok) throw new Error(r.problems.join('\n'));
  return r;
}

describe('the format 1 fixture', () => {
  it('is a real unversioned log', () => {
    expect(v1Lines.length).toBe(109);
    expect(Object.keys(JSON.parse(v1Lines[0] ?? '{}') as object)).not.toContain(LOG_FORMAT_KEY);
  });

  it('loads through the upcaster and folds', () => {
    const log = parsed(v1Text);
    expect(log.format).toBe(1);
    expect(log.events).toHaveLength(109);
    const state = fold(log.events);
    expect(state.seq).toBe(109);
    expect(state.turn).toBe(2);
    expect(state.status).toBe('running');
    expect(new Replay(log.events).final).toEqual(state);
  });

  it("gives every format 2 message its counterpart: a persona's thread, the thread with control, or none", () => {
    const v2 = (from: Record<string, unknown>, members: string[]) => ({
      seq: 9,
      at: 1,
      cmd: 'c',
      by: { role: 'facilitator', nation: null, position: null, name: 'Lead' },
      type: 'message.sent',
      id: 'M9',
      turn: 1,
      from,
      members,
      subject: '',
      body: 'hello',
    });
    const [persona, control, nation] = [
      v2({ nation: null, persona: 'harbour-herald', position: null, name: 'The Harbour Herald' }, ['BRV', 'CSM']),
      v2({ nation: null, persona: null, position: null, name: 'Lead' }, ['CSM']),
      v2({ nation: 'ARN', persona: null, position: 'hog', name: 'PM' }, ['ARN', 'BRV']),
    ].map((e) => upcastEvent(e, upcastPlan(2)));
    expect(persona?.counterpart).toEqual({ kind: 'persona', persona: 'harbour-herald' });
    expect(control?.counterpart).toEqual({ kind: 'control' });
    expect(nation?.counterpart).toBeNull();
    // Format 1 messages between nations keep their channel.
    const state = fold(parsed(v1Text).events);
    expect(state.messages.length).toBeGreaterThan(0);
    expect(state.messages.every((m) => m.counterpart === null && !m.channel.includes('@'))).toBe(true);
  });

  it('gives every format 3 outcome no operation, no escalation move and no roll', () => {
    const v3 = {
      seq: 20,
      at: 1,
      cmd: 'c',
      by: { role: 'facilitator', nation: null, position: null, name: 'Lead' },
      type: 'adjudication.recorded',
      id: 'J20',
      turn: 1,
      phase: 'adjudicate',
      actions: [],
      title: 'Calm',
      outcome: 'Calm returns.',
      rationale: '',
      effects: [],
      previous: [],
      visibleTo: 'ALL',
    };
    expect(upcastEvent(v3, upcastPlan(3))).toMatchObject({
      operations: [],
      escalation: null,
      roll: null,
      row: null,
      success: null,
      override: null,
    });
  });

  it('gives the same events through upcast() as through the JSONL reader', () => {
    const raw = v1Lines.map((l): unknown => JSON.parse(l));
    expect(upcast(raw, 1)).toEqual(parsed(v1Text).events);
  });

  it('is written back as the current format, with the marker on the first line only', () => {
    const text = toJsonl(parsed(v1Text).events);
    const lines = text.split('\n').filter(Boolean);
    const [first = {}, ...rest] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(Object.keys(first)[0]).toBe(LOG_FORMAT_KEY);
    expect(first[LOG_FORMAT_KEY]).toBe(LOG_FORMAT_VERSION);
    expect(rest.every((e) => !Object.hasOwn(e, LOG_FORMAT_KEY))).toBe(true);
    // Format 2 = format 1 plus the marker: without it, every line holds the event as read from format 1.
    const { [LOG_FORMAT_KEY]: _marker, ...genesis } = first;
    expect([genesis, ...rest]).toEqual(JSON.parse(JSON.stringify(parsed(v1Text).events)));
    const again = parsed(text);
    expect(again.format).toBe(LOG_FORMAT_VERSION);
    expect(again.events).toEqual(parsed(v1Text).events);
  });
});

/** The default registry's steps after format 2, for tests that bring their own steps from format 1. */
const later = defaultUpcasters().filter((s) => s.from >= 2);

describe('versions the reader cannot or must not read', () => {
  const withMarker = (marker: unknown) =>
    [JSON.stringify({ [LOG_FORMAT_KEY]: marker, ...JSON.parse(v1Lines[0] ?? '{}') }), ...v1Lines.slice(1)].join('\n');

  it('refuses a newer log, naming both versions', () => {
    const newer = LOG_FORMAT_VERSION + 1;
    const r = parseJsonl(withMarker(newer));
    expect(r).toEqual({
      ok: false,
      code: 'format_too_new',
      problems: [`line 1: this log is format ${newer}; this Concord reads formats up to ${LOG_FORMAT_VERSION}`],
    });
    expect(() => upcast([], newer)).toThrow(
      new LogFormatError('format_too_new', `this log is format ${newer}; this Concord reads formats up to ${LOG_FORMAT_VERSION}`, newer),
    );
  });

  it('refuses a marker that is not a positive integer, naming the field', () => {
    for (const bad of ['two', 0, 1.5, -1]) {
      const r = parseJsonl(withMarker(bad));
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.code).toBe('format_invalid');
        expect(r.problems[0]).toMatch(/^line 1: logFormat: the log's format version must be a positive integer/);
      }
    }
  });

  it('refuses the marker anywhere but on the first line', () => {
    const lines = [...v1Lines];
    lines[4] = JSON.stringify({ [LOG_FORMAT_KEY]: 2, ...JSON.parse(lines[4] ?? '{}') });
    const r = parseJsonl(lines.join('\n'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]).toMatch(/^line 5: .*logFormat/);
  });
});

describe('the upcaster seam', () => {
  it('has a step for every version below the current one', () => {
    for (let v = 1; v < LOG_FORMAT_VERSION; v++) expect(defaultUpcasters().some((s) => s.from === v && s.to === v + 1)).toBe(true);
  });

  it('runs a step only on the events of its type, in registry order', () => {
    // Pretend format 1 called a message's body "text": a step for message.sent renames it back.
    const old = v1Lines.map((l) => {
      const e = JSON.parse(l) as RawEvent;
      if (e.type !== 'message.sent') return e;
      const { body, ...rest } = e;
      return { ...rest, text: body };
    });
    expect(() => upcast(old, 1)).toThrow(LogFormatError);
    const seen: string[] = [];
    const steps: Upcaster[] = [
      {
        name: 'v1→v2: message.sent text is now body',
        from: 1,
        to: 2,
        type: 'message.sent',
        up: ({ text, ...rest }) => {
          seen.push(rest.type);
          return { ...rest, body: text };
        },
      },
      { name: 'v1→v2: the version marker', from: 1, to: 2, type: '*', up: (e) => e },
      ...later,
    ];
    expect(upcast(old, 1, steps)).toEqual(parsed(v1Text).events);
    expect(seen.length).toBe(old.filter((e) => e.type === 'message.sent').length);
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen)).toEqual(new Set(['message.sent']));
  });

  it('names the event, the versions and the field when an upcast event does not fit the schema', () => {
    const old = v1Lines.map((l) => JSON.parse(l) as RawEvent);
    const steps: Upcaster[] = [{ name: 'broken', from: 1, to: 2, type: 'exercise.started', up: (e) => ({ ...e, extra: 1 }) }, ...later];
    expect(() => upcast(old, 1, steps)).toThrow(
      new RegExp(
        `^event 2 \\(exercise\\.started\\), upcast from format 1 to ${LOG_FORMAT_VERSION}: \\(event\\): Unrecognized key: "extra"`,
      ),
    );
  });

  it('refuses a registry with a gap or a step that skips a version', () => {
    expect(() => upcast([], 1, [])).toThrow(/no upcaster goes from format 1 to 2/);
    expect(() => upcast([], 1, [{ name: 'leap', from: 1, to: 3, type: '*', up: (e) => e }])).toThrow(/"leap" goes from format 1 to 3/);
    // A current log needs no step at all.
    expect(upcast([], LOG_FORMAT_VERSION, [])).toEqual([]);
  });
});

describe("a concern's own step", () => {
  it('lifecycle gives a format 1 scenario the auto-advance it did not have (off)', () => {
    const raw = v1Text
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as RawEvent);
    const created = raw[0] as unknown as { scenario: { clock: Record<string, unknown> } };
    expect('autoAdvance' in created.scenario.clock).toBe(false);
    const events = upcast(raw, 1);
    const first = events[0];
    expect(first?.type === 'exercise.created' && first.scenario.clock.autoAdvance).toBe(false);
    expect(fold(events).autoAdvance).toBe(false);
    expect(defaultUpcasters().map((s) => s.name)).toContain('v1→v2: exercise.created scenario.clock.autoAdvance defaults to false');
  });
});
