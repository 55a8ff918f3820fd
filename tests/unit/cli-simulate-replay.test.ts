/** `concord simulate` and `concord replay`, run in-process on real files. */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../server/src/cli.ts';
import { parseScenarioText, type Scenario } from '../../shared/src/scenario/index.ts';
import { COMMAND_TYPES } from '../../shared/src/engine/index.ts';
import { simulate } from '../../shared/src/sim/simulate.ts';

const scenarioPath = (name: string) => new URL(`../../scenarios/${name}`, import.meta.url).pathname;

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['node', 'concord', ...args], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function loadScenario(name: string): Promise<Scenario> {
  const r = parseScenarioText(await readFile(scenarioPath(name), 'utf8'));
  if (!r.ok) throw new Error(`${name} does not validate`);
  return r.scenario;
}

/** vitest's asymmetric matcher is typed `any`; as `unknown` it goes into an expected object safely. */
const matching = (pattern: RegExp): unknown => expect.stringMatching(pattern);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'concord-cli-'));
});

describe.each(['harbour-watch.json', 'northern-lantern.json'])('simulate %s', (name) => {
  it('gives identical bytes for the same seed and different bytes for another seed', async () => {
    const [a, b, c] = ['a', 'b', 'c'].map((x) => join(dir, `${name}-${x}.jsonl`)) as [string, string, string];
    expect((await cli('simulate', scenarioPath(name), '--seed', '11', '--out', a)).code).toBe(0);
    expect((await cli('simulate', scenarioPath(name), '--seed', '11', '--out', b)).code).toBe(0);
    const third = await cli('simulate', scenarioPath(name), '--seed', '12', '--out', c);
    expect(third.code).toBe(0);
    expect(third.out).toMatch(/wrote .*: \d+ events from \d+ commands, turn \d+, ended$/);
    const [ta, tb, tc] = await Promise.all([readFile(a, 'utf8'), readFile(b, 'utf8'), readFile(c, 'utf8')]);
    expect(ta).toBe(tb);
    expect(tc).not.toBe(ta);
    expect(ta.split('\n').filter(Boolean).length).toBeGreaterThan(100);
  });

  it('replay --as <nation> never contains a report, ground truth or control note the nation may not see', async () => {
    const s = await loadScenario(name);
    const log = join(dir, `${name}-leak.jsonl`);
    await cli('simulate', scenarioPath(name), '--seed', '5', '--out', log);
    const lines = (await readFile(log, 'utf8')).split('\n').filter(Boolean).length;
    for (const n of s.nations) {
      for (const at of [Math.floor(lines / 3), lines]) {
        const r = await cli('replay', log, '--as', n.id, '--at', String(at));
        expect(r.code).toBe(0);
        const view = JSON.parse(r.out) as { audience: string; intel: Array<{ id: string; part: string }> };
        expect(view.audience).toBe(n.id);
        // Who held what at that point, as control saw it: a nation reads in full only what it holds.
        const control = JSON.parse((await cli('replay', log, '--as', 'facilitator', '--at', String(at))).out) as {
          intel: Array<{ id: string; control: { holders: Array<{ nation: string }> } }>;
        };
        for (const report of s.intel) {
          const holds = control.intel.find((x) => x.id === report.id)?.control.holders.some((x) => x.nation === n.id) ?? false;
          if (!holds) {
            expect(r.out).not.toContain(JSON.stringify(report.body));
            expect(view.intel.filter((x) => x.part === 'full').map((x) => x.id)).not.toContain(report.id);
          }
          expect(r.out).not.toContain(report.groundTruth);
        }
        for (const x of s.injects) if (x.controlNotes) expect(r.out).not.toContain(JSON.stringify(x.controlNotes));
      }
    }
  });
});

describe('the simulation bots', () => {
  // Each seed plays a whole exercise with no refusal, and between them the seeds send every
  // command type: a single seed's random stream shifts whenever any bot changes, so one run may
  // miss a rare move, but a concern whose bot never makes one fails here.
  const SEEDS = [5, 11, 23];
  it('send every command type over a few Northern Lantern exercises, none refused', async () => {
    const scenario = await loadScenario('northern-lantern.json');
    const sent = new Set<string>();
    for (const seed of SEEDS) {
      const run = simulate(scenario, { seed });
      expect(run.rejections, `seed ${seed}`).toEqual([]);
      for (const [type, n] of Object.entries(run.applied)) if (n) sent.add(type);
    }
    // clock.tick is the system's: the host sends it when something falls due, no bot does (the
    // driver ticks while auto-advance is on, but that is the host's part).
    const fromBots = COMMAND_TYPES.filter((t) => t !== 'clock.tick');
    expect(fromBots.filter((t) => !sent.has(t))).toEqual([]);
  });
});

