/** The client's JavaScript budget: at most 500 kB gzipped in all, Phaser included. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildClientIfStale } from '../../scripts/ensure-client.ts';

const ASSETS = fileURLToPath(new URL('../../client/dist/assets/', import.meta.url));
const BUDGET = 500 * 1024;

describe('client bundle', () => {
  it('stays within 500 kB of gzipped JavaScript, with Phaser in its own lazily loaded chunk', () => {
    buildClientIfStale();
    const files = readdirSync(ASSETS).filter((f) => f.endsWith('.js'));
    const sizes = files.map((f) => ({ f, gz: gzipSync(readFileSync(join(ASSETS, f)), { level: 9 }).length }));
    const total = sizes.reduce((a, b) => a + b.gz, 0);
    expect(total, sizes.map((s) => `${s.f}: ${(s.gz / 1024).toFixed(1)} kB`).join('\n')).toBeLessThanOrEqual(BUDGET);
    const entry = readFileSync(fileURLToPath(new URL('../../client/dist/index.html', import.meta.url)), 'utf8');
    const phaser = sizes.find((s) => s.f.startsWith('map-scene'));
    expect(phaser, 'the Phaser chunk').toBeDefined();
    expect(entry).not.toContain(phaser!.f);
  });
});
