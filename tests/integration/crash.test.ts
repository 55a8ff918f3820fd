/**
 * The kill -9 test: the real server runs as a child process, real SDK clients drive commands, the
 * process is killed in mid-stream, and a restarted server must hold every acknowledged command,
 * rebuild the same state, and let the clients carry on with the same tokens.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseJsonl, Replay } from '../../shared/src/replay/index.ts';
import { CONTROL, nationAudience, project } from '../../shared/src/views/index.ts';
import type { CommandDraft } from '../../shared/src/protocol/index.ts';
import { api, codeFor, connect, createExercise, join, sleep, tempDir, type Player } from './support.ts';

const BIN = fileURLToPath(new URL('../../bin/concord.mjs', import.meta.url));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

async function startChild(port: number, dataDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', String(port), '--data', dataDir], {
    env: { ...process.env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early (${child.exitCode}): ${stderr}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (r.ok) return child;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error(`server did not become healthy: ${stderr}`);
}

const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

describe('kill -9 in mid-stream', () => {
  it('keeps every acknowledged command, restores the same state, and play carries on', async () => {
    const dir = await tempDir();
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    let child = await startChild(port, dir.path);
    children.push(child);

    const ex = await createExercise(base, 'harbour-watch', 77);
    const facJoin = await join(base, codeFor(ex, 'facilitator'), 'Control');
    const fac = await connect(base, facJoin);
    const nations = ['ARN', 'BRV', 'CSM'];
    const joins = await Promise.all(nations.map((n) => join(base, codeFor(ex, 'nation', n), `${n} desk`)));
    const players: Player[] = await Promise.all(joins.map((j) => connect(base, j)));
    expect((await fac.send({ type: 'exercise.start' })).ok).toBe(true);
    expect((await fac.send({ type: 'phase.advance' })).ok).toBe(true); // consult: talk is allowed

    const acked: Array<{ id: string; seqs: number[] }> = [];
    let sent = 0;
    let stop = false;
    // Each nation keeps a stream of messages going; control keeps rolling dice.
    const streams = [...players, fac].map(async (p, i) => {
      while (!stop) {
        const id = `crash-${i}-${sent++}`;
        const command: CommandDraft =
          p === fac
            ? { id, type: 'dice.roll', purpose: 'pacing', sides: 6 }
            : { id, type: 'message.send', to: [nations[(i + 1) % 3]!], body: `msg ${id}` };
        try {
          const r = await p.send(command);
          if (r.ok) acked.push({ id, seqs: r.seqs });
        } catch {
          return; // The connection died with the server.
        }
        await sleep(5);
      }
    });
    while (acked.length < 60) await sleep(10);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    stop = true;
    await Promise.all(streams);
    const lastSeenByControl = { seq: fac.mirror.seq, view: JSON.parse(JSON.stringify(fac.view())) as unknown };

    child = await startChild(port, dir.path);
    children.push(child);

    // Every acknowledged command is in the log, with exactly the acknowledged events.
    const logRes = await api<string>(base, 'GET', `/exercises/${ex.id}/log`, undefined, facJoin.token);
    expect(logRes.status).toBe(200);
    const log = parseJsonl(logRes.body);
    if (!log.ok) throw new Error(log.problems.join('\n'));
    const bySeq = new Map(log.events.map((e) => [e.seq, e]));
    expect(acked.length).toBeGreaterThanOrEqual(60);
    for (const a of acked) for (const s of a.seqs) expect(bySeq.get(s)?.cmd).toBe(a.id);

    // The restored state is the fold of the durable log, for every audience…
    const replay = new Replay(log.events);
    const state = await api<{ seq: number; view: unknown }>(base, 'GET', `/exercises/${ex.id}/state`, undefined, facJoin.token);
    expect(state.body.seq).toBe(replay.lastSeq);
    expect(state.body.view).toEqual(JSON.parse(JSON.stringify(project(replay.final, CONTROL))));
    const arnState = await api<{ view: unknown }>(base, 'GET', `/exercises/${ex.id}/state?as=ARN`, undefined, facJoin.token);
    expect(arnState.body.view).toEqual(JSON.parse(JSON.stringify(project(replay.final, nationAudience('ARN')))));
    // …and what control saw live before the crash is exactly that log's history at that point.
    expect(lastSeenByControl.seq).toBeLessThanOrEqual(replay.lastSeq);
    expect(lastSeenByControl.view).toEqual(JSON.parse(JSON.stringify(replay.viewAt(lastSeenByControl.seq, CONTROL))));

    // The clients carry on with the same tokens.
    const fac2 = await connect(base, facJoin);
    const arn2 = await connect(base, joins[0]!);
    expect(arn2.mirror.seq).toBe(replay.lastSeq);
    const r = await arn2.send({ type: 'message.send', to: ['BRV'], body: 'We are back.' });
    expect(r.ok).toBe(true);
    expect((await fac2.send({ type: 'phase.advance' })).ok).toBe(true);
    await arn2.waitFor((v) => v.exercise.phase === 'submit');

    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await dir.remove();
  }, 90_000);
});
