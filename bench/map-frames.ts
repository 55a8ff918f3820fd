/**
 * Map frame times: builds the map harness (client/bench/map.html) with Vite, serves it, and
 * opens it in headless Chromium at 1280×800. For each case it records requestAnimationFrame
 * deltas for ~5 s while the mouse pans (drag) and zooms (wheel), and prints median / p95
 * frame time and FPS:
 *   - baseline: the same harness with an empty Phaser scene (no map), in the same run;
 *   - calibration: that scene redrawing one opaque full-screen rectangle per frame (what a
 *     single layer of fill costs on this renderer: the map needs at least one);
 *   - northern-lantern as the facilitator (52 assets);
 *   - the stress scenario (scripts/stress-scenario.ts, 5,000 assets) as the facilitator.
 * It also reports the gzipped size of the lazily loaded map chunk (Phaser + the scene).
 *
 *   node bench/map-frames.ts          BENCH_MAP_SECONDS (5)  CHROMIUM (/usr/bin/chromium)
 */
import { createReadStream, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { parseScenario, type Scenario } from '../shared/src/scenario/index.ts';
import { simulate } from '../shared/src/sim/simulate.ts';
import { CHROMIUM_ARGS } from '../tests/e2e/browser.ts';
import { currentPhase } from '../shared/src/engine/index.ts';
import { Replay } from '../shared/src/replay/index.ts';
import { CONTROL, nationAudience, project, type View } from '../shared/src/views/index.ts';
import { stressScenario } from '../scripts/stress-scenario.ts';
import { fmt, median, percentile } from './stats.ts';

const ROOT = resolve(import.meta.dirname, '..');
const CLIENT = join(ROOT, 'client');
const SECONDS = Number(process.env.BENCH_MAP_SECONDS ?? 5);
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

export interface ChunkSize {
  file: string;
  bytes: number;
  gzip: number;
}

export interface Harness {
  base: string;
  /** Serve a JSON document under /bench-data/<name>; returns its URL path. */
  put(name: string, value: unknown): string;
  chunks: ChunkSize[];
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

/** Build the harness into a temporary directory and serve it (plus JSON data) on a free port. */
export async function startHarness(): Promise<Harness> {
  const out = await mkdtemp(join(tmpdir(), 'concord-map-harness-'));
  await build({
    configFile: join(CLIENT, 'vite.config.ts'),
    root: CLIENT,
    logLevel: 'warn',
    build: {
      outDir: out,
      emptyOutDir: true,
      reportCompressedSize: false,
      rolldownOptions: { input: { map: join(CLIENT, 'bench/map.html') } },
    },
  });
  const chunks: ChunkSize[] = [];
  const walk = (dir: string) => {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (f.endsWith('.js')) {
        const buf = readFileSync(p);
        chunks.push({ file: p.slice(out.length + 1), bytes: buf.length, gzip: gzipSync(buf, { level: 9 }).length });
      }
    }
  };
  walk(out);
  chunks.sort((a, b) => b.bytes - a.bytes);
  const data = new Map<string, string>();
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path.startsWith('/bench-data/')) {
      const body = data.get(path.slice('/bench-data/'.length));
      res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json' });
      res.end(body ?? '{}');
      return;
    }
    const file = resolve(out, `.${path}`);
    if (!file.startsWith(out) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    base: `http://127.0.0.1:${port}`,
    chunks,
    put(name, value) {
      data.set(name, JSON.stringify(value));
      return `/bench-data/${name}`;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await rm(out, { recursive: true, force: true });
    },
  };
}

/**
 * A fresh headless Chromium with its own profile directory (Playwright wants the profile as
 * launchPersistentContext's argument rather than --user-data-dir), one page at this viewport.
 */
