/**
 * Prototype, for measuring only: the map harness built against Phaser's *core* entry point
 * (phaser/src/phaser-core.js: no physics, tilemaps, particles, sound…) with the renderer flags
 * that Phaser's own build defines (WebGL only). Phaser's package exports just its prebuilt
 * bundle (dist/phaser.esm.js, not tree-shakable), so this needs an alias past the package
 * "exports" — a change to client/vite.config.ts, left to the app's owner.
 *
 *   npx vite build --config client/bench/phaser-lite.vite.config.ts
 *
 * Measured (Phaser 4.2.1): the Phaser chunk drops from 1,335 kB / 345 kB gzip (dist/phaser.esm.js)
 * to 776 kB / 203 kB gzip, and the map renders the same. For the app, apply the alias and the
 * transform for `vite build` only (the dev server pre-bundles the package entry as usual).
 */
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

const CLIENT = resolve(import.meta.dirname, '..');
const PHASER_CORE = resolve(CLIENT, '../node_modules/phaser/src/phaser-core.js');

/** Phaser's source tests `typeof WEBGL_RENDERER` etc.; its webpack build replaces them. */
const phaserFlags: Plugin = {
  name: 'phaser-flags',
  enforce: 'pre',
  transform(code, id) {
    if (!id.includes('/phaser/src/')) return null;
    return code
      .replaceAll('typeof CANVAS_RENDERER', 'false')
      .replaceAll('typeof WEBGL_RENDERER', 'true')
      .replaceAll('typeof WEBGL_DEBUG', 'false')
      .replaceAll('typeof FEATURE_SOUND', 'false')
      .replaceAll('typeof EXPERIMENTAL', 'false');
  },
};

export default defineConfig({
  root: CLIENT,
  plugins: [phaserFlags],
  resolve: { alias: [{ find: /^phaser$/, replacement: PHASER_CORE }] },
  define: { global: 'globalThis' },
  build: {
    outDir: join(tmpdir(), 'concord-phaser-lite'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1600,
    rolldownOptions: { input: { map: join(CLIENT, 'bench/map.html') } },
  },
});
