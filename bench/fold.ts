/**
 * Fold benchmark: how fast a long exercise log folds into state, and how fast replay seeks to a
 * turn, each against a baseline measured in the same run.
 *
 *   full fold   vs a bare loop over the same events (the floor: reading each event once)
 *   seek(turn)  vs a naive fold from the start to the same position
 */
import { readFileSync } from 'node:fs';
import { parseScenarioText, type Scenario } from '../shared/src/scenario/index.ts';
import { simulate } from '../shared/src/sim/simulate.ts';
import { fold, Rng, type EngineEvent } from '../shared/src/engine/index.ts';
import { Replay } from '../shared/src/replay/index.ts';
import { fmt, median, time } from './stats.ts';

export interface FoldReport {
  events: number;
  foldEventsPerSec: number;
  bareEventsPerSec: number;
  seekMedianMs: number;
  naiveMedianMs: number;
}

export function loadScenario(name: string): Scenario {
  const r = parseScenarioText(readFileSync(new URL(`../scenarios/${name}`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(`${name} does not validate: ${r.problems[0]?.path}: ${r.problems[0]?.message}`);
  return r.scenario;
}

/** The default scenario played over many turns, so that the log passes `target` events. */
export function longLog(target: number, seed = 1, file = 'northern-lantern.json'): { events: EngineEvent[]; turns: number } {
  const base = loadScenario(file);
  const turns = 200;
  const scenario: Scenario = { ...base, clock: { ...base.clock, turns } };
  let intensity = 1;
  for (;;) {
    const run = simulate(scenario, { seed, intensity });
    if (run.rejections.length) throw new Error(`simulation had ${run.rejections.length} refused commands`);
    if (run.events.length >= target) return { events: run.events, turns };
    intensity *= (target / run.events.length) * 1.05;
  }
}

function bareLoop(events: readonly EngineEvent[]): number {
  let acc = 0;
  for (const e of events) acc += e.seq + e.type.length;
  return acc;
}

export function runFoldBench(log = (s: string) => console.log(s)): FoldReport {
  const file = process.env.BENCH_SCENARIO ?? 'northern-lantern.json';
  const [{ events, turns }, genMs] = time(() => longLog(50_000, 1, file));
  log(`fold: simulated ${events.length.toLocaleString('en-US')} events over ${turns} turns of ${file} in ${fmt(genMs / 1000)} s`);

  // Warm up both paths, then take medians of several runs.
  for (let i = 0; i < 2; i++) {
    fold(events);
    bareLoop(events);
  }
  const foldMs = median(Array.from({ length: 7 }, () => time(() => fold(events))[1]));
  const bareMs = median(Array.from({ length: 7 }, () => time(() => bareLoop(events))[1]));
  const foldRate = events.length / (foldMs / 1000);
  const bareRate = events.length / (bareMs / 1000);
  log(`fold: full fold median ${fmt(foldMs)} ms = ${fmt(foldRate / 1000, 0)}k events/s   (goal ≥ 500k events/s)`);
  log(
    `fold: baseline bare loop median ${fmt(bareMs, 2)} ms = ${fmt(bareRate / 1e6)}M events/s; fold costs ${fmt(foldMs / bareMs)}× the bare loop`,
  );

  const [replay, buildMs] = time(() => new Replay(events));
  log(`fold: replay index (fold + ${replay.snapshots.length} turn snapshots) built in ${fmt(buildMs)} ms`);
  const rng = Rng.fromSeed(7);
  const seekTimes: number[] = [];
  const naiveTimes: number[] = [];
  for (let i = 0; i < 25; i++) {
    const turn = rng.int(1, turns);
    const start = replay.turnStart(turn) ?? 1;
    const end = replay.turnStart(turn + 1) ?? replay.lastSeq;
    // Seek lands on command boundaries; the naive fold goes to the same boundary.
    const target = replay.boundaryAt(rng.int(start, Math.max(start, end - 1)));
    const [a, seekMs] = time(() => replay.seek(target));
    const [b, naiveMs] = time(() => fold(events.slice(0, target)));
    if (a.seq !== b.seq) throw new Error('seek and naive fold disagree');
    seekTimes.push(seekMs);
    naiveTimes.push(naiveMs);
  }
  const seekMs = median(seekTimes);
  const naiveMs = median(naiveTimes);
  log(`fold: seek to a random position in a random turn, median ${fmt(seekMs, 2)} ms (goal ≤ 50 ms)`);
  log(
    `fold: baseline naive fold from the start to the same position, median ${fmt(naiveMs, 2)} ms; seek is ${fmt(naiveMs / seekMs)}× faster`,
  );
  return { events: events.length, foldEventsPerSec: foldRate, bareEventsPerSec: bareRate, seekMedianMs: seekMs, naiveMedianMs: naiveMs };
}

if (import.meta.main) runFoldBench();
