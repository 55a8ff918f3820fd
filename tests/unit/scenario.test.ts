/**
 * Scenario format: the shipped scenarios validate, every kind of broken scenario is reported with
 * the exact JSON path and a readable reason (never a throw, never a stack trace), the generated
 * JSON Schema on disk is fresh, and `concord scenario validate` exits 0/1 accordingly.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  parseScenario,
  parseScenarioBytes,
  parseScenarioText,
  scenarioJsonSchema,
  type ScenarioInput,
  type ScenarioProblem,
  type ScenarioResult,
} from '@concord/shared/scenario/index';
import { main, type Io } from '../../server/src/cli.ts';
import { ScenarioCatalog } from '../../server/src/host/catalog.ts';

const scenarioUrl = (name: string) => new URL(`../../scenarios/${name}`, import.meta.url);
const scenarioPath = (name: string) => fileURLToPath(scenarioUrl(name));

const harbourText = readFileSync(scenarioUrl('harbour-watch.json'), 'utf8');
const harbour = JSON.parse(harbourText) as ScenarioInput;

/** A deep copy of harbour-watch that a case may break freely. */
const fresh = (): ScenarioInput => structuredClone(harbour);

/** Item `i` of a fixture array; fails loudly if the fixture changed shape. */
function at<T>(items: readonly T[] | undefined, i: number): T {
  const item = items?.[i];
  if (item === undefined) throw new Error(`fixture has no item at index ${i}`);
  return item;
}

/** Writes a value the schema's type would not allow (wrong types, unknown keys). */
const put = (target: object, key: string, value: unknown): void => void Reflect.set(target, key, value);
/** Removes a property, required or not. */
const unset = (target: object, key: string): void => void Reflect.deleteProperty(target, key);

type InjectInput = ScenarioInput['injects'][number];
type ConditionTrigger = Extract<NonNullable<InjectInput['trigger']>, { type: 'condition' }>;

function conditionTrigger(inject: InjectInput): ConditionTrigger {
  const t = inject.trigger;
  if (t?.type !== 'condition') throw new Error(`fixture inject ${inject.id} has no condition trigger`);
  return t;
}

function parseSafely(text: string): ScenarioResult {
  let result: ScenarioResult | undefined;
  expect(() => {
    result = parseScenarioText(text);
  }).not.toThrow();
  if (result === undefined) throw new Error('parseScenarioText returned nothing');
  return result;
}

function problemsOf(result: ScenarioResult): ScenarioProblem[] {
  if (result.ok) throw new Error('expected the scenario to be rejected, but it was accepted');
  return result.problems;
}

interface BrokenCase {
  name: string;
  mutate: (s: ScenarioInput) => void;
  /** How to turn the mutated scenario into file text; JSON by default. */
  text?: (s: ScenarioInput) => string;
  path: string;
  message: RegExp | string;
}

