/**
 * Properties of the engine that must hold for any exercise the bots can play and any command a
 * client can send: determinism, replay = live, and total, side-effect-free rejection.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenarioText, type Scenario } from '../../shared/src/scenario/index.ts';
import { simulate } from '../../shared/src/sim/simulate.ts';
import { COMMAND_TYPES, decide, EngineEvent, evolve, fold, type Actor, type ExerciseState } from '../../shared/src/engine/index.ts';
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
  const value = fc.oneof(
    fc.constantFrom(...ids),
    fc.constantFrom(...nations, 'ALL', 'DRX'),
    fc.constantFrom('brief', 'consult', 'submit', 'adjudicate', 'outcome', 'now', 'military', 'news', 'ready', 'region', 'asset'),
    fc.integer({ min: -5, max: 300 }),
    fc.boolean(),
    fc.string({ maxLength: 20 }),
    fc.constant(null),
  );
  const field = fc.oneof(
    value,
    fc.array(value, { maxLength: 4 }),
    fc.dictionary(fc.constantFrom('kind', 'region', 'asset', 'stability', 'controller', 'turn', 'phase'), value, { maxKeys: 3 }),
  );
  const fieldNames = [
    'inject',
    'note',
    'to',
    'subject',
    'body',
    'message',
    'from',
    'channel',
    'persona',
    'actionType',
    'title',
    'text',
    'regions',
    'assets',
    'as',
    'action',
    'actions',
    'outcome',
    'effects',
    'visibleTo',
    'ready',
    'minutes',
    'expect',
    'reason',
    'sides',
    'count',
    'purpose',
    'release',
    'positions',
    'bogus',
  ];
  const structured = fc
    .record({
      id: fc.oneof(fc.constantFrom('c1', 'sim-1', 'sim-5'), fc.string({ maxLength: 70 })),
      type: fc.oneof(fc.constantFrom(...COMMAND_TYPES), fc.string({ maxLength: 12 })),
      fields: fc.dictionary(fc.constantFrom(...fieldNames), field, { maxKeys: 6 }),
    })
    .map(({ id, type, fields }) => ({ ...fields, id, type }));
  const anyCommand = fc.oneof({ weight: 5, arbitrary: structured }, { weight: 1, arbitrary: fc.anything() });

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
