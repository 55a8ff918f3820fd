/**
 * The map camera's arithmetic, without Phaser: where the view may go, and how panning and
 * zooming about a point move it. Screen points are in canvas pixels, with (0, 0) at the top left;
 * the view is the world point at the canvas centre and the zoom (canvas pixels per world unit).
 */
import type { Pt } from '../map-model.ts';

export interface ViewBox {
  cx: number;
  cy: number;
  zoom: number;
}

/** The canvas size (canvas pixels) and the map size (world units). */
export interface Frame {
  width: number;
  height: number;
  mapW: number;
  mapH: number;
}

/** The zoom that shows the whole map with a small margin. */
export function fitZoom(f: Frame): number {
  return Math.min(f.width / (f.mapW * 1.04), f.height / (f.mapH * 1.06));
}

/** The whole map, centred. */
export function fitView(f: Frame): ViewBox {
  return clampView(f, { cx: f.mapW / 2, cy: f.mapH / 2, zoom: fitZoom(f) });
}

/** Keep the zoom between a little below "fit" and ten times it, and the map on screen. */
export function clampView(f: Frame, v: ViewBox): ViewBox {
  const fit = fitZoom(f);
  const zoom = Math.min(fit * 10, Math.max(fit * 0.85, v.zoom));
  const vw = f.width / zoom;
  const vh = f.height / zoom;
  const clamp = (c: number, view: number, size: number, m: number) =>
    view >= size + 2 * m ? size / 2 : Math.min(size + m - view / 2, Math.max(view / 2 - m, c));
  return { zoom, cx: clamp(v.cx, vw, f.mapW, f.mapW * 0.04), cy: clamp(v.cy, vh, f.mapH, f.mapH * 0.04) };
}

/** The world point under a screen point. */
export function toWorld(f: Frame, v: ViewBox, [sx, sy]: Pt): Pt {
  return [v.cx + (sx - f.width / 2) / v.zoom, v.cy + (sy - f.height / 2) / v.zoom];
}

/** Move the view with the pointer: the world follows a drag of (dx, dy) screen pixels. */
export function panBy(f: Frame, v: ViewBox, dx: number, dy: number): ViewBox {
  return clampView(f, { zoom: v.zoom, cx: v.cx - dx / v.zoom, cy: v.cy - dy / v.zoom });
}

/**
 * Zoom by `factor`, keeping the world point that was under `from` under `to` (the same point for
 * the wheel and buttons; the moving midpoint of two fingers for a pinch).
 */
export function zoomAbout(f: Frame, v: ViewBox, factor: number, from: Pt, to: Pt = from): ViewBox {
  const [wx, wy] = toWorld(f, v, from);
  const z = clampView(f, { zoom: v.zoom * factor, cx: 0, cy: 0 }).zoom;
  return clampView(f, { zoom: z, cx: wx - (to[0] - f.width / 2) / z, cy: wy - (to[1] - f.height / 2) / z });
}
