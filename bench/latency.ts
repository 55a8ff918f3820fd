/**
 * Latency under load: N exercises × M real SDK clients against the Concord server (a child
 * process), then the same traffic against a bare Colyseus room that only echoes, in the same
 * run. For each command we take the time from `room.request` to the moment each client of the
 * exercise has the change (its mirror applied the patch), and report p50/p95/p99, the server's
 * CPU and memory, and the ratio to the bare room.
 *
 *   BENCH_EXERCISES (200)  BENCH_CLIENTS (10)  BENCH_SECONDS (20)  BENCH_INTERVAL_MS (1000)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, type Room } from '@colyseus/sdk';
import { ViewMirror, type PatchMessage } from '../client/src/net/mirror.ts';
import type { JoinResponse, Reply } from '../shared/src/protocol/index.ts';
import type { View } from '../shared/src/views/index.ts';
import { fmt, percentile } from './stats.ts';

const EXERCISES = Number(process.env.BENCH_EXERCISES ?? 200);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 10);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const INTERVAL = Number(process.env.BENCH_INTERVAL_MS ?? 1000);
const SERVER = fileURLToPath(new URL('./latency-server.ts', import.meta.url));

export interface LatencyFigures {
  p50: number;
  p95: number;
  p99: number;
  samples: number;
  commands: number;
  cpuPercent: number;
  rssMb: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function startChild(kind: 'concord' | 'bare', port: number, dataDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [SERVER, kind, String(port), dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
  return child;
}

/** utime+stime in seconds and resident memory in MB, from /proc. */
function usage(pid: number): { cpu: number; rssMb: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return { cpu: ticks / 100, rssMb: rss ? Number(rss[1]) / 1024 : 0 };
}