const broken: BrokenCase[] = [
  // File and shape
  {
    name: 'malformed JSON text',
    mutate: () => {},
    text: (s) => JSON.stringify(s, null, 2).slice(0, -2),
    path: '(file)',
    message: /^not valid JSON: \S/,
  },
  {
    name: 'missing required field',
    mutate: (s) => unset(s.meta, 'title'),
    path: 'meta.title',
    message: 'required field is missing (expected string)',
  },
  {
    name: 'missing required top-level array',
    mutate: (s) => unset(s, 'injects'),
    path: 'injects',
    message: 'required field is missing (expected array)',
  },
  {
    name: 'wrong type',
    mutate: (s) => put(s.clock, 'turns', '3'),
    path: 'clock.turns',
    message: 'Invalid input: expected number, received string',
  },
  {
    name: 'unknown key in a strict object',
    mutate: (s) => put(s.meta, 'colour', '#ffffff'),
    path: 'meta.colour',
    message: 'unknown field "colour"',
  },
  {
    name: 'unknown key in a nested strict object',
    mutate: (s) => put(at(s.map.regions, 0), 'fill', '#ffffff'),
    path: 'map.regions[0].fill',
    message: 'unknown field "fill"',
  },
  {
    name: 'bad trigraph',
    mutate: (s) => {
      at(s.nations, 0).id = 'ARNH';
    },
    path: 'nations[0].id',
    message: /three-letter upper-case trigraph/,
  },
  {
    name: 'recipient that is neither ALL nor a trigraph',
    mutate: (s) => {
      at(s.injects, 4).to = ['ARN', 'xyz'];
    },
    path: 'injects[4].to[1]',
    message: /three-letter upper-case trigraph/,
  },
  {
    name: 'unknown trigger type',
    mutate: (s) => put(at(s.injects, 5), 'trigger', { type: 'cron' }),
    path: 'injects[5].trigger.type',
    message: /Invalid discriminator value/,
  },
  {
    name: 'start game time not ISO 8601',
    mutate: (s) => {
      s.clock.startGameTime = 'tomorrow at dawn';
    },
    path: 'clock.startGameTime',
    message: /ISO datetime/,
  },

  // Nations, narrative, personas
  {
    name: 'adversary also listed as an ally',
    mutate: (s) => {
      s.adversary.id = 'BRV';
    },
    path: 'adversary.id',
    message: 'adversary "BRV" is also listed as an allied nation',
  },
  {
    name: 'capital in an unknown region',
    mutate: (s) => {
      at(s.nations, 2).capital = 'atlantis';
    },
    path: 'nations[2].capital',
    message: 'unknown region "atlantis"',
  },
  {
    name: 'duplicate position in a nation',
    mutate: (s) => {
      at(s.nations, 0).positions.push({ id: 'fm', title: 'Second Foreign Minister' });
    },
    path: 'nations[0].positions[4].id',
    message: 'duplicate position "fm" (first at nations[0].positions[1])',
  },
  {
    name: 'missing nation brief',
    mutate: (s) => unset(s.narrative.nationBriefs, 'CSM'),
    path: 'narrative.nationBriefs.CSM',
    message: 'missing the private brief of nation "CSM"',
  },
  {
    name: 'brief for an unknown nation',
    mutate: (s) => {
      s.narrative.nationBriefs['XYZ'] = 'Nobody plays this nation.';
    },
    path: 'narrative.nationBriefs.XYZ',
    message: 'unknown nation "XYZ"',
  },

  // Map
  {
    name: 'duplicate region id',
    mutate: (s) => {
      at(s.map.regions, 1).id = 'arnholm';
    },
    path: 'map.regions[1].id',
    message: 'duplicate region "arnholm" (first at map.regions[0])',
  },
  {
    name: 'asymmetric adjacency',
    mutate: (s) => {
      at(s.map.regions, 2).adjacent = ['grey-sound'];
    },
    path: 'map.regions[0].adjacent[1]',
    message: 'adjacency is not symmetric: "cosmara" does not list "arnholm"',
  },
  {
    name: 'adjacency to an unknown region',
    mutate: (s) => {
      at(s.map.regions, 5).adjacent = ['atlantis'];
    },
    path: 'map.regions[5].adjacent[0]',
    message: 'unknown region "atlantis"',
  },
  {
    name: 'self-adjacency',
    mutate: (s) => {
      at(s.map.regions, 5).adjacent = ['harbour-net'];
    },
    path: 'map.regions[5].adjacent[0]',
    message: 'region "harbour-net" cannot be adjacent to itself',
  },
  {
    name: 'adjacent region listed twice',
    mutate: (s) => {
      at(s.map.regions, 0).adjacent = ['bravaria', 'cosmara', 'bravaria'];
    },
    path: 'map.regions[0].adjacent[2]',
    message: '"bravaria" is listed twice',
  },
  {
    name: 'polygon point outside the map',
    mutate: (s) => {
      at(s.map.regions, 5).polygon[2] = [1010, 690];
    },
    path: 'map.regions[5].polygon[2]',
    message: 'point (1010, 690) lies outside the 1000×700 map',
  },
  {
    name: 'polygon with zero area',
    mutate: (s) => {
      at(s.map.regions, 5).polygon = [
        [830, 600],
        [900, 600],
        [990, 600],
      ];
    },
    path: 'map.regions[5].polygon',
    message: 'polygon has zero area',
  },
  {
    name: 'region controlled by an unknown nation',
    mutate: (s) => {
      at(s.map.regions, 0).controller = 'XYZ';
    },
    path: 'map.regions[0].controller',
    message: 'unknown nation or adversary "XYZ"',
  },

  // Assets
  {
    name: 'asset in an unknown region',
    mutate: (s) => {
      at(s.assets, 0).region = 'nowhere';
    },
    path: 'assets[0].region',
    message: 'unknown region "nowhere"',
  },
  {
    name: 'asset owner unknown',
    mutate: (s) => {
      at(s.assets, 3).owner = 'XYZ';
    },
    path: 'assets[3].owner',
    message: 'unknown nation or adversary "XYZ"',
  },
  {
    name: 'duplicate asset id',
    mutate: (s) => {
      at(s.assets, 1).id = 'arn-hq';
    },
    path: 'assets[1].id',
    message: 'duplicate asset "arn-hq" (first at assets[0])',
  },

  // Treaties
  {
    name: 'treaty party unknown',
    mutate: (s) => {
      at(s.treaties, 0).parties[2] = 'XYZ';
    },
    path: 'treaties[0].parties[2]',
    message: 'unknown nation "XYZ"',
  },
  {
    name: 'treaty party listed twice',
    mutate: (s) => {
      at(s.treaties, 0).parties = ['ARN', 'BRV', 'ARN'];
    },
    path: 'treaties[0].parties[2]',
    message: 'duplicate party "ARN" (first at treaties[0].parties[0])',
  },
  {
    name: 'burden_sharing clause without pledgePct',
    mutate: (s) => {
      delete at(at(s.treaties, 0).clauses, 3).pledgePct;
    },
    path: 'treaties[0].clauses[3].pledgePct',
    message: 'a burden_sharing clause needs a pledged % of GDP',
  },

  // Intel
  {
    name: 'intel REL TO an unknown nation',
    mutate: (s) => {
      at(s.intel, 0).controls.relTo = ['ARN', 'XYZ'];
    },
    path: 'intel[0].controls.relTo[1]',
    message: 'unknown nation "XYZ"',
  },
  {
    name: 'NOFORN report REL TO another nation',
    mutate: (s) => {
      at(s.intel, 1).controls.relTo = ['ARN'];
    },
    path: 'intel[1].controls.relTo',
    message: 'a NOFORN report cannot be REL TO other nations',
  },
  {
    name: 'tearline classified above its report',
    mutate: (s) => {
      const tearline = at(s.intel, 4).tearline;
      if (!tearline) throw new Error('fixture intel[4] has no tearline');
      tearline.classification = 'TOP SECRET';
    },
    path: 'intel[4].tearline.classification',
    message: 'a tearline cannot be classified above its report (SECRET)',
  },
  {
    name: 'intel released after the last turn',
    mutate: (s) => {
      at(s.intel, 4).releaseTurn = 9;
    },
    path: 'intel[4].releaseTurn',
    message: 'turn 9 is after the last turn (3)',
  },

  // Objectives
  {
    name: 'objective for an unknown nation',
    mutate: (s) => {
      at(s.objectives, 2).nations = ['BRV', 'XYZ'];
    },
    path: 'objectives[2].nations[1]',
    message: 'unknown nation "XYZ"',
  },

  // Injects
  {
    name: 'inject to an unknown nation',
    mutate: (s) => {
      at(s.injects, 4).to = ['ARN', 'XYZ'];
    },
    path: 'injects[4].to[1]',
    message: 'unknown nation "XYZ"',
  },
  {
    name: 'inject from an unknown persona',
    mutate: (s) => {
      at(s.injects, 0).from = 'ghost-writer';
    },
    path: 'injects[0].from',
    message: 'unknown persona "ghost-writer"',
  },
  {
    name: 'inject turn after the last turn',
    mutate: (s) => {
      at(s.injects, 7).turn = 4;
    },
    path: 'injects[7].turn',
    message: 'turn 4 is after the last turn (3)',
  },
  {
    name: 'inject phase not in the clock',
    mutate: (s) => {
      s.clock.phases = s.clock.phases.filter((p) => p.id !== 'outcome');
      at(s.injects, 0).phase = 'outcome';
    },
    path: 'injects[0].phase',
    message: `phase "outcome" is not one of this scenario's phases (brief, consult, submit, adjudicate)`,
  },
  {
    name: 'inject offsetMinutes outside its turn',
    mutate: (s) => {
      at(s.injects, 1).offsetMinutes = 800;
    },
    path: 'injects[1].offsetMinutes',
    message: 'offset 800 min does not fall in turn 1 (0–719 min)',
  },
  {
    name: 'inject refers to an unknown objective',
    mutate: (s) => {
      at(s.injects, 0).objectives = ['obj-consult', 'obj-nope'];
    },
    path: 'injects[0].objectives[1]',
    message: 'unknown objective "obj-nope"',
  },
  {
    name: 'inject refers to an unknown intel report',
    mutate: (s) => {
      at(s.injects, 1).intel = 'hw-int-99';
    },
    path: 'injects[1].intel',
    message: 'unknown intel report "hw-int-99"',
  },
  {
    name: 'inject addressed to a position no recipient has',
    mutate: (s) => {
      at(s.injects, 2).positions = ['hog', 'admiral'];
    },
    path: 'injects[2].positions[1]',
    message: 'no receiving team has a position "admiral"',
  },
  {
    name: 'duplicate inject number',
    mutate: (s) => {
      at(s.injects, 7).number = 1;
    },
    path: 'injects[7].number',
    message: 'duplicate inject number 1 (first at injects[0])',
  },
  {
    name: 'condition trigger on a non-contingency inject',
    mutate: (s) => {
      at(s.injects, 5).kind = 'event';
    },
    path: 'injects[5].kind',
    message: 'an inject with a condition trigger must be of kind "contingency"',
  },
  {
    name: 'contingency deadline before the inject turn',
    mutate: (s) => {
      conditionTrigger(at(s.injects, 5)).deadline.turn = 1;
    },
    path: 'injects[5].trigger.deadline',
    message: /^the deadline \(turn 1 outcome\) comes before the inject's own turn 2/,
  },
  {
    name: 'contingency waiting on an unknown nation',
    mutate: (s) => {
      conditionTrigger(at(s.injects, 5)).unlessAction.by = ['XYZ'];
    },
    path: 'injects[5].trigger.unlessAction.by[0]',
    message: 'unknown nation "XYZ"',
  },

  // Adjudication tables
  {
    name: 'adjudication table with a gap',
    mutate: (s) => {
      at(at(s.adjudicationTables, 0).outcomes, 1).range = [18, 60];
    },
    path: 'adjudicationTables[0].outcomes',
    message: 'rolls 16–17 are not covered',
  },
  {
    name: 'adjudication table with an overlap',
    mutate: (s) => {
      at(at(s.adjudicationTables, 1).outcomes, 2).range = [70, 100];
    },
    path: 'adjudicationTables[1].outcomes',
    message: 'rolls 70–75 are covered twice',
  },
  {
    name: 'adjudication range out of order',
    mutate: (s) => {
      at(at(s.adjudicationTables, 0).outcomes, 0).range = [15, 1];
    },
    path: 'adjudicationTables[0].outcomes[0].range',
    message: 'range [15, 1] is not within 1–100 in order',
  },

  // Escalation
  {
    name: 'escalation ladder out of order',
    mutate: (s) => {
      const ladder = s.escalation.ladder;
      const [one, two] = [at(ladder, 1), at(ladder, 2)];
      ladder[1] = two;
      ladder[2] = one;
    },
    path: 'escalation.ladder[1].level',
    message: 'expected level 1: rungs must run 0, 1, 2, … in order',
  },
  {
    name: 'initial escalation level above the top rung',
    mutate: (s) => {
      s.escalation.initialLevel = 7;
    },
    path: 'escalation.initialLevel',
    message: 'level 7 is above the top rung (5)',
  },
  {
    name: 'playbook level above the top rung',
    mutate: (s) => {
      at(s.escalation.playbook, 0).level = 8;
    },
    path: 'escalation.playbook[0].level',
    message: 'level 8 is above the top rung (5)',
  },

  // Cohesion
  {
    name: 'cohesion of a nation with itself',
    mutate: (s) => {
      at(s.cohesion, 0).b = 'ARN';
    },
    path: 'cohesion[0].b',
    message: 'a nation has no cohesion with itself ("ARN")',
  },
  {
    name: 'duplicate cohesion pair (reversed)',
    mutate: (s) => {
      const c = at(s.cohesion, 2);
      c.a = 'BRV';
      c.b = 'ARN';
    },
    path: 'cohesion[2]',
    message: 'duplicate pair BRV–ARN (first at cohesion[0])',
  },
  {
    name: 'cohesion with an unknown nation',
    mutate: (s) => {
      at(s.cohesion, 1).b = 'XYZ';
    },
    path: 'cohesion[1].b',
    message: 'unknown nation "XYZ"',
  },
];

