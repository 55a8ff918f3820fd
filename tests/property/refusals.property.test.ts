/**
 * Refusals are no oracle: whatever a nation sends, the answer tells it nothing its own picture
 * does not already show.
 *
 * Commands are generated from the engine's own schemas (`Command.options`), with ids and names
 * picked from the whole exercise: hidden assets, other nations' actions, unreleased injects and
 * reports, control's notes and objectives, outcomes it may not read, and made-up ids. They are
 * decided against states taken from simulated play (both shipped scenarios, and Harbour Watch
 * with one of a nation's own assets hidden), at every phase of the first turns. Two checks:
 *
 * 1. No refusal message or path names an id or name of the exercise that is absent from the
 *    sender's projection, unless the sender wrote it itself (an echo of its own input).
 * 2. Naming something hidden is answered exactly as naming something that does not exist: the
 *    same command with every hidden id or name replaced by a made-up one of the same shape gets
 *    the same answer (accepted or refused, with the same code, path and message, up to that
 *    replacement). This is what catches an echo that is worded differently when the id exists.
 *
 * And an accepted command of a nation always changes that nation's own picture, so the sender
 * sees the events its reply names (docs/protocol.md relies on it).
 *
 * The seed is CONCORD_SEED if set, else random (tests/helpers/seed.ts); it is printed once so that a
 * failure replays.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenarioText, type Scenario } from '../../shared/src/scenario/index.ts';
import { simulate } from '../../shared/src/sim/simulate.ts';
import {
  cloneState,
  Command,
  commandInfo,
  currentPhase,
  decide,
  evolve,
  type Actor,
  type CommandType,
  type Decision,
  type ExerciseState,
} from '../../shared/src/engine/index.ts';
import { nationAudience, project, samePicture } from '../../shared/src/views/index.ts';
import { useSeed } from '../helpers/seed.ts';

// CONCORD_SEED if set, else random; printed once, with the command that replays it.
const seed = useSeed(import.meta.url);

function load(name: string, edit?: (doc: { assets: Array<{ id: string; hidden?: boolean }> }) => void): Scenario {
  const doc = JSON.parse(readFileSync(new URL(`../../scenarios/${name}`, import.meta.url), 'utf8')) as {
    assets: Array<{ id: string; hidden?: boolean }>;
  };
  edit?.(doc);
  const r = parseScenarioText(JSON.stringify(doc));
  if (!r.ok) throw new Error(`${name}: ${r.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  return r.scenario;
}

/** States of simulated play: a copy at the start of every phase of the first turns, and the end. */
function positions(scenario: Scenario, runSeed: number, turns: number): ExerciseState[] {
  const out: ExerciseState[] = [];
  let last = '';
  const run = simulate(scenario, {
    seed: runSeed,
    turns,
    observe: (state) => {
      const at = `${state.turn}/${currentPhase(state)}`;
      // The bots act within a phase: take the state once some of that has happened, too.
      if (at !== last || state.seq % (currentPhase(state) === 'submit' ? 5 : 37) === 0) out.push(cloneState(state));
      last = at;
    },
  });
  out.push(run.state);
  return out;
}

const withHiddenMpa = load('harbour-watch.json', (doc) => {
  const mpa = doc.assets.find((a) => a.id === 'arn-mpa');
  if (mpa) mpa.hidden = true;
});
const STATES: ExerciseState[] = [
  ...positions(load('harbour-watch.json'), 5, 3),
  ...positions(withHiddenMpa, 8, 2),
  ...positions(load('northern-lantern.json'), 3, 2),
];

// Ids and names ---------------------------------------------------------------------------------