async function post<T>(base: string, path: string, body: unknown): Promise<T> {
  const r = await fetch(`${base}/api${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

interface Sample {
  t0: number;
  key: number;
  group: number;
}

/** Drive the traffic: every exercise sends one command per INTERVAL (jittered) from a rotating sender. */
async function drive(groups: Array<{ senders: Array<(key: number) => Promise<number | null>> }>, pid: number) {
  const samples: Sample[] = [];
  const before = usage(pid);
  const started = performance.now();
  const end = started + SECONDS * 1000;
  let n = 0;
  await Promise.all(
    groups.map(async (g, gi) => {
      await sleep(Math.random() * INTERVAL);
      let i = 0;
      while (performance.now() < end) {
        const t0 = performance.now();
        const key = await g.senders[i++ % g.senders.length]!(n++);
        if (key !== null) samples.push({ t0, key, group: gi });
        await sleep(Math.max(0, INTERVAL - (performance.now() - t0)) * (0.8 + Math.random() * 0.4));
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  await sleep(500);
  const after = usage(pid);
  return { samples, cpuPercent: ((after.cpu - before.cpu) / elapsed) * 100, rssMb: after.rssMb };
}

function figures(samples: Sample[], arrivals: Array<Array<Map<number, number>>>, cpuPercent: number, rssMb: number): LatencyFigures {
  const lat: number[] = [];
  for (const s of samples)
    for (const client of arrivals[s.group]!) {
      const t = client.get(s.key);
      if (t !== undefined) lat.push(t - s.t0);
    }
  return {
    p50: percentile(lat, 50),
    p95: percentile(lat, 95),
    p99: percentile(lat, 99),
    samples: lat.length,
    commands: samples.length,
    cpuPercent,
    rssMb,
  };
}

/** Let the clients settle, drive the traffic, then leave and compute the figures. */
async function measure(
  groups: Parameters<typeof drive>[0],
  arrivals: Array<Array<Map<number, number>>>,
  rooms: Room[],
  pid: number,
): Promise<LatencyFigures> {
  await sleep(1000);
  const run = await drive(groups, pid);
  // Leave before the server is stopped, or every SDK client logs its reconnection attempts.
  await Promise.race([Promise.allSettled(rooms.map((r) => r.leave())), sleep(5000)]);
  return figures(run.samples, arrivals, run.cpuPercent, run.rssMb);
}

async function runConcord(port: number): Promise<LatencyFigures> {
  const dataDir = await mkdtemp(join(tmpdir(), 'concord-bench-'));
  const child = await startChild('concord', port, dataDir);
  const base = `http://127.0.0.1:${port}`;
  try {
    const arrivals: Array<Array<Map<number, number>>> = [];
    const groups: Array<{ senders: Array<(key: number) => Promise<number | null>> }> = [];
    const rooms: Room[] = [];
    for (let e = 0; e < EXERCISES; e++) {
      const ex = await post<{ id: string; codes: Array<{ role: string; nation: string | null; code: string }> }>(base, '/exercises', {
        scenarioId: 'northern-lantern',
        seed: e,
      });
      const seats = [ex.codes.find((c) => c.role === 'facilitator')!, ...ex.codes.filter((c) => c.role !== 'facilitator')];
      const clientsArrivals: Array<Map<number, number>> = [];
      const senders: Array<(key: number) => Promise<number | null>> = [];
      let fac: Room | null = null;
      for (let c = 0; c < CLIENTS; c++) {
        const seat = seats[c % seats.length]!;
        const joined = await post<JoinResponse>(base, '/join', { code: seat.code, displayName: `bot ${e}.${c}` });
        const sdk = new Client(base);
        sdk.auth.token = joined.token;
        const room = await sdk.joinById(joined.exerciseId);
        rooms.push(room);
        const mirror = new ViewMirror();
        const seen = new Map<number, number>();
        clientsArrivals.push(seen);
        room.onMessage('view', (m: { seq: number; view: View }) => mirror.reset(m.seq, m.view));
        room.onMessage('patch', (m: PatchMessage) => {
          mirror.apply(m);
          seen.set(m.to, performance.now());
        });
        room.onMessage('presence', () => undefined);
        if (joined.role === 'facilitator') fac = room;
        if (joined.role === 'nation')
          senders.push(async (key) => {
            const r = await room.request<unknown, Reply>('command', {
              id: `b${key}`,
              type: 'message.send',
              to: ['ALL'],
              body: `Situation update ${key}: all quiet on our border.`,
            });
            return r.ok ? r.seqs.at(-1)! : null;
          });
      }
      const r = await fac!.request<unknown, Reply>('command', { id: `start-${e}`, type: 'exercise.start' });
      if (!r.ok) throw new Error(`start: ${r.message}`);
      arrivals.push(clientsArrivals);
      groups.push({ senders });
    }
    return await measure(groups, arrivals, rooms, child.pid!);
  } finally {
    child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function runBare(port: number): Promise<LatencyFigures> {
  const child = await startChild('bare', port, '');
  const base = `http://127.0.0.1:${port}`;
  try {
    const arrivals: Array<Array<Map<number, number>>> = [];
    const groups: Array<{ senders: Array<(key: number) => Promise<number | null>> }> = [];
    const rooms: Room[] = [];
    for (let e = 0; e < EXERCISES; e++) {
      const clientsArrivals: Array<Map<number, number>> = [];
      const senders: Array<(key: number) => Promise<number | null>> = [];
      for (let c = 0; c < CLIENTS; c++) {
        const sdk = new Client(base);
        const room = c === 0 ? await sdk.create('echo', { id: `room-${e}` }) : await sdk.joinById(`room-${e}`);
        rooms.push(room);
        const seen = new Map<number, number>();
        clientsArrivals.push(seen);
        room.onMessage('echo', (m: { key: number }) => seen.set(m.key, performance.now()));
        if (c >= 1 && c <= 5)
          senders.push(async (key) => {
            await room.request('command', {
              key,
              type: 'message.send',
              to: ['ALL'],
              body: `Situation update ${key}: all quiet on our border.`,
            });
            return key;
          });
      }
      arrivals.push(clientsArrivals);
      groups.push({ senders });
    }
    return await measure(groups, arrivals, rooms, child.pid!);
  } finally {
    child.kill('SIGKILL');
  }
}

export async function runLatencyBench(log = (s: string) => console.log(s)): Promise<{ concord: LatencyFigures; bare: LatencyFigures }> {
  log(`latency: ${EXERCISES} exercises × ${CLIENTS} SDK clients, one command per exercise every ~${INTERVAL} ms, ${SECONDS} s per run`);
  const concord = await runConcord(30_000 + Math.floor(Math.random() * 10_000));
  const bare = await runBare(40_000 + Math.floor(Math.random() * 10_000));
  const line = (name: string, f: LatencyFigures) =>
    `latency: ${name.padEnd(8)} p50 ${fmt(f.p50)} ms  p95 ${fmt(f.p95)} ms  p99 ${fmt(f.p99)} ms  (${f.commands} commands, ${f.samples} deliveries)  server CPU ${fmt(f.cpuPercent, 0)}%  RSS ${fmt(f.rssMb, 0)} MB`;
  log(line('concord', concord));
  log(line('bare', bare));
  log(
    `latency: ratio concord/bare  p50 ${fmt(concord.p50 / bare.p50, 2)}×  p99 ${fmt(concord.p99 / bare.p99, 2)}×   (goal: p99 ≤ 50 ms and ≤ 1.5× the bare room)`,
  );
  return { concord, bare };
}

if (import.meta.main) {
  await runLatencyBench();
  process.exit(0);
}