function brokenText(c: BrokenCase): string {
  const s = fresh();
  c.mutate(s);
  return c.text ? c.text(s) : JSON.stringify(s, null, 2);
}

describe('shipped scenarios', () => {
  it.each(['harbour-watch.json', 'northern-lantern.json'])('%s validates', (name) => {
    const result = parseSafely(readFileSync(scenarioUrl(name), 'utf8'));
    expect(result.ok ? [] : result.problems).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('harbour-watch puts a unique marker in every intel report body', () => {
    expect(harbour.intel).toHaveLength(5);
    for (const report of harbour.intel) {
      const marker = `MARKER-${report.id.toUpperCase()}`;
      expect(report.body).toContain(marker);
      // Exactly once in the whole file, so a leak test that finds it knows where it came from.
      expect(harbourText.split(marker)).toHaveLength(2);
      expect(report.groundTruth).not.toContain('MARKER-');
      expect(report.tearline?.body ?? '').not.toContain('MARKER-');
    }
  });

  it('harbour-watch keeps one adversary asset hidden', () => {
    const hidden = harbour.assets.filter((a) => a.hidden === true);
    expect(hidden.map((a) => a.owner)).toEqual([harbour.adversary.id]);
  });
});

describe('broken scenarios', () => {
  it('the table has at least 20 distinct cases', () => {
    expect(broken.length).toBeGreaterThanOrEqual(20);
    expect(new Set(broken.map((c) => c.name)).size).toBe(broken.length);
    expect(new Set(broken.map(brokenText)).size).toBe(broken.length);
    expect(new Set(broken.map(brokenText))).not.toContain(harbourText);
  });

  it.each(broken)('$name → $path', (c) => {
    const problems = problemsOf(parseSafely(brokenText(c)));
    // vitest's asymmetric matcher is typed `any`; as `unknown` it goes into the expected object safely.
    const message: unknown = typeof c.message === 'string' ? c.message : expect.stringMatching(c.message);
    expect(problems).toContainEqual({ path: c.path, message });
  });

  it('never throws on input that is not a scenario object', () => {
    const texts = ['', '   ', 'null', 'true', '42', '"scenario"', '[]', '{}', '['.repeat(10_000), '{"meta": {"id": '];
    for (const text of texts) {
      const problems = problemsOf(parseSafely(text));
      expect(problems.length).toBeGreaterThan(0);
    }
    for (const value of [undefined, null, 0, 'x', [], {}, { meta: null }, new Date(0)]) {
      let result: ScenarioResult | undefined;
      expect(() => {
        result = parseScenario(value);
      }).not.toThrow();
      expect(result?.ok).toBe(false);
    }
  });

  it('problem lists carry no stack traces and no empty messages', () => {
    const lists = [
      ...broken.map((c) => problemsOf(parseScenarioText(brokenText(c)))),
      ...['', 'null', '[]', '{}', '{"meta": '].map((t) => problemsOf(parseScenarioText(t))),
    ];
    for (const problems of lists) {
      expect(problems.length).toBeGreaterThan(0);
      for (const p of problems) {
        expect(p.path.trim()).not.toBe('');
        expect(p.message.trim()).not.toBe('');
        expect(p.message).not.toMatch(/^\s{4}at /m);
        expect(p.message).not.toMatch(/\n\s+at .+:\d+:\d+/);
      }
    }
  });
});

describe('scenario files: encoding and JSON syntax', () => {
  const utf8 = (text: string) => new TextEncoder().encode(text);

  it('a byte order mark is accepted in text and in bytes', () => {
    expect(parseScenarioText(`\uFEFF${harbourText}`).ok).toBe(true);
    expect(parseScenarioBytes(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(harbourText)])).ok).toBe(true);
  });

  it('non-ASCII UTF-8 names survive byte for byte', () => {
    const s = fresh();
    s.meta.title = 'Opération Café — Ærø 北';
    const r = parseScenarioBytes(utf8(JSON.stringify(s)));
    expect(r.ok && r.scenario.meta.title).toBe('Opération Café — Ærø 北');
  });

  it.each([
    { name: 'Latin-1 é', bytes: [0x7b, 0x22, 0xe9, 0x22, 0x7d], byte: 3, hex: 'E9' },
    { name: 'a lone continuation byte', bytes: [0x5b, 0x0a, 0x80, 0x5d], byte: 3, hex: '80', line: 2 },
    { name: 'an overlong slash', bytes: [0x5b, 0xc0, 0xaf, 0x5d], byte: 2, hex: 'C0' },
    { name: 'a UTF-16 surrogate', bytes: [0x5b, 0xed, 0xa0, 0x80, 0x5d], byte: 2, hex: 'ED' },
    { name: 'a sequence cut short at the end', bytes: [0x5b, 0xe2, 0x82], byte: 2, hex: 'E2' },
  ])('invalid UTF-8 is refused: $name', ({ bytes, byte, hex, line }) => {
    const problems = problemsOf(parseScenarioBytes(Uint8Array.from(bytes)));
    expect(problems).toHaveLength(1);
    expect(problems[0]?.path).toBe('(file)');
    expect(problems[0]?.message).toMatch(/^not valid UTF-8 /);
    expect(problems[0]?.message).toContain(`line ${line ?? 1}, byte ${byte} is 0x${hex},`);
    expect(problems[0]?.message).not.toContain('\uFFFD');
  });

  it.each([
    {
      name: 'a trailing comma in an object',
      text: '{\n  "meta": {\n    "id": "x",\n  }\n}',
      at: 'line 4, column 3',
      reason: /trailing comma/,
    },
    { name: 'a trailing comma in an array', text: '{"a": [1, 2,\n]}', at: 'line 2, column 1', reason: /trailing comma/ },
    {
      name: 'a truncated file',
      text: '{\n  "meta": {\n    "id": "x"',
      at: 'line 3, column 14',
      reason: /ends before this object is closed/,
    },
    { name: 'an empty file', text: '', at: 'line 1, column 1', reason: /ends where a value was expected/ },
    { name: 'a missing colon', text: '{"a" 1}', at: 'line 1, column 6', reason: /expected ':'/ },
    { name: 'single quotes', text: "{\n\t'a': 1}", at: 'line 2, column 2', reason: /property name in double quotes/ },
    { name: 'an unclosed string', text: '["abc', at: 'line 1, column 2', reason: /never closed/ },
    { name: 'a raw newline in a string', text: '["a\nb"]', at: 'line 1, column 4', reason: /cannot contain U\+000A/ },
    { name: 'a bad escape', text: '["a\\qb"]', at: 'line 1, column 4', reason: /not a valid escape/ },
    { name: 'a leading zero', text: '[01]', at: 'line 1, column 3', reason: /not a valid number/ },
    { name: 'text after the value', text: '{} {}', at: 'line 1, column 4', reason: /after the end of the JSON value/ },
    { name: 'columns count characters, not UTF-16 units', text: '["𝔸é", x]', at: 'line 1, column 8', reason: /found 'x'/ },
  ])('a JSON syntax error names its line and column: $name', ({ text, at: where, reason }) => {
    const problems = problemsOf(parseScenarioText(text));
    expect(problems).toHaveLength(1);
    expect(problems[0]?.path).toBe('(file)');
    expect(problems[0]?.message).toMatch(new RegExp(`^not valid JSON: ${where}: `));
    expect(problems[0]?.message).toMatch(reason);
  });

  it('a syntax error in a large file does not echo the file', () => {
    const text = `${JSON.stringify(harbour)}x`;
    const problems = problemsOf(parseScenarioText(text));
    expect(problems[0]?.message.length).toBeLessThan(200);
  });

  it('the catalog loads a scenario folder whose files start with a BOM', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'concord-catalog-'));
    try {
      await writeFile(join(dir, 'harbour-watch.json'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(harbourText)]));
      const catalog = await ScenarioCatalog.load(dir);
      expect(catalog.list().map((s) => s.id)).toEqual([harbour.meta.id]);
      await writeFile(join(dir, 'latin1.json'), Buffer.from(harbourText.replace('Harbour Watch', 'Café Watch'), 'latin1'));
      await expect(ScenarioCatalog.load(dir)).rejects.toThrow(/latin1\.json is invalid:\n {2}\(file\): not valid UTF-8/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('JSON Schema', () => {
  it('describes the top-level sections', () => {
    const schema = scenarioJsonSchema();
    const properties = schema['properties'];
    expect(typeof properties).toBe('object');
    expect(Object.keys(properties as Record<string, unknown>)).toEqual(expect.arrayContaining(['meta', 'map', 'injects']));
  });

  it('scenarios/scenario.schema.json is up to date (npx concord scenario schema --out scenarios/scenario.schema.json)', () => {
    const onDisk = readFileSync(scenarioUrl('scenario.schema.json'), 'utf8');
    expect(onDisk).toBe(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
  });
});

describe('concord scenario validate', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'concord-scenario-test-'));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const collect = () => {
    const out: string[] = [];
    const err: string[] = [];
    const io: Io = { out: (t) => void out.push(t), err: (t) => void err.push(t) };
    return { io, out, err };
  };

  it('exits 0 and prints ✓ for harbour-watch', async () => {
    const file = scenarioPath('harbour-watch.json');
    const { io, out, err } = collect();
    expect(await main(['node', 'concord', 'scenario', 'validate', file], io)).toBe(0);
    expect(out).toEqual([`✓ ${file}`]);
    expect(err).toEqual([]);
  });

  it('exits 1 and lists every problem of a broken file', async () => {
    const s = fresh();
    at(s.injects, 4).to = ['ARN', 'XYZ'];
    at(s.cohesion, 0).b = 'ARN';
    const file = join(dir, 'broken.json');
    await writeFile(file, JSON.stringify(s, null, 2));
    const { io, out, err } = collect();
    expect(await main(['node', 'concord', 'scenario', 'validate', file], io)).toBe(1);
    expect(out).toEqual([]);
    expect(err).toEqual([
      `✗ ${file}: 2 problems`,
      '  injects[4].to[1]: unknown nation "XYZ"',
      '  cohesion[0].b: a nation has no cohesion with itself ("ARN")',
    ]);
  });

  it('exits 1 for malformed JSON with a (file) problem', async () => {
    const file = join(dir, 'malformed.json');
    await writeFile(file, harbourText.slice(0, 200));
    const { io, err } = collect();
    expect(await main(['node', 'concord', 'scenario', 'validate', file], io)).toBe(1);
    expect(err[0]).toBe(`✗ ${file}: 1 problem`);
    expect(err[1]).toMatch(/^ {2}\(file\): not valid JSON: line \d+, column \d+: /);
  });

  it('accepts a file that starts with a UTF-8 byte order mark', async () => {
    const file = join(dir, 'bom.json');
    await writeFile(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(harbourText, 'utf8')]));
    const { io, out, err } = collect();
    expect(await main(['node', 'concord', 'scenario', 'validate', file], io)).toBe(0);
    expect(out).toEqual([`✓ ${file}`]);
    expect(err).toEqual([]);
  });

  it('names the line and column of a trailing comma', async () => {
    const file = join(dir, 'trailing-comma.json');
    // `"version": "…",` is followed by a comma before the closing brace of meta.
    const lines = JSON.stringify(harbour, null, 2).split('\n');
    const close = lines.findIndex((l, i) => i > 0 && l === '  },');
    lines[close - 1] = `${lines[close - 1] ?? ''},`;
    await writeFile(file, lines.join('\n'));
    const { io, err } = collect();
    expect(await main(['node', 'concord', 'scenario', 'validate', file], io)).toBe(1);
    expect(err).toEqual([
      `✗ ${file}: 1 problem`,
      `  (file): not valid JSON: line ${close + 1}, column 3: a comma cannot come before '}' (trailing comma)`,
    ]);
  });

  it('refuses a Latin-1 file instead of turning its names into U+FFFD', async () => {
    const file = join(dir, 'latin1.json');
    const s = fresh();
    s.meta.title = 'Opération Café';
    const text = JSON.stringify(s, null, 2);
    await writeFile(file, Buffer.from(text, 'latin1'));
    const line = text.slice(0, text.indexOf('Opération')).split('\n').length;
    const { io, out, err } = collect();
    expect(await main(['node', 'concord', 'scenario', 'validate', file], io)).toBe(1);
    expect(out).toEqual([]);
    expect(err[0]).toBe(`✗ ${file}: 1 problem`);
    expect(err[1]).toMatch(new RegExp(`^ {2}\\(file\\): not valid UTF-8 .*: line ${line}, byte \\d+ is 0xE9, .*save the file as UTF-8$`));
    // simulate reads scenario files the same way.
    const sim = collect();
    expect(await main(['node', 'concord', 'simulate', file, '--seed', '1', '--out', join(dir, 'never.jsonl')], sim.io)).toBe(1);
    expect(sim.err.join('\n')).toMatch(/not valid UTF-8/);
  });

  it('checks every file and fails if any is invalid', async () => {
    const good = scenarioPath('harbour-watch.json');
    const bad = join(dir, 'bad-clock.json');
    const s = fresh();
    put(s.clock, 'turns', 'three');
    await writeFile(bad, JSON.stringify(s));
    const { io, out, err } = collect();
    expect(await main(['node', 'concord', 'scenario', 'validate', good, bad], io)).toBe(1);
    expect(out).toEqual([`✓ ${good}`]);
    expect(err).toEqual([`✗ ${bad}: 1 problem`, '  clock.turns: Invalid input: expected number, received string']);
  });

  it('exits 1 with "cannot read" for a file that does not exist', async () => {
    const file = join(dir, 'does-not-exist.json');
    const { io, out, err } = collect();
    expect(await main(['node', 'concord', 'scenario', 'validate', file], io)).toBe(1);
    expect(out).toEqual([]);
    expect(err.join('\n')).toContain('cannot read');
    expect(err).toContain('  (file): cannot read: ENOENT');
  });

  it('scenario schema --out writes the same schema as the one shipped', async () => {
    const file = join(dir, 'scenario.schema.json');
    const { io, out } = collect();
    expect(await main(['node', 'concord', 'scenario', 'schema', '--out', file], io)).toBe(0);
    expect(out).toEqual([`wrote ${file}`]);
    expect(await readFile(file, 'utf8')).toBe(readFileSync(scenarioUrl('scenario.schema.json'), 'utf8'));
  });
});
