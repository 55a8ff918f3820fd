/**
 * Regenerate the README screenshots: a Northern Lantern exercise played a little way in by
 * real SDK clients, then each role's screen in headless Chromium at 1280×800.
 *
 *   node scripts/screenshots.ts [outDir=docs/screenshots]
 */
import { mkdir } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client, type Room } from '@colyseus/sdk';
import { pino } from 'pino';
import type { CommandDraft, JoinResponse, Reply } from '../shared/src/protocol/index.ts';
import { startServer } from '../server/src/server.ts';
import { buildClientIfStale } from './ensure-client.ts';
import { launchBrowser } from '../tests/e2e/browser.ts';

const OUT = resolve(process.argv[2] ?? 'docs/screenshots');
const ROOT = resolve(import.meta.dirname, '..');

async function post<T>(base: string, path: string, body: unknown): Promise<T> {
  const r = await fetch(`${base}/api${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

async function main() {
  buildClientIfStale();
  const data = await mkdtemp(join(tmpdir(), 'concord-shots-'));
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: data,
    clientDir: join(ROOT, 'client', 'dist'),
    log: pino({ level: 'warn' }),
  });
  const base = server.url;
  const ex = await post<{ id: string; codes: Array<{ role: string; nation: string | null; code: string }> }>(base, '/exercises', {
    scenarioId: 'northern-lantern',
    seed: 7,
  });
  const code = (role: string, nation: string | null = null) => ex.codes.find((c) => c.role === role && c.nation === nation)!.code;
  const joined: Record<string, JoinResponse> = {
    control: await post<JoinResponse>(base, '/join', { code: code('facilitator'), displayName: 'Maj. Reyes (EXCON)' }),
    KST: await post<JoinResponse>(base, '/join', { code: code('nation', 'KST'), displayName: 'Ilse Varga', position: 'fm' }),
    CAL: await post<JoinResponse>(base, '/join', { code: code('nation', 'CAL'), displayName: 'Tomas Brenner', position: 'hog' }),
    evaluator: await post<JoinResponse>(base, '/join', { code: code('evaluator'), displayName: 'Dr. Okafor' }),
    observer: await post<JoinResponse>(base, '/join', { code: code('observer'), displayName: 'Projector' }),
  };
  const rooms: Record<string, Room> = {};
  for (const who of ['control', 'KST', 'CAL']) {
    const sdk = new Client(base);
    sdk.auth.token = joined[who]!.token;
    rooms[who] = await sdk.joinById(ex.id);
    for (const t of ['view', 'patch', 'presence', 'notice']) rooms[who].onMessage(t, () => undefined);
  }
  let n = 0;
  const send = async (who: string, c: CommandDraft) => {
    const r = await rooms[who]!.request<unknown, Reply>('command', { id: `shot-${n++}`, ...c });
    if (!r.ok) throw new Error(`${c.type}: ${r.message}`);
  };
  await send('control', { type: 'exercise.start' });
  await send('control', { type: 'phase.advance' });
  await send('KST', {
    type: 'message.send',
    to: ['CAL', 'LND'],
    body: 'Our gas storage is at 31%. We need a common line on Varkgaz before tonight.',
  });
  await send('CAL', { type: 'message.send', to: ['KST'], body: 'Agreed. We can offer LNG slots at Port Averin from Thursday.' });
  await send('control', { type: 'phase.advance' });
  await send('KST', {
    type: 'action.submit',
    actionType: 'military',
    title: 'Raise readiness at the Sarn Gap',
    text: 'Move the 2nd Mechanised Brigade to the pass and request allied air policing.',
    regions: ['sarn-gap'],
  });
  await send('CAL', {
    type: 'action.submit',
    actionType: 'economic',
    title: 'LNG slots for Kestria',
    text: 'Offer Port Averin capacity to Kestrian buyers.',
    regions: ['calvaria', 'kestria'],
  });
  await send('control', { type: 'phase.advance' });
  await send('control', {
    type: 'adjudication.record',
    title: 'Varkan units pull back from the pass',
    outcome: 'The Kestrian deployment and allied air policing are noticed in Koldar; two Varkan battalions withdraw 20 km.',
    rationale: 'Deterrence by denial, playbook rung 2.',
    effects: [{ kind: 'region', region: 'sarn-gap', controller: 'KST', stability: 55 }],
    visibleTo: 'ALL',
  });
  await send('control', { type: 'phase.advance' });

  const browser = await launchBrowser();
  await mkdir(OUT, { recursive: true });
  const shots: Array<[string, string, string | null]> = [
    ['team-kestria', 'KST', 'inbox'],
    ['team-kestria-intel', 'KST', 'intel'],
    ['console', 'control', 'control'],
    ['console-adjudication', 'control', 'adjudication'],
    ['evaluator', 'evaluator', 'notes'],
    ['observer', 'observer', null],
  ];
  for (const [name, who, tab] of shots) {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await ctx.addInitScript((s) => localStorage.setItem('concord.session', s), JSON.stringify(joined[who]));
    const page = await ctx.newPage();
    await page.goto(base);
    await page.waitForFunction(() => window.__concordMap?.ready === true, undefined, { timeout: 30_000 });
    if (tab) await page.click(`.tabs button[data-panel="${tab}"]`);
    await page.waitForTimeout(600);
    await page.screenshot({ path: join(OUT, `${name}.png`) });
    console.log(`wrote ${join(OUT, `${name}.png`)}`);
    await ctx.close();
  }
  await browser.close();
  for (const r of Object.values(rooms)) await r.leave().catch(() => undefined);
  await server.close();
  await rm(data, { recursive: true, force: true });
}

await main();
process.exit(0);
