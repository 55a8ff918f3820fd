/**
 * Screenshots of the map harness for review: Northern Lantern as the facilitator and as a
 * nation (KST), at fit zoom and zoomed in, at 1280×800 and 1920×1080, plus the stress
 * scenario. Written to artifacts/ (gitignored). Fails on browser console errors or warnings.
 *
 *   node client/bench/screenshots.ts [--dpr 2] [--only name-substring]
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { makeViews, openChromium, openHarness, startHarness } from '../../bench/map-frames.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const OUT = join(ROOT, 'artifacts');

interface Shot {
  name: string;
  view: 'control' | 'nation' | 'stress';
  width: number;
  height: number;
  /** Wheel zoom: [screen x fraction, y fraction, notches in]. */
  zoom?: [number, number, number];
  click?: [number, number];
  /** Push the later view before the screenshot and wait this many ms (animations). */
  later?: number;
}

const args = process.argv.slice(2);
const dpr = args.includes('--dpr') ? Number(args[args.indexOf('--dpr') + 1]) : 1;
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;

const shots: Shot[] = [];
for (const [w, h] of [
  [1280, 800],
  [1920, 1080],
] as const) {
  shots.push({ name: `nl-facilitator-fit-${w}x${h}`, view: 'control', width: w, height: h });
  shots.push({ name: `nl-facilitator-zoom-${w}x${h}`, view: 'control', width: w, height: h, zoom: [0.62, 0.45, 5] });
  shots.push({ name: `nl-kst-fit-${w}x${h}`, view: 'nation', width: w, height: h });
  shots.push({ name: `nl-kst-zoom-${w}x${h}`, view: 'nation', width: w, height: h, zoom: [0.4, 0.3, 4] });
}
shots.push({ name: 'nl-facilitator-select-1280x800', view: 'control', width: 1280, height: 800, click: [0.62, 0.55] });
shots.push({ name: 'nl-facilitator-update-1280x800', view: 'control', width: 1280, height: 800, later: 500 });
shots.push({ name: 'stress-facilitator-fit-1280x800', view: 'stress', width: 1280, height: 800 });
shots.push({ name: 'stress-facilitator-zoom-1280x800', view: 'stress', width: 1280, height: 800, zoom: [0.4, 0.5, 6] });

mkdirSync(OUT, { recursive: true });
const views = makeViews();
const harness = await startHarness();
const errors: string[] = [];
try {
  const urls = {
    control: harness.put('control.json', views.control),
    nation: harness.put('nation.json', views.nation),
    stress: harness.put('stress.json', views.stress),
  };
  const laterUrl = harness.put('control-later.json', views.controlLater);
  for (const s of shots) {
    if (only && !s.name.includes(only)) continue;
    const chrome = await openChromium({ width: s.width, height: s.height }, dpr);
    const page = chrome.page;
    page.on('console', (m) => {
      // SwiftShader logs "GL Driver Message … GPU stall due to ReadPixels" for any Phaser game
      // (the empty baseline scene too): a driver performance note, not the map's.
      if ((m.type() === 'error' || m.type() === 'warning') && !m.text().includes('GL Driver Message'))
        errors.push(`${s.name}: [${m.type()}] ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`${s.name}: ${e.message}`));
    await openHarness(page, `${harness.base}/bench/map.html?view=${urls[s.view]}`);
    await page.waitForTimeout(400);
    if (s.zoom) {
      await page.mouse.move(s.width * s.zoom[0], s.height * s.zoom[1]);
      for (let i = 0; i < s.zoom[2]; i++) {
        await page.mouse.wheel(0, -120);
        await page.waitForTimeout(30);
      }
    }
    if (s.click) await page.mouse.click(s.width * s.click[0], s.height * s.click[1]);
    if (s.later !== undefined) {
      await page.evaluate((u) => (window as unknown as { __bench: { load(u: string): Promise<void> } }).__bench.load(u), laterUrl);
      await page.waitForTimeout(s.later);
    }
    await page.waitForTimeout(500);
    const file = join(OUT, `map-${s.name}${dpr !== 1 ? `@${dpr}x` : ''}.png`);
    await page.screenshot({ path: file });
    const hook = await page.evaluate(() => {
      const m = window.__concordMap;
      return m
        ? {
            ready: m.ready,
            updates: m.updates,
            selected: m.selected,
            regions: m.regions.length,
            assets: m.assets.length,
            clustered: m.assets.filter((a) => a.clustered).length,
          }
        : null;
    });
    console.log(`${file}  ${JSON.stringify(hook)}`);
    await chrome.close();
  }
} finally {
  await harness.close();
}
if (errors.length) {
  console.error(`browser console:\n  ${errors.join('\n  ')}`);
  process.exitCode = 1;
} else console.log('browser console: no errors or warnings');
