/**
 * The exercise map: public interface. Phaser is loaded lazily (with the scene) on the first
 * `createMap`, so screens without a map never download it.
 *
 *   const map = await createMap(el, { onSelect: (id) => … });
 *   mirror.onChange((view) => map.update(view));
 */
import type { View } from '@concord/shared/views/index';
import { legendItems as legendItemsOf, type LegendItem } from './map-model.ts';

export interface MapOptions {
  onSelect(regionId: string | null): void;
}

export interface MapHandle {
  /** Show this view; call it with every new view. Cheap when little changed. */
  update(view: View): void;
  /** Outline a region (or none) without calling onSelect. */
  select(regionId: string | null): void;
  /** Zoom about the centre by a factor (> 1 zooms in), animated. */
  zoomBy(f: number): void;
  /** Show the whole map. */
  fit(): void;
  destroy(): void;
}

/** Test hooks, kept up to date by the map scene (the last map created on the page). */
export interface ConcordMapHook {
  ready: boolean;
  regions: Array<{ id: string; controller: string | null; stability: number; fill: string }>;
  assets: Array<{ id: string; region: string; x: number; y: number; clustered: boolean }>;
  /** Agreement lines and marked regions (basing rights, collective defence) now drawn. */
  treaty: {
    /** Each line, with the middle of its path in CSS pixels from the canvas's top left (null before it is drawn). */
    links: Array<{ agreement: string; title: string; a: string; b: string; at: [number, number] | null }>;
    marks: Array<{ region: string; kind: 'basing' | 'defence' }>;
    /** Regions of joint operations under way, with the operation. */
    operations: Array<{ region: string; operation: string; title: string }>;
  };
  /** The escalation overlay now drawn on the adversary's regions (null when this audience sees no escalation). */
  escalation: { regions: string[]; level: number | null; trend: 'rising' | 'steady' | 'falling'; label: string } | null;
  selected: string | null;
  updates: number;
  /** Recent frame durations in ms (requestAnimationFrame deltas while the map is animating or moved). */
  frameTimes(): number[];
}

declare global {
  interface Window {
    __concordMap?: ConcordMapHook;
  }
}

/** Mount the map in `container`; the canvas fills it and follows its size. */
export async function createMap(container: HTMLElement, opts: MapOptions): Promise<MapHandle> {
  const { startMapScene } = await import('./map-scene.ts');
  return startMapScene(container, opts);
}

/** Legend entries for what the map shows in this view (controllers, domains, asset glyphs, overlays, agreements). */
export function legendItems(view: View): LegendItem[] {
  return legendItemsOf(view);
}

export type { LegendItem };
