/**
 * A stress scenario for the map: Northern Lantern with thousands of assets spread over its
 * regions and owners (naval units at sea, cyber and information units in the insets, air units
 * over land and the air corridor, land units on land). Deterministic.
 *
 *   node scripts/stress-scenario.ts <out.json> [--assets 5000]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatProblems, parseScenario } from '../shared/src/scenario/index.ts';

const ROOT = resolve(import.meta.dirname, '..');

type Json = Record<string, unknown>;

const BY_DOMAIN: Record<string, string[]> = {
  land: [
    'infantry',
    'armour',
    'artillery',
    'special_forces',
    'hq',
    'logistics',
    'air_defence',
    'missile',
    'radar',
    'fighter',
    'transport_aircraft',
    'drone',
  ],
  sea: ['frigate', 'submarine', 'patrol_vessel'],
  air: ['fighter', 'maritime_patrol', 'drone', 'transport_aircraft', 'radar'],
  cyber: ['cyber_unit'],
  information: ['info_ops'],
};
const READINESS = ['ready', 'ready', 'limited', 'not_ready'];

/** Small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The base scenario with `count` assets in all (its own assets are kept, so references stay valid). */
export function stressScenario(base: Json, count = 5000, seed = 7): Json {
  const s = structuredClone(base);
  const map = s.map as { regions: Array<{ id: string; domain: string; controller: string | null }> };
  const nations = (s.nations as Array<{ id: string }>).map((n) => n.id);
  const adversary = (s.adversary as { id: string }).id;
  const owners = [...nations, adversary];
  const assets = [...(s.assets as Json[])];
  const rand = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  // Weight regions: land and sea get most; insets a few.
  const weighted: Array<{ id: string; domain: string; controller: string | null }> = [];
  for (const r of map.regions) {
    const w = r.domain === 'land' ? 6 : r.domain === 'sea' ? 3 : r.domain === 'air' ? 2 : 1;
    for (let i = 0; i < w; i++) weighted.push(r);
  }
  for (let i = assets.length; i < count; i++) {
    const region = pick(weighted);
    // Mostly the controller's units where there is one, otherwise anybody's.
    const owner = region.controller !== null && rand() < 0.6 ? region.controller : pick(owners);
    const type = pick(BY_DOMAIN[region.domain] ?? BY_DOMAIN.land!);
    const n = String(i).padStart(4, '0');
    assets.push({
      id: `stress-${owner.toLowerCase()}-${n}`,
      name: `${owner} ${type.replace(/_/g, ' ')} unit ${n}`,
      owner,
      type,
      region: region.id,
      strength: 20 + Math.floor(rand() * 81),
      readiness: pick(READINESS),
      hidden: owner === adversary && rand() < 0.08,
    });
  }
  s.assets = assets;
  const meta = s.meta as Json;
  s.meta = { ...meta, id: `${String(meta.id)}-stress`, title: `${String(meta.title)} (stress: ${count} assets)` };
  return s;
}

function main(argv: string[]): number {
  const args = argv.slice(2);
  const out = args.find((a) => !a.startsWith('--'));
  const ai = args.indexOf('--assets');
  const count = ai >= 0 ? Number(args[ai + 1]) : 5000;
  if (!out || !Number.isInteger(count) || count < 1) {
    console.error('usage: node scripts/stress-scenario.ts <out.json> [--assets 5000]');
    return 2;
  }
  const base = JSON.parse(readFileSync(resolve(ROOT, 'scenarios/northern-lantern.json'), 'utf8')) as Json;
  const scenario = stressScenario(base, count);
  const parsed = parseScenario(scenario);
  if (!parsed.ok) {
    console.error(formatProblems(parsed.problems).join('\n'));
    return 1;
  }
  writeFileSync(out, `${JSON.stringify(scenario, null, 1)}\n`);
  console.log(`wrote ${out}: ${(scenario.assets as unknown[]).length} assets`);
  return 0;
}

if (import.meta.main) process.exitCode = main(process.argv);