export async function openChromium(
  viewport: { width: number; height: number },
  deviceScaleFactor = 1,
): Promise<{ page: Page; close(): Promise<void> }> {
  const profile = await mkdtemp(join(tmpdir(), 'concord-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    deviceScaleFactor,
    args: [...CHROMIUM_ARGS],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    page,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

function loadScenario(path: string): Scenario {
  const parsed = parseScenario(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.ok) throw new Error(`${path}: ${parsed.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  return parsed.scenario;
}

/** Views for the harness: Northern Lantern at seq 200 (control and KST), and the stress scenario mid-turn 2. */
export function makeViews(): { control: View; nation: View; stress: View; controlLater: View } {
  const nl = loadScenario(join(ROOT, 'scenarios/northern-lantern.json'));
  const replay = new Replay(simulate(nl, { seed: 1 }).events);
  const at = Math.min(200, replay.lastSeq);
  const state = replay.seek(at);
  const later = replay.seek(Math.min(replay.lastSeq, at + 60));
  const stressParsed = parseScenario(
    stressScenario(JSON.parse(readFileSync(join(ROOT, 'scenarios/northern-lantern.json'), 'utf8')) as Record<string, unknown>),
  );
  if (!stressParsed.ok) throw new Error('stress scenario does not parse');
  // Set from the callback, so held in an object: a local's narrowing would not see the assignment.
  const seen: { stress: View | null } = { stress: null };
  const run = simulate(stressParsed.scenario, {
    seed: 1,
    turns: 2,
    observe: (s) => {
      if (seen.stress === null && s.turn === 2 && currentPhase(s) === 'adjudicate') seen.stress = project(s, CONTROL);
    },
  });
  return {
    control: project(state, CONTROL),
    nation: project(state, nationAudience('KST')),
    stress: seen.stress ?? project(run.state, CONTROL),
    controlLater: project(later, CONTROL),
  };
}

/** What client/bench/map-bench.ts puts on window (that file is not in this project's typecheck). */
export interface BenchWindow {
  __bench?: { ready: boolean; error: string | null; selections: Array<string | null>; load(url: string): Promise<void> };
}

export async function openHarness(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(
    () => {
      const b = (window as unknown as BenchWindow).__bench;
      return b?.ready === true || (b?.error ?? null) !== null;
    },
    undefined,
    { timeout: 60_000 },
  );
  const error = await page.evaluate(() => (window as unknown as BenchWindow).__bench?.error ?? null);
  if (error) throw new Error(`harness: ${error}`);
}

/** rAF deltas over `seconds` while the mouse drags and wheels across the canvas. */
export async function measureWhileInteracting(page: Page, seconds: number): Promise<number[]> {
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __framesOn: boolean };
    w.__frames = [];
    w.__framesOn = true;
    let last = performance.now();
    const tick = (t: number) => {
      w.__frames.push(t - last);
      last = t;
      if (w.__framesOn) requestAnimationFrame(tick);
    };
    requestAnimationFrame((t) => {
      last = t;
      requestAnimationFrame(tick);
    });
  });
  const until = Date.now() + seconds * 1000;
  const { width, height } = page.viewportSize() ?? { width: 1280, height: 800 };
  const cx = width / 2;
  const cy = height / 2;
  let i = 0;
  while (Date.now() < until) {
    // A drag in a circle-ish path, then a few wheel notches in or out around a moving point.
    const a = (i * Math.PI) / 3;
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    for (let k = 1; k <= 12; k++) await page.mouse.move(cx + Math.cos(a) * k * 18, cy + Math.sin(a) * k * 12);
    await page.mouse.up();
    await page.mouse.move(cx + Math.cos(a) * 150, cy + Math.sin(a) * 90);
    const dir = i % 4 < 2 ? -1 : 1;
    for (let k = 0; k < 6; k++) {
      await page.mouse.wheel(0, dir * 120);
      await page.waitForTimeout(16);
    }
    i++;
  }
  return page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __framesOn: boolean };
    w.__framesOn = false;
    return w.__frames.slice(1);
  });
}

export interface FrameFigures {
  name: string;
  frames: number;
  median: number;
  p95: number;
  fps: number;
}

function figures(name: string, deltas: number[]): FrameFigures {
  const total = deltas.reduce((a, b) => a + b, 0);
  return {
    name,
    frames: deltas.length,
    median: median(deltas),
    p95: percentile(deltas, 95),
    fps: total > 0 ? (1000 * deltas.length) / total : 0,
  };
}

export interface MapFramesResult {
  cases: FrameFigures[];
  chunks: ChunkSize[];
  consoleErrors: string[];
}

export async function runMapFramesBench(): Promise<MapFramesResult> {
  const views = makeViews();
  const harness = await startHarness();
  const consoleErrors: string[] = [];
  try {
    const cases: Array<[string, string]> = [
      ['baseline: empty Phaser scene', '/map.html?empty=1&status=0'],
      ['calibration: one full-screen fill, redrawn', '/map.html?empty=1&layers=1&status=0'],
      [
        `northern-lantern, facilitator (${views.control.assets.length} assets)`,
        `/map.html?status=0&view=${harness.put('nl-control.json', views.control)}`,
      ],
      [
        `stress, facilitator (${views.stress.assets.length.toLocaleString('en-US')} assets)`,
        `/map.html?status=0&view=${harness.put('stress-control.json', views.stress)}`,
      ],
    ];
    const out: FrameFigures[] = [];
    for (const [name, path] of cases) {
      const chrome = await openChromium({ width: 1280, height: 800 });
      try {
        const page = chrome.page;
        page.on('console', (m) => m.type() === 'error' && consoleErrors.push(`${name}: ${m.text()}`));
        page.on('pageerror', (e) => consoleErrors.push(`${name}: ${e.message}`));
        await openHarness(page, `${harness.base}/bench${path}`);
        await page.waitForTimeout(800);
        const deltas = await measureWhileInteracting(page, SECONDS);
        out.push(figures(name, deltas));
      } finally {
        await chrome.close();
      }
    }
    return { cases: out, chunks: harness.chunks, consoleErrors };
  } finally {
    await harness.close();
  }
}

export function printMapFrames(r: MapFramesResult): void {
  console.log(
    `\nMap frame times — headless Chromium (${CHROMIUM}, WebGL via SwiftShader), 1280×800, ${SECONDS} s of mouse pan + wheel zoom`,
  );
  const base = r.cases[0];
  for (const c of r.cases) {
    const ratio = base && c !== base ? `  (${fmt(c.median / base.median, 2)}× baseline median)` : '';
    console.log(`  ${c.name.padEnd(46)} median ${fmt(c.median)} ms  p95 ${fmt(c.p95)} ms  ${fmt(c.fps)} fps  (${c.frames} frames)${ratio}`);
  }
  const kb = (n: number) => `${fmt(n / 1024)} kB`;
  const phaser = r.chunks[0];
  if (phaser) console.log(`  largest chunk (lazy map chunk with Phaser): ${phaser.file} ${kb(phaser.bytes)}, gzip ${kb(phaser.gzip)}`);
  for (const c of r.chunks.slice(1, 4)) console.log(`  chunk ${c.file} ${kb(c.bytes)}, gzip ${kb(c.gzip)}`);
  if (r.consoleErrors.length) console.log(`  browser console errors:\n    ${r.consoleErrors.join('\n    ')}`);
  else console.log('  browser console: no errors');
}

if (import.meta.main) {
  const r = await runMapFramesBench();
  printMapFrames(r);
  if (process.env.BENCH_MAP_JSON) writeFileSync(process.env.BENCH_MAP_JSON, JSON.stringify(r, null, 2));
  process.exit(0);
}
