/**
 * Map harness: mounts the map full-screen with a View loaded from a JSON URL.
 *
 *   /bench/map.html?view=<url>           the map with that view (e.g. a `concord replay` output)
 *   /bench/map.html?empty=1              baseline: an empty Phaser scene of the same size, no map
 *   &select=<region>  &zoom=<factor>  &status=0 (hide the status line)
 *
 * `window.__bench` lets scripts drive it: `ready`, `error`, `map` (the MapHandle) and
 * `load(url)` to push another view (as the client does after a patch).
 */
import type { View } from '@concord/shared/views/index';
import { createMap, legendItems, type MapHandle } from '../src/scenes/map.ts';

interface BenchHook {
  ready: boolean;
  error: string | null;
  map: MapHandle | null;
  load(url: string): Promise<void>;
  selections: Array<string | null>;
}

declare global {
  interface Window {
    __bench?: BenchHook;
  }
}

const params = new URLSearchParams(location.search);
const container = document.getElementById('map')!;
const status = document.getElementById('status')!;
if (params.get('status') === '0') status.style.display = 'none';

const hook: BenchHook = {
  ready: false,
  error: null,
  map: null,
  selections: [],
  async load(url: string) {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`${url}: ${res.status}`);
    const view = (await res.json()) as View;
    hook.map?.update(view);
    status.textContent = `${view.exercise.title} — ${view.audience} — turn ${view.exercise.turn}, seq ${view.exercise.seq} — ${view.map.regions.length} regions, ${view.assets.length} assets — ${legendItems(view).length} legend items`;
  },
};
window.__bench = hook;

async function emptyScene(): Promise<void> {
  // Same game setup as the map (device-pixel canvas, WebGL), with nothing in the scene.
  const { default: Phaser } = await import('phaser');
  const dpr = Math.min(2, Math.max(1, window.devicePixelRatio || 1));
  await new Promise<void>((resolve) => {
    // &layers=N: N full-screen opaque Graphics rectangles, to calibrate the renderer's fill rate.
    const layers = Number(params.get('layers') ?? 0);
    class Empty extends Phaser.Scene {
      create(): void {
        for (let i = 0; i < layers; i++)
          this.add
            .graphics()
            .fillStyle(0x203040 + i * 0x080808, 1)
            .fillRect(0, 0, this.scale.width, this.scale.height);
        if (layers > 0) this.cameras.main.setZoom(1.0001); // keep it redrawing like a moving map
        resolve();
      }
      override update(): void {
        if (layers > 0) this.cameras.main.scrollX = (this.cameras.main.scrollX + 1) % 2;
      }
    }
    new Phaser.Game({
      type: Phaser.AUTO,
      parent: container,
      width: Math.round(container.clientWidth * dpr),
      height: Math.round(container.clientHeight * dpr),
      backgroundColor: '#17212b',
      banner: false,
      audio: { noAudio: true },
      input: { mouse: false, touch: false, keyboard: false, gamepad: false },
      scale: { mode: Phaser.Scale.NONE, zoom: 1 / dpr },
      render: { antialiasGL: params.get('msaa') === '1' },
      scene: [Empty],
    });
  });
  status.textContent = 'baseline: empty Phaser scene';
}

async function main(): Promise<void> {
  if (params.get('empty') === '1') {
    await emptyScene();
    hook.ready = true;
    return;
  }
  const url = params.get('view');
  if (!url) throw new Error('pass ?view=<url of a View JSON> or ?empty=1');
  hook.map = await createMap(container, {
    onSelect: (id) => {
      hook.selections.push(id);
      status.textContent = `selected: ${id ?? '(none)'}`;
    },
  });
  await hook.load(url);
  const select = params.get('select');
  if (select) hook.map.select(select);
  const zoom = Number(params.get('zoom') ?? '1');
  if (zoom !== 1 && Number.isFinite(zoom)) hook.map.zoomBy(zoom);
  hook.ready = true;
}

main().catch((e: unknown) => {
  hook.error = e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e);
  status.textContent = `error: ${hook.error}`;
  console.error(e);
});
