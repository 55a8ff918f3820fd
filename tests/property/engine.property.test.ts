/**
 * Properties of the engine that must hold for any exercise the bots can play and any command a
 * client can send: determinism, replay = live, and total, side-effect-free rejection.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { parseScenarioText, type Scenario } from '../../shared/src/scenario/index.ts';
import { simulate } from '../../shared/src/sim/simulate.ts';
import { COMMAND_TYPES, decide, EngineEvent, evolve, fold, type Actor, type ExerciseState } from '../../shared/src/engine/index.ts';
import { Command } from '../../shared/src/engine/commands.ts';
import { Replay, toJsonl } from '../../shared/src/replay/index.ts';
import { CONTROL, nationAudience, project, PUBLIC, type Audience } from '../../shared/src/views/index.ts';
import { useSeed } from '../helpers/seed.ts';

useSeed(import.meta.url);

function load(name: string): Scenario {
  const r = parseScenarioText(readFileSync(new URL(`../../scenarios/${name}`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(`${name}: ${r.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  return r.scenario;
}

const small = load('harbour-watch.json');
const audiences = (s: Scenario): Audience[] => [CONTROL, PUBLIC, ...s.nations.map((n) => nationAudience(n.id))];

describe('determinism', () => {
  it('the same seed gives the same log, byte for byte; different seeds differ', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const a = toJsonl(simulate(small, { seed }).events);
        const b = toJsonl(simulate(small, { seed }).events);
        expect(a).toBe(b);
        expect(toJsonl(simulate(small, { seed: seed + 1 }).events)).not.toBe(a);
      }),
      { numRuns: 15 },
    );
  });

  it('folding a log gives the live state, and every logged event matches the event schema', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.double({ min: 0.2, max: 3, noNaN: true }), (seed, intensity) => {
        const run = simulate(small, { seed, intensity });
        expect(run.rejections).toEqual([]);
        for (const e of run.events) expect(EngineEvent.safeParse(e).success).toBe(true);
        expect(JSON.stringify(fold(run.events))).toBe(JSON.stringify(run.state));
      }),
      { numRuns: 15 },
    );
  });
});

describe('replay equals live', () => {
  it('the view at any past position equals what each audience saw live then', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 12 }),
        (seed, picks) => {
          const live = new Map<number, string[]>();
          // Decide which positions to record before playing, from the fraction picks. Seek lands on
          // command boundaries, so those are the positions live play can be compared with.
          const probe = simulate(small, { seed });
          const replay = new Replay(probe.events);
          const wanted = new Set(picks.map((f) => replay.boundaryAt(1 + Math.floor(f * (probe.events.length - 1)))));
          simulate(small, {
            seed,
            observe: (state, e) => {
              if (wanted.has(e.seq))
                live.set(
                  e.seq,
                  audiences(small).map((a) => JSON.stringify(project(state, a))),
                );
            },
          });
          for (const [seq, views] of live) {
            const state = replay.seek(seq);
            expect(audiences(small).map((a) => JSON.stringify(project(state, a)))).toEqual(views);
          }
        },
      ),
      { numRuns: 10 },
    );
  });

  it('a projection is a snapshot: folding later events never changes a view already taken', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (seed, at) => {
        const run = simulate(small, { seed });
        const k = 1 + Math.floor(at * (run.events.length - 1));
        const state = fold(run.events.slice(0, k));
        const views = audiences(small).map((a) => project(state, a));
        const before = JSON.stringify(views);
        for (const e of run.events.slice(k)) evolve(state, e);
        expect(JSON.stringify(views)).toBe(before);
      }),
      { numRuns: 20 },
    );
  });

  it('seek backwards and forwards in any order is stable', () => {
    const run = simulate(small, { seed: 99 });
    const replay = new Replay(run.events);
    const byFold = (seq: number) => JSON.stringify(fold(run.events.slice(0, seq)));
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: run.events.length }), { minLength: 1, maxLength: 10 }), (seqs) => {
        for (const seq of seqs) expect(JSON.stringify(replay.seek(seq))).toBe(byFold(replay.boundaryAt(seq)));
      }),
      { numRuns: 30 },
    );
  });
});

describe('any command', () => {
  const run = simulate(small, { seed: 4242 });
  const replay = new Replay(run.events);
  const nations = small.nations.map((n) => n.id);
  const ids = [
    ...small.injects.map((x) => x.id),
    ...small.intel.map((x) => x.id),
    ...small.map.regions.map((r) => r.id),
    ...small.assets.map((a) => a.id),
    ...run.state.actionOrder,
    ...small.personas.map((p) => p.id),
    'constructor',
    '__proto__',
    'nope',
  ];
  const actor: fc.Arbitrary<Actor> = fc.oneof(
    fc.constant<Actor>({ role: 'facilitator', nation: null, position: null, name: 'Control' }),
    fc.constant<Actor>({ role: 'evaluator', nation: null, position: null, name: 'Eval' }),
    fc.constantFrom(...nations, 'DRX', 'ZZZ').map<Actor>((n) => ({ role: 'nation', nation: n, position: 'hog', name: n })),
    fc.constantFrom(null, ...nations).map<Actor>((n) => ({ role: 'observer', nation: n, position: null, name: 'Obs' })),
  );
  // The fields come from the command schemas themselves (`Command.options`, one strict object
  // per command): every field of every command, the fields of the objects nested in them, and
  // the values of their enums and string literals. A new command reaches the property by itself.
  type Shaped = z.ZodObject<Record<string, z.ZodType>>;
  const schemas = new Map<string, Shaped>(Command.options.map((s) => [s.shape.type.value, s]));
  const fieldsOf = (o: Shaped) => Object.entries(o.shape);
  /** The schema under its optional, nullable and default wrappers. */
  const bare = (s: z.ZodType): z.ZodType =>
    s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault ? bare(s.unwrap() as z.ZodType) : s;
  const fieldNames = new Set<string>();
  const nestedNames = new Set<string>();
  const words = new Set<string>();
  const collect = (s: z.ZodType): void => {
    const t = bare(s);
    if (t instanceof z.ZodObject)
      for (const [k, v] of fieldsOf(t)) {
        nestedNames.add(k);
        collect(v);
      }
    else if (t instanceof z.ZodArray) collect(t.element as z.ZodType);
    else if (t instanceof z.ZodUnion) for (const o of t.options) collect(o as z.ZodType);
    else if (t instanceof z.ZodEnum) for (const v of t.options) words.add(String(v));
    else if (t instanceof z.ZodLiteral) for (const v of t.values) if (typeof v === 'string') words.add(v);
  };
  for (const s of schemas.values())
    for (const [k, v] of fieldsOf(s)) {
      fieldNames.add(k);
      if (k !== 'type') collect(v);
    }

  const pool = [
    ...new Set([
      ...ids,
      ...small.nations.flatMap((n) => n.positions.map((p) => p.id)),
      ...small.objectives.map((o) => o.id),
      ...nations,
      'ALL',
      'DRX',
      ...words,
    ]),
  ];
  const strings = fc.oneof(fc.constantFrom(...pool), fc.string({ maxLength: 20 }));
  const value = fc.oneof(strings, fc.integer({ min: -5, max: 300 }), fc.boolean(), fc.constant(null));
  /** Anything for a field: a value, a list of them, or an object with the nested fields' names. */
  const chaos = fc.oneof(value, fc.array(value, { maxLength: 4 }), fc.dictionary(fc.constantFrom(...nestedNames), value, { maxKeys: 3 }));
  /** An object of the fields given: mostly with its required ones (those without a wrapper), sometimes with any. */
  const objectOf = (fields: [string, z.ZodType][]) => {
    const model = Object.fromEntries(fields.map(([k, v]) => [k, shaped(v)]));
    const required = fields.filter(([, v]) => bare(v) === v).map(([k]) => k);
    return fc.oneof({ weight: 9, arbitrary: fc.record(model, { requiredKeys: required }) }, fc.record(model, { requiredKeys: [] }));
  };
  /**
   * A value shaped by the field's schema: enum options and literals, numbers about the bounds,
   * nested objects and lists (not empty where the schema refuses that), and for text the words and
   * ids the schema accepts; for a field (not inside a list), now and then chaos instead.
   */
  function shaped(s: z.ZodType, inner = false): fc.Arbitrary<unknown> {
    const t = bare(s);
    let arb: fc.Arbitrary<unknown> = chaos;
    if (t instanceof z.ZodObject) arb = objectOf(fieldsOf(t));
    else if (t instanceof z.ZodArray)
      arb = fc.array(shaped(t.element as z.ZodType, true), { minLength: t.safeParse([]).success ? 0 : 1, maxLength: 4 });
    else if (t instanceof z.ZodUnion) arb = fc.oneof(...t.options.map((o) => shaped(o as z.ZodType, true)));
    else if (t instanceof z.ZodEnum) arb = fc.constantFrom(...t.options);
    else if (t instanceof z.ZodLiteral) arb = fc.constantFrom(...t.values);
    else if (t instanceof z.ZodString) {
      const accepted = pool.filter((x) => t.safeParse(x).success);
      arb = accepted.length ? fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...accepted) }, strings) : strings;
    } else if (t instanceof z.ZodNumber)
      arb = fc.integer({ min: Math.max(-5, (t.minValue ?? -5) - 1), max: Math.min(300, t.maxValue ?? 300) + 1 });
    else if (t instanceof z.ZodBoolean) arb = fc.boolean();
    return inner ? arb : fc.oneof({ weight: 14, arbitrary: arb }, { weight: 1, arbitrary: chaos });
  }
  /** For each command type, commands with its own fields, now and then with a field that is not its own. */
  const typed = fc.oneof(
    ...COMMAND_TYPES.map((type) => {
      const schema = schemas.get(type);
      return fc.record({
        type: fc.constant(type),
        fields: objectOf((schema ? fieldsOf(schema) : []).filter(([k]) => k !== 'id' && k !== 'type')),
        stray: fc.oneof(
          { weight: 6, arbitrary: fc.constant({}) },
          fc.dictionary(fc.constantFrom(...fieldNames, 'bogus'), chaos, { maxKeys: 2 }),
        ),
      });
    }),
  );
  /** Any type, known or not, with any of the fields of any command ("bogus" is no command's: strict schemas refuse it). */
  const mixed = fc.record({
    type: fc.oneof(fc.constantFrom(...COMMAND_TYPES), fc.string({ maxLength: 12 })),
    fields: fc.dictionary(fc.constantFrom(...fieldNames, 'bogus'), chaos, { maxKeys: 6 }),
    stray: fc.constant({}),
  });
  const structured = fc
    .record({
      id: fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom('c1', 'sim-1', 'sim-5') },
        fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/),
        fc.string({ maxLength: 70 }),
      ),
      command: fc.oneof({ weight: 4, arbitrary: typed }, { weight: 1, arbitrary: mixed }),
    })
    .map(({ id, command: { type, fields, stray } }) => ({ ...stray, ...fields, id, type }));
  const anyCommand = fc.oneof({ weight: 5, arbitrary: structured }, { weight: 1, arbitrary: fc.anything() });

  it('reaches every command type with commands its schema accepts, through the lists derived from the schemas', () => {
    const accepted = new Set<string>();
    for (const c of fc.sample(structured, { numRuns: 2000, seed: 7 })) {
      const parsed = Command.safeParse(c);
      if (parsed.success) accepted.add(parsed.data.type);
    }
    expect(COMMAND_TYPES.filter((t) => !accepted.has(t))).toEqual([]);
  });

  it('never throws, and gives events that fold cleanly or a rejection with a code and a sentence that changes nothing', () => {
    fc.assert(
      // Only states the exercise was really in: the ends of commands (see Replay.seek).
      fc.property(fc.constantFrom(...replay.boundaries), actor, anyCommand, (at, who, command) => {
        const state: ExerciseState = replay.seek(at);
        const before = JSON.stringify(state);
        const d = decide(state, { command, actor: who, at: 2_000_000_000_000 });
        expect(JSON.stringify(state)).toBe(before);
        if (!d.ok) {
          expect(d.rejection.code).toMatch(/^[a-z_]+$/);
          expect(d.rejection.message.length).toBeGreaterThan(5);
          return;
        }
        for (const e of d.events) {
          expect(EngineEvent.safeParse(e).success).toBe(true);
          evolve(state, e);
        }
        expect(() => project(state, CONTROL)).not.toThrow();
      }),
      { numRuns: 3000 },
    );
  });
});