describe('replay', () => {
  let log: string;
  beforeAll(async () => {
    log = join(dir, 'hw.jsonl');
    await cli('simulate', scenarioPath('harbour-watch.json'), '--seed', '3', '--turns', '2', '--out', log);
  });

  it('--turns stops early and leaves the exercise running', async () => {
    const r = await cli('replay', log);
    const view = JSON.parse(r.out) as { exercise: { turn: number; status: string }; audience: string };
    expect(view.audience).toBe('facilitator');
    expect(view.exercise.turn).toBe(2);
    expect(view.exercise.status).toBe('running');
  });

  it('--at goes back in time', async () => {
    const r = await cli('replay', log, '--at', '1', '--as', 'observer');
    const view = JSON.parse(r.out) as { exercise: { status: string; seq: number }; audience: string };
    expect(view).toMatchObject({ audience: 'public', exercise: { status: 'setup', seq: 1 } });
  });

  it('refuses bad arguments and bad logs with a clear message', async () => {
    expect(await cli('replay', log, '--as', 'XYZ')).toMatchObject({
      code: 1,
      err: matching(/--as XYZ: expected facilitator, evaluator, observer or one of ARN, BRV, CSM/),
    });
    expect(await cli('replay', log, '--at', '999999')).toMatchObject({
      code: 1,
      err: matching(/--at 999999: the log runs from 1 to \d+/),
    });
    expect(await cli('replay', log, '--at', 'soon')).toMatchObject({ code: 1, err: matching(/--at must be an integer/) });
    expect(await cli('replay', join(dir, 'missing.jsonl'))).toMatchObject({ code: 1, err: matching(/cannot read .*ENOENT/) });

    const text = await readFile(log, 'utf8');
    const lines = text.split('\n');
    const broken = join(dir, 'broken.jsonl');
    await writeFile(broken, [lines[0], '{not json', lines[2]!.replace('"seq":3', '"seq":"three"'), ...lines.slice(3)].join('\n'));
    const r = await cli('replay', broken);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/line 2: not valid JSON/);
    expect(r.err).toMatch(/line 3: seq: /);
    expect(r.err).not.toMatch(/\n\s+at /);

    const gap = join(dir, 'gap.jsonl');
    await writeFile(gap, [lines[0], ...lines.slice(2)].join('\n'));
    expect(await cli('replay', gap)).toMatchObject({ code: 1, err: matching(/line 2: seq 3 where 2 was expected/) });
  });

  it('simulate refuses an invalid scenario and a bad seed', async () => {
    const bad = join(dir, 'bad.json');
    await writeFile(bad, '{"meta": {}}');
    const r = await cli('simulate', bad, '--seed', '1', '--out', join(dir, 'x.jsonl'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/is not a valid scenario:\n\s+meta\.id: required field is missing/);
    expect(await cli('simulate', scenarioPath('harbour-watch.json'), '--seed', 'x', '--out', join(dir, 'y.jsonl'))).toMatchObject({
      code: 1,
    });
  });
});

describe('concord replay into a reader that stops early', () => {
  it('exits 0 without a word on standard error when the pipe closes (`concord replay … | head`)', async () => {
    const log = join(dir, 'epipe.jsonl');
    expect((await cli('simulate', scenarioPath('northern-lantern.json'), '--seed', '3', '--out', log)).code).toBe(0);
    // The whole output is far larger than a pipe's buffer, so the writer is still writing when the reader goes.
    expect((await cli('replay', log)).out.length).toBeGreaterThan(256 * 1024);
    const bin = new URL('../../bin/concord.mjs', import.meta.url).pathname;
    const child = spawn(process.execPath, [bin, 'replay', log], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let received = 0;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', (d: Buffer) => {
      received = d.length;
      child.stdout.destroy();
    });
    const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('close', (code, signal) => resolve({ code, signal })),
    );
    expect(received).toBeGreaterThan(0);
    expect(stderr).toBe('');
    expect(exit).toEqual({ code: 0, signal: null });
  });
});

describe('concord serve', () => {
  it('refuses to start on a scenario folder with an invalid file: exit 1, the problem, no trace', async () => {
    const scenarios = await mkdtemp(join(tmpdir(), 'concord-serve-scenarios-'));
    await writeFile(join(scenarios, 'broken.json'), '{\n  "meta": {},\n}');
    const r = await cli('serve', '--port', '0', '--data', join(dir, 'serve-data'), '--scenarios', scenarios);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /^concord: cannot start the server: scenario broken\.json is invalid:\n {2}\(file\): not valid JSON: line 3, column 1: /,
    );
    expect(r.err).not.toMatch(/\n\s+at /);
  });
});