/** Every id and name the exercise holds, visible to the sender or not, by kind. */
function vocabulary(state: ExerciseState): Record<string, string[]> {
  const s = state.scenario;
  return {
    assets: s.assets.flatMap((a) => [a.id, a.name]),
    actions: Object.values(state.actions).flatMap((a) => [a.id, a.title]),
    injects: Object.values(state.injects).flatMap((x) => [x.def.id, x.def.subject]),
    intel: s.intel.flatMap((r) => [r.id, r.title]),
    outcomes: state.adjudications.flatMap((o) => [o.id, o.title]),
    messages: state.messages.map((m) => m.id),
    notes: state.notes.map((n) => n.id),
    objectives: s.objectives.map((o) => o.id),
    regions: s.map.regions.flatMap((r) => [r.id, r.name]),
    personas: s.personas.flatMap((p) => [p.id, p.name]),
    agreements: Object.values(state.agreements).flatMap((a) => [a.id, ...a.versions.map((v) => v.title)]),
    consultations: Object.values(state.consultations).map((c) => c.id),
    decisions: state.decisions.flatMap((d) => [d.id, d.title]),
    treaties: s.treaties.flatMap((t) => [t.id, t.name]),
    clauses: s.treaties.flatMap((t) => t.clauses.map((c) => c.id)),
  };
}

/** Which kind of word a command field names, by the field's name (the rest draw from every kind). */
const KIND_OF_FIELD: Record<string, string> = {
  assets: 'assets',
  asset: 'assets',
  regions: 'regions',
  region: 'regions',
  action: 'actions',
  actions: 'actions',
  inject: 'injects',
  intel: 'intel',
  objectives: 'objectives',
  persona: 'personas',
  from: 'personas',
  to: 'nations',
  as: 'nations',
  nation: 'nations',
  controller: 'nations',
  visibleTo: 'nations',
  parties: 'nations',
  onBehalfOf: 'nations',
  agreement: 'agreements',
  consultation: 'consultations',
  treaty: 'treaties',
  clause: 'clauses',
};

const MADE_UP = ['zz-no-such-thing', 'A999999', 'hw-int-99', 'ghost-sub', 'constructor', 'hasOwnProperty', '__proto__', 'x'];
const NATION_IDS = ['ARN', 'BRV', 'CSM', 'DRX', 'CAL', 'LND', 'KST', 'ORV', 'ARL', 'VRK', 'ZZZ', 'ALL'];

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A token as a whole word: not inside a longer id. */
const wordRe = (token: string, flags = '') => new RegExp(`(?<![A-Za-z0-9_.-])${escapeRe(token)}(?![A-Za-z0-9_.-])`, flags);
const ID_SHAPE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

interface Position {
  state: ExerciseState;
  nation: string;
  actor: Actor;
  /** Ids and names of the exercise absent from the nation's projection. */
  secrets: string[];
  /** Words to draw from: by kind, and all of them under "all". */
  pools: Record<string, string[]>;
  picture: ReturnType<typeof project>;
}

const cache = new Map<string, Position>();
function position(i: number, nationPick: number): Position {
  const state = STATES[i % STATES.length]!;
  const nations = state.scenario.nations;
  const n = nations[nationPick % nations.length]!;
  const key = `${i % STATES.length}/${n.id}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const picture = project(state, nationAudience(n.id));
  const seen = JSON.stringify(picture);
  const kinds = vocabulary(state);
  const words = [...new Set(Object.values(kinds).flat())].filter((w) => w.trim().length >= 2);
  const secrets = words.filter((w) => !wordRe(w).test(seen));
  const pools: Record<string, string[]> = { all: [...words, ...MADE_UP, ...NATION_IDS], nations: NATION_IDS };
  for (const [kind, list] of Object.entries(kinds)) pools[kind] = [...list, ...MADE_UP.slice(0, 3)];
  const actor: Actor = {
    role: 'nation',
    nation: n.id,
    position: n.positions[0]?.id ?? null,
    name: `${n.id} tester`,
    participant: `p-${n.id}`,
  };
  const p = { state, nation: n.id, actor, secrets, pools, picture };
  cache.set(key, p);
  return p;
}

// Commands from the schemas ---------------------------------------------------------------------

interface ZodLike {
  _zod: { def: Def; bag: Record<string, unknown> };
}
interface Def {
  type: string;
  shape?: Record<string, ZodLike>;
  element?: ZodLike;
  innerType?: ZodLike;
  options?: ZodLike[];
  values?: unknown[];
  entries?: Record<string, string>;
  checks?: Array<{ _zod: { def: { pattern?: unknown } } }>;
}

type Pools = Readonly<Record<string, readonly string[]>>;
type Gen = (pools: Pools) => fc.Arbitrary<unknown>;

/** An arbitrary value for a zod schema: mostly valid, sometimes not, strings drawn from the exercise's words. */
function arbitraryOf(schema: ZodLike, field = ''): Gen {
  const def = schema._zod.def;
  switch (def.type) {
    case 'object': {
      const fields = Object.entries(def.shape ?? {}).map(([k, v]) => [k, arbitraryOf(v, k), isOptional(v)] as const);
      return (pools) =>
        fc.record(Object.fromEntries(fields.map(([k, g]) => [k, g(pools)])), {
          requiredKeys: fields.filter(([, , optional]) => !optional).map(([k]) => k),
        });
    }
    case 'optional':
    case 'default':
    case 'nullable': {
      const inner = arbitraryOf(def.innerType!, field);
      return def.type === 'nullable' ? (pools) => fc.option(inner(pools), { nil: null }) : inner;
    }
    case 'array': {
      const element = arbitraryOf(def.element!, field);
      const min = typeof schema._zod.bag.minimum === 'number' ? schema._zod.bag.minimum : 0;
      return (pools) =>
        fc.oneof(
          { weight: 9, arbitrary: fc.array(element(pools), { minLength: min, maxLength: min + 3 }) },
          { weight: 1, arbitrary: fc.array(element(pools), { maxLength: 3 }) },
        );
    }
    case 'union': {
      const options = (def.options ?? []).map((o) => arbitraryOf(o, field));
      return (pools) => fc.oneof(...options.map((g) => g(pools)));
    }
    case 'literal':
      return () => fc.constantFrom(...(def.values ?? [null]));
    case 'enum':
      return () =>
        fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...Object.values(def.entries ?? {})) }, { weight: 1, arbitrary: fc.string() });
    case 'boolean':
      return () => fc.boolean();
    case 'number': {
      const min = typeof schema._zod.bag.minimum === 'number' ? schema._zod.bag.minimum : -5;
      const max = typeof schema._zod.bag.maximum === 'number' ? schema._zod.bag.maximum : 50;
      return () =>
        fc.oneof({ weight: 9, arbitrary: fc.integer({ min, max: Math.min(max, min + 60) }) }, { weight: 1, arbitrary: fc.integer() });
    }
    case 'string': {
      // A string with a pattern (an id, a nation) is mostly drawn from the words that fit it.
      const patterns = (def.checks ?? []).flatMap((c) => (c._zod.def.pattern instanceof RegExp ? [c._zod.def.pattern] : []));
      const kind = KIND_OF_FIELD[field];
      return (pools) => {
        const all = pools.all ?? [];
        const own = (kind !== undefined ? pools[kind] : undefined) ?? all;
        const fitting = own.filter((w) => patterns.every((re) => re.test(w)));
        return fc.oneof(
          { weight: 16, arbitrary: fc.constantFrom(...(fitting.length > 0 ? fitting : own)) },
          { weight: 2, arbitrary: fc.constantFrom(...all) },
          { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
        );
      };
    }
    default:
      throw new Error(`no arbitrary for a zod ${def.type}: extend arbitraryOf`);
  }
}
const isOptional = (s: ZodLike) => s._zod.def.type === 'optional' || s._zod.def.type === 'default';

const SCHEMAS = Command.options as unknown as ZodLike[];
const typeOf = (s: ZodLike) => s._zod.def.shape!.type!._zod.def.values![0] as CommandType;
const GENERATORS = SCHEMAS.map((s) => ({ type: typeOf(s), gen: arbitraryOf(s) }));
/** Commands a nation may send are drawn far more often; the others are refused before any lookup. */
const forNation = (t: CommandType) => (commandInfo[t].roles as readonly string[]).includes('nation');

/** Half the cases in a submit phase, where most of a nation's lookups happen. */
const SUBMIT = STATES.flatMap((st, i) => (currentPhase(st) === 'submit' && st.status === 'running' ? [i] : []));
/** The command arbitrary for a position's pools: built once per position (arbitraries are immutable), not once per case. */
const commandsFor = new WeakMap<Pools, fc.Arbitrary<unknown>>();
function commandArbitrary(pools: Pools): fc.Arbitrary<unknown> {
  let arb = commandsFor.get(pools);
  if (!arb) {
    arb = fc.oneof(...GENERATORS.map(({ type, gen }) => ({ weight: forNation(type) ? 12 : 1, arbitrary: gen(pools) })));
    commandsFor.set(pools, arb);
  }
  return arb;
}

const case_ = fc
  .record({ i: fc.oneof(fc.constantFrom(...SUBMIT), fc.nat()), n: fc.nat() })
  .chain(({ i, n }) => commandArbitrary(position(i, n).pools).map((command) => ({ i, n, command })));

// The checks ------------------------------------------------------------------------------------

type Answer = { ok: true } | { ok: false; code: string; path: string | null; message: string };
const answerOf = (d: Decision): Answer =>
  d.ok ? { ok: true } : { ok: false, code: d.rejection.code, path: d.rejection.path ?? null, message: d.rejection.message };

/** A made-up stand-in for a hidden id or name, of the same shape (an id, or words with spaces). */
function standIn(secret: string, k: number): string {
  const stem = ID_SHAPE.test(secret) ? `zq${k.toString(36)}x` : `Zq x${k.toString(36)} `;
  return (stem + 'x'.repeat(64)).slice(0, Math.max(secret.length, stem.length));
}

/** Replace every string of the command that is a hidden id or name by its stand-in. */
function substitute(value: unknown, swap: Map<string, string>): unknown {
  if (typeof value === 'string') return swap.get(value) ?? value;
  if (Array.isArray(value)) return value.map((v) => substitute(v, swap));
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, swap)]));
  return value;
}

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (typeof value === 'object' && value !== null) for (const v of Object.values(value)) strings(v, out);
  return out;
}

const stats = { refused: 0, accepted: 0, withSecret: 0, codes: new Map<string, number>() };

describe('refusals to a nation', () => {
  it('name nothing it cannot see, and answer a hidden id exactly as one that does not exist', () => {
    fc.assert(
      fc.property(case_, ({ i, n, command }) => {
        const p = position(i, n);
        const at = p.state.lastAt + 1000;
        const d = decide(p.state, { command, actor: p.actor, at });
        const answer = answerOf(d);
        const written = strings(command);

        // 1. Nothing of the exercise the nation cannot see, except what it wrote itself.
        if (!answer.ok) {
          stats.refused++;
          stats.codes.set(answer.code, (stats.codes.get(answer.code) ?? 0) + 1);
          const told = `${answer.message}\n${answer.path ?? ''}`;
          const leaked = p.secrets.filter((s) => wordRe(s).test(told) && !written.some((w) => wordRe(s).test(w)));
          expect(leaked, `${p.nation} was told ${JSON.stringify(told)} for ${JSON.stringify(command)}`).toEqual([]);
        } else stats.accepted++;

        // 2. Hidden ids and names answered as made-up ones.
        const hidden = [...new Set(written.filter((w) => p.secrets.includes(w)))];
        if (hidden.length > 0) {
          stats.withSecret++;
          const swap = new Map(hidden.map((h, k) => [h, standIn(h, k)]));
          const variant = answerOf(decide(p.state, { command: substitute(command, swap), actor: p.actor, at }));
          let expected = answer;
          if (!answer.ok) {
            let message = answer.message;
            for (const [h, s] of swap) message = message.replace(wordRe(h, 'g'), s);
            expected = { ...answer, message };
          }
          expect(variant, `${p.nation}: ${JSON.stringify(command)} is answered unlike the same with made-up ids`).toEqual(expected);
        }

        // An accepted command shows in the sender's own picture.
        if (d.ok && !d.duplicate) {
          const after = cloneState(p.state);
          for (const e of d.events) evolve(after, e);
          expect(samePicture(p.picture, project(after, nationAudience(p.nation))), `${JSON.stringify(command)} accepted unseen`).toBe(
            false,
          );
        }
      }),
      { seed, numRuns: 3000 },
    );
    // The generator reaches the handlers, with hidden ids, and gets both answers.
    expect(stats.withSecret).toBeGreaterThan(300);
    expect(stats.accepted).toBeGreaterThan(20);
    expect([...stats.codes.keys()]).toEqual(
      expect.arrayContaining(['not_your_asset', 'not_found', 'unknown_region', 'malformed', 'forbidden']),
    );
  });
});
