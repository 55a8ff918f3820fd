/**
 * Pure helpers for the exercise map: geometry (centroids, label placement, hatching, dashes),
 * colours for controllers and stability, asset glyphs, marker layout and clustering, and the
 * change detection between two views. No Phaser here, so everything is unit-testable and the
 * legend can be built without loading the renderer.
 */
import type { View } from '@concord/shared/views/index';
import type { RegionState } from '@concord/shared/engine/state';
import { basisLabel, hostBasis } from '../ui/deploy-model.ts';
import { nationName } from '../ui/labels.ts';
import { escalationLegend } from './map-escalation.ts';

export type Pt = readonly [number, number];
export type Poly = ReadonlyArray<Pt>;
export type MapRegion = View['map']['regions'][number];
export type MapAsset = View['assets'][number];
export type AssetType = MapAsset['type'];
export type RegionDomain = MapRegion['domain'];

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

// ---------------------------------------------------------------------------------------------
// Geometry

/** Signed area (positive for counter-clockwise in a y-up frame; the sign is not relied upon). */
export function signedArea(poly: Poly): number {
  const first = poly[0];
  if (!first) return 0;
  let a = 0;
  // Edges (0, 1), (1, 2), …, (n − 1, 0), in this order.
  let p = first;
  for (let i = 1; i <= poly.length; i++) {
    const q = poly[i] ?? first;
    a += p[0] * q[1] - q[0] * p[1];
    p = q;
  }
  return a / 2;
}

export const polygonArea = (poly: Poly): number => Math.abs(signedArea(poly));

/** Area-weighted centroid; the vertex mean for degenerate (zero-area) polygons. */
export function polygonCentroid(poly: Poly): Pt {
  const a = signedArea(poly);
  if (Math.abs(a) < 1e-9) {
    let sx = 0;
    let sy = 0;
    for (const p of poly) {
      sx += p[0];
      sy += p[1];
    }
    return [sx / poly.length, sy / poly.length];
  }
  const first = poly[0];
  if (!first) return [NaN, NaN];
  let cx = 0;
  let cy = 0;
  let p = first;
  for (let i = 1; i <= poly.length; i++) {
    const q = poly[i] ?? first;
    const f = p[0] * q[1] - q[0] * p[1];
    cx += (p[0] + q[0]) * f;
    cy += (p[1] + q[1]) * f;
    p = q;
  }
  return [cx / (6 * a), cy / (6 * a)];
}

export function polygonBounds(poly: Poly): Box {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const [x, y] of poly) {
    if (x < x0) x0 = x;
    if (y < y0) y0 = y;
    if (x > x1) x1 = x;
    if (y > y1) y1 = y;
  }
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

/** Even-odd ray casting. */
export function pointInPolygon(x: number, y: number, poly: Poly): boolean {
  let inside = false;
  // Each vertex with the one before it, starting with the last.
  let prev = poly[poly.length - 1];
  if (!prev) return false;
  for (const cur of poly) {
    const [xi, yi] = cur;
    const [xj, yj] = prev;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    prev = cur;
  }
  return inside;
}

function segmentDistSq(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len = dx * dx + dy * dy;
  let t = len > 0 ? ((px - ax) * dx + (py - ay) * dy) / len : 0;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const ex = ax + t * dx - px;
  const ey = ay + t * dy - py;
  return ex * ex + ey * ey;
}

/** Distance from a point to the polygon outline (positive inside, negative outside). */
export function signedEdgeDistance(x: number, y: number, poly: Poly): number {
  let best = Infinity;
  let prev = poly[poly.length - 1];
  if (prev)
    for (const cur of poly) {
      const d = segmentDistSq(x, y, prev[0], prev[1], cur[0], cur[1]);
      if (d < best) best = d;
      prev = cur;
    }
  const d = Math.sqrt(best);
  return pointInPolygon(x, y, poly) ? d : -d;
}

/**
 * Pole of inaccessibility (the interior point furthest from the outline), after Mapbox's
 * polylabel: quad-tree refinement of cells ordered by the best distance they could contain.
 */
export function poleOfInaccessibility(poly: Poly, precision = 1): Pt {
  const b = polygonBounds(poly);
  const size = Math.min(b.w, b.h);
  if (size <= 0) return [b.x, b.y];
  interface Cell {
    x: number;
    y: number;
    h: number;
    d: number;
    max: number;
  }
  const cell = (x: number, y: number, h: number): Cell => {
    const d = signedEdgeDistance(x, y, poly);
    return { x, y, h, d, max: d + h * Math.SQRT2 };
  };
  const queue: Cell[] = [];
  let h = size / 2;
  for (let x = b.x; x < b.x + b.w; x += size) for (let y = b.y; y < b.y + b.h; y += size) queue.push(cell(x + h, y + h, h));
  const c = polygonCentroid(poly);
  let best = cell(c[0], c[1], 0);
  const bboxCell = cell(b.x + b.w / 2, b.y + b.h / 2, 0);
  if (bboxCell.d > best.d) best = bboxCell;
  let guard = 0;
  while (queue.length && guard++ < 5000) {
    // Small queues: a linear scan for the most promising cell is fine.
    let bi = 0;
    let top = queue[0];
    queue.forEach((q, i) => {
      if (top && q.max > top.max) {
        bi = i;
        top = q;
      }
    });
    const [cur] = queue.splice(bi, 1);
    if (!cur) break;
    if (cur.d > best.d) best = cur;
    if (cur.max - best.d <= precision) continue;
    h = cur.h / 2;
    queue.push(cell(cur.x - h, cur.y - h, h), cell(cur.x + h, cur.y - h, h), cell(cur.x - h, cur.y + h, h), cell(cur.x + h, cur.y + h, h));
  }
  return [best.x, best.y];
}

/**
 * Where a region's name goes: the scenario's explicit label point, else the centroid when it is
 * comfortably inside, else the pole of inaccessibility.
 */
export function labelAnchor(region: { polygon: Poly; label: Pt | null }): Pt {
  if (region.label) return region.label;
  const c = polygonCentroid(region.polygon);
  const pole = poleOfInaccessibility(region.polygon, 1);
  const dc = signedEdgeDistance(c[0], c[1], region.polygon);
  const dp = signedEdgeDistance(pole[0], pole[1], region.polygon);
  return dc >= dp * 0.6 ? c : pole;
}

/**
 * Parallel hatch lines clipped to a polygon. Lines are on a global grid (offset 0 at the
 * origin), so hatching of neighbouring regions lines up. Returns [x1, y1, x2, y2] segments.
 */
export function hatchSegments(poly: Poly, spacing: number, angle = Math.PI / 4): Array<[number, number, number, number]> {
  if (spacing <= 0 || poly.length < 3) return [];
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  // Rotate into a frame where the hatch lines are horizontal: v = -x·sin + y·cos.
  const rot = poly.map(([x, y]) => [x * cos + y * sin, -x * sin + y * cos] as const);
  let v0 = Infinity;
  let v1 = -Infinity;
  for (const [, v] of rot) {
    if (v < v0) v0 = v;
    if (v > v1) v1 = v;
  }
  const out: Array<[number, number, number, number]> = [];
  for (let k = Math.ceil(v0 / spacing); k * spacing <= v1; k++) {
    const v = k * spacing;
    const xs: number[] = [];
    let prev = rot[rot.length - 1];
    if (prev)
      for (const cur of rot) {
        const [ui, vi] = cur;
        const [uj, vj] = prev;
        if (vi > v !== vj > v) xs.push(ui + ((v - vi) * (uj - ui)) / (vj - vi));
        prev = cur;
      }
    xs.sort((a, b) => a - b);
    // Inside between crossings (0, 1), (2, 3), …
    for (let i = 1; i < xs.length; i += 2) {
      const ua = xs[i - 1];
      const ub = xs[i];
      if (ua === undefined || ub === undefined) break;
      out.push([ua * cos - v * sin, ua * sin + v * cos, ub * cos - v * sin, ub * sin + v * cos]);
    }
  }
  return out;
}

/** The horizontal extent [x0, x1] of the polygon along y that contains x (null when x is outside). */
export function spanAt(poly: Poly, x: number, y: number): [number, number] | null {
  const xs: number[] = [];
  let prev = poly[poly.length - 1];
  if (prev)
    for (const cur of poly) {
      const [xi, yi] = cur;
      const [xj, yj] = prev;
      if (yi > y !== yj > y) xs.push(xi + ((y - yi) * (xj - xi)) / (yj - yi));
      prev = cur;
    }
  xs.sort((a, b) => a - b);
  for (let i = 1; i < xs.length; i += 2) {
    const a = xs[i - 1];
    const b = xs[i];
    if (a === undefined || b === undefined) break;
    if (x >= a && x <= b) return [a, b];
  }
  return null;
}

/** Dashes along a polyline (closed: back to the first point). Returns [x1, y1, x2, y2] segments. */
export function dashSegments(points: Poly, dash: number, gap: number, closed = true): Array<[number, number, number, number]> {
  const out: Array<[number, number, number, number]> = [];
  if (dash <= 0 || points.length < 2) return out;
  const n = closed ? points.length : points.length - 1;
  let phase = 0; // distance into the current dash+gap period
  const period = dash + gap;
  for (let i = 0; i < n; i++) {
    const a = points[i];
    const b = points[(i + 1) % points.length];
    if (!a || !b) continue; // (i < n ≤ length: both exist)
    const [ax, ay] = a;
    const [bx, by] = b;
    const len = Math.hypot(bx - ax, by - ay);
    if (len === 0) continue;
    let t = 0;
    while (t < len) {
      const inDash = phase < dash;
      const step = Math.min(len - t, inDash ? dash - phase : period - phase);
      if (inDash) {
        const s = t / len;
        const e = (t + step) / len;
        out.push([ax + (bx - ax) * s, ay + (by - ay) * s, ax + (bx - ax) * e, ay + (by - ay) * e]);
      }
      t += step;
      phase = (phase + step) % period;
    }
  }
  return out;
}

/** Grid points (staggered rows) inside a polygon, at least `margin` from its outline. */
export function gridPointsInside(poly: Poly, spacing: number, margin = 0, limit = 4000): Pt[] {
  const b = polygonBounds(poly);
  const out: Pt[] = [];
  if (spacing <= 0) return out;
  let row = 0;
  for (let y = Math.ceil(b.y / spacing) * spacing; y <= b.y + b.h; y += spacing, row++) {
    const off = row % 2 ? spacing / 2 : 0;
    for (let x = Math.floor(b.x / spacing) * spacing + off; x <= b.x + b.w; x += spacing) {
      if (signedEdgeDistance(x, y, poly) >= margin) {
        out.push([x, y]);
        if (out.length >= limit) return out;
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Colours

export const NEUTRAL = '#a7a59f';
export const PALETTE = {
  background: '#17212b',
  sheet: '#b7c7d3',
  mapEdge: '#c9d3da',
  land: '#ebe5d3',
  sea: '#6f9fc6',
  seaDeep: '#5b8cb5',
  seaLine: '#9fc2de',
  air: '#ffffff',
  inset: '#142231',
  insetGrid: '#2a5068',
  insetAccent: '#48c0c8',
  border: '#1e2731',
  selection: '#ffcf33',
  text: '#10161d',
  textHalo: '#ffffff',
  seaText: '#0e2f4d',
  insetText: '#dff5f7',
} as const;

export function parseHex(hex: string): number {
  const digits = /^#?([0-9a-f]{6})$/i.exec(hex)?.[1];
  return digits !== undefined ? parseInt(digits, 16) : 0x888888;
}

export const toHex = (c: number): string => `#${(c & 0xffffff).toString(16).padStart(6, '0')}`;

/** Linear mix in sRGB: t = 0 gives a, t = 1 gives b. */
export function mixHex(a: string, b: string, t: number): string {
  const x = parseHex(a);
  const y = parseHex(b);
  const k = Math.max(0, Math.min(1, t));
  const ch = (s: number) => Math.round(((x >> s) & 255) * (1 - k) + ((y >> s) & 255) * k);
  return toHex((ch(16) << 16) | (ch(8) << 8) | ch(0));
}

/** Relative luminance (0 dark .. 1 light), for choosing text colours on a fill. */
export function luminance(hex: string): number {
  const c = parseHex(hex);
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin((c >> 16) & 255) + 0.7152 * lin((c >> 8) & 255) + 0.0722 * lin(c & 255);
}

export type Colours = ReadonlyMap<string, string>;

/** Nation and adversary colours by trigraph. */
export function colourTable(view: Pick<View, 'nations' | 'adversary'>): Map<string, string> {
  const m = new Map<string, string>();
  for (const n of view.nations) m.set(n.id, n.colour);
  m.set(view.adversary.id, view.adversary.colour);
  return m;
}

/** The colour of a controller: its nation's colour, or null for none/contested/unknown. */
export function controllerColour(controller: string | null, colours: Colours): string | null {
  return controller === null ? null : (colours.get(controller) ?? null);
}

export const UNSTABLE_BELOW = 40;

/** Fill colour of a region for its domain, controller colour and stability (0..100). */
export function regionFill(domain: RegionDomain, colour: string | null, stability: number): string {
  const s = Math.max(0, Math.min(100, stability)) / 100;
  switch (domain) {
    case 'land':
      // Controlled land: the controller's colour, stronger the more stable the region is.
      return colour === null ? mixHex(NEUTRAL, PALETTE.land, 0.25 * (1 - s)) : mixHex(PALETTE.land, colour, 0.3 + 0.45 * s);
    case 'sea':
      return colour === null ? mixHex(PALETTE.seaDeep, PALETTE.sea, s) : mixHex(PALETTE.sea, colour, 0.3);
    case 'air':
      return colour === null ? PALETTE.air : mixHex(PALETTE.air, colour, 0.5);
    case 'cyber':
    case 'information':
      return colour === null ? PALETTE.inset : mixHex(PALETTE.inset, colour, 0.35);
  }
}

/** Stability band colour: green (steady), amber (strained), red (unstable, below 40). */
export function stabilityColour(stability: number): string {
  return stability >= 70 ? '#2f9e58' : stability >= UNSTABLE_BELOW ? '#e3a21a' : '#d8433e';
}

// ---------------------------------------------------------------------------------------------
// Assets

export type AssetFamily = 'land' | 'air' | 'naval' | 'strike' | 'cyber' | 'command';

export const FAMILY_OF: Readonly<Record<AssetType, AssetFamily>> = {
  hq: 'command',
  logistics: 'command',
  armour: 'land',
  infantry: 'land',
  artillery: 'land',
  special_forces: 'land',
  fighter: 'air',
  transport_aircraft: 'air',
  drone: 'air',
  maritime_patrol: 'air',
  frigate: 'naval',
  submarine: 'naval',
  patrol_vessel: 'naval',
  missile: 'strike',
  air_defence: 'strike',
  radar: 'strike',
  cyber_unit: 'cyber',
  info_ops: 'cyber',
};

export const FAMILIES: readonly AssetFamily[] = ['land', 'air', 'naval', 'strike', 'cyber', 'command'];

export const FAMILY_INFO: Readonly<Record<AssetFamily, { label: string; glyph: string }>> = {
  land: { label: 'Land forces', glyph: '▭' },
  air: { label: 'Air', glyph: '✈' },
  naval: { label: 'Naval', glyph: '⛴' },
  strike: { label: 'Missiles and air defence', glyph: '◆' },
  cyber: { label: 'Cyber and information', glyph: '⬢' },
  command: { label: 'HQ and logistics', glyph: '⚑' },
};

export function glyphFor(type: AssetType): { family: AssetFamily; glyph: string; label: string } {
  const family = FAMILY_OF[type];
  return { family, ...FAMILY_INFO[family] };
}

/** Stable ordering of assets within a region: by owner, then family, then id. */
export function compareAssets(a: Pick<MapAsset, 'owner' | 'type' | 'id'>, b: Pick<MapAsset, 'owner' | 'type' | 'id'>): number {
  if (a.owner !== b.owner) return a.owner < b.owner ? -1 : 1;
  const fa = FAMILIES.indexOf(FAMILY_OF[a.type]);
  const fb = FAMILIES.indexOf(FAMILY_OF[b.type]);
  if (fa !== fb) return fa - fb;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Marker slots inside a region: grid cells of `spacing` around `origin`, nearest first,
 * inside the polygon (at least `margin` from the outline) and clear of `avoid` (the label).
 * Stops after `max` slots; the cost is bounded by min(max, cells in the polygon).
 */
export function markerSlots(
  poly: Poly,
  origin: Pt,
  spacing: number,
  max: number,
  avoid: Box | null = null,
  margin = 0,
  bounds: Box = polygonBounds(poly),
  /** Horizontal spacing as a multiple of `spacing` (wider for stacks with a count). */
  aspect = 1,
): Pt[] {
  const out: Pt[] = [];
  if (max <= 0 || spacing <= 0) return out;
  const [ox, oy] = origin;
  const sx = spacing * aspect;
  const reach =
    Math.ceil(
      Math.max((ox - bounds.x) / sx, (bounds.x + bounds.w - ox) / sx, (oy - bounds.y) / spacing, (bounds.y + bounds.h - oy) / spacing),
    ) + 1;
  const ring: Array<[number, number, number]> = [];
  for (let r = 0; r <= reach && out.length < max; r++) {
    ring.length = 0;
    for (let i = -r; i <= r; i++) {
      for (let j = -r; j <= r; j++) {
        if (Math.max(Math.abs(i), Math.abs(j)) !== r) continue;
        const x = ox + i * sx;
        const y = oy + j * spacing;
        if (x < bounds.x || x > bounds.x + bounds.w || y < bounds.y || y > bounds.y + bounds.h) continue;
        // Prefer a wide arrangement (rows under the label) over a tall one.
        ring.push([x, y, i * i + 2.2 * j * j]);
      }
    }
    ring.sort((a, b) => a[2] - b[2]);
    for (const [x, y] of ring) {
      if (
        avoid !== null &&
        x >= avoid.x - sx * 0.5 &&
        x <= avoid.x + avoid.w + sx * 0.5 &&
        y >= avoid.y - spacing * 0.5 &&
        y <= avoid.y + avoid.h + spacing * 0.5
      )
        continue;
      if (margin > 0 ? signedEdgeDistance(x, y, poly) < margin : !pointInPolygon(x, y, poly)) continue;
      out.push([x, y]);
      if (out.length >= max) break;
    }
  }
  return out;
}

export type Placement =
  { kind: 'asset'; id: string; slot: number } | { kind: 'cluster'; owner: string | null; ids: string[]; slot: number };

/**
 * How a region's assets are shown with `slots` free places: each on its own when they fit (and
 * there are at most `maxIndividual`), else one stack per owner with a count, else one stack
 * for the whole region. `assets` should already be sorted (compareAssets).
 */
export function planRegion(assets: ReadonlyArray<Pick<MapAsset, 'id' | 'owner'>>, slots: number, maxIndividual = Infinity): Placement[] {
  const n = assets.length;
  if (n === 0) return [];
  if (n <= slots && n <= maxIndividual) return assets.map((a, i) => ({ kind: 'asset', id: a.id, slot: i }));
  const byOwner = new Map<string, string[]>();
  for (const a of assets) {
    const list = byOwner.get(a.owner);
    if (list) list.push(a.id);
    else byOwner.set(a.owner, [a.id]);
  }
  if (byOwner.size <= Math.max(1, slots)) {
    let slot = 0;
    return [...byOwner].map(([owner, ids]) => {
      const only = ids.length === 1 ? ids[0] : undefined;
      return only !== undefined ? { kind: 'asset', id: only, slot: slot++ } : { kind: 'cluster', owner, ids, slot: slot++ };
    });
  }
  return [{ kind: 'cluster', owner: null, ids: assets.map((a) => a.id), slot: 0 }];
}

// ---------------------------------------------------------------------------------------------
// Labels

export interface LabelBox extends Box {
  id: string;
  priority: number;
}

export interface LabelChoice {
  id: string;
  priority: number;
  /** Alternative boxes for the label (e.g. one line, two lines), most preferred first. */
  boxes: Box[];
}

const overlaps = (a: Box, b: Box, pad: number) =>
  a.x < b.x + b.w + pad && b.x < a.x + a.w + pad && a.y < b.y + b.h + pad && b.y < a.y + a.h + pad;

/**
 * Greedy label placement: labels in priority order take their first alternative that overlaps
 * nothing placed so far; returns the chosen alternative per id, or -1 (hide it).
 */
export function chooseLabels(labels: readonly LabelChoice[], pad = 2): Map<string, number> {
  const placed: Box[] = [];
  const out = new Map<string, number>();
  for (const l of [...labels].sort((p, q) => q.priority - p.priority)) {
    const i = l.boxes.findIndex((b) => !placed.some((p) => overlaps(b, p, pad)));
    out.set(l.id, i);
    const box = l.boxes[i]; // none when i is −1
    if (box) placed.push(box);
  }
  return out;
}

/** Greedy overlap removal: higher priority first; returns the ids of labels to hide. */
export function hiddenLabels(boxes: readonly LabelBox[], pad = 2): Set<string> {
  const chosen = chooseLabels(
    boxes.map((b) => ({ id: b.id, priority: b.priority, boxes: [b] })),
    pad,
  );
  return new Set([...chosen].filter(([, i]) => i < 0).map(([id]) => id));
}

// ---------------------------------------------------------------------------------------------
// Overlays and change detection

export interface Arrow {
  action: string;
  nation: string;
  colour: string;
  from: string; // region id (the acting nation's capital region)
  to: string;
  own: boolean; // target is the acting nation's own capital region: highlight instead of an arrow
  pending: boolean;
}

/** Actions of the current turn as arrows from the acting nation's capital to each target region. */
export function actionArrows(view: Pick<View, 'actions' | 'nations' | 'exercise' | 'map'>, colours: Colours): Arrow[] {
  const capital = new Map(view.nations.map((n) => [n.id, n.capital]));
  const known = new Set(view.map.regions.map((r) => r.id));
  const out: Arrow[] = [];
  for (const a of view.actions) {
    if (a.turn !== view.exercise.turn || a.status === 'withdrawn') continue;
    const from = capital.get(a.nation);
    if (from === undefined || !known.has(from)) continue;
    for (const to of a.regions) {
      if (!known.has(to)) continue;
      out.push({
        action: a.id,
        nation: a.nation,
        colour: colours.get(a.nation) ?? NEUTRAL,
        from,
        to,
        own: to === from,
        pending: a.status !== 'adjudicated',
      });
    }
  }
  return out;
}

export const arrowsKey = (arrows: readonly Arrow[]): string => arrows.map((a) => `${a.action}>${a.to}${a.pending ? '?' : ''}`).join('|');

/** Injects released after `sinceSeq` that name regions on the map. */
export function newInjects(view: Pick<View, 'injects'>, sinceSeq: number): Array<{ id: string; channel: string; regions: string[] }> {
  const out: Array<{ id: string; channel: string; regions: string[] }> = [];
  for (const x of view.injects)
    if (x.releasedSeq !== null && x.releasedSeq > sinceSeq && x.regions.length)
      out.push({ id: x.id, channel: x.channel, regions: x.regions });
  return out;
}

export const CHANNEL_COLOUR: Readonly<Record<string, string>> = {
  news: '#ff8f1f',
  social: '#ff5fa2',
  intel: '#b07cff',
  map: '#ffd84a',
};

/** What the map remembers of a region between views: the engine's own region record. */
export type { RegionState };

export interface AssetState {
  owner: string;
  region: string;
  type: AssetType;
  hidden: boolean;
  strength: number;
}

export interface AssetChanges {
  /** Regions whose set or order of assets changed (need a new layout). */
  regions: Set<string>;
  moved: Array<{ id: string; from: string; to: string }>;
  added: string[];
  removed: string[];
  /** Assets whose look changed in place (owner, hidden, type). */
  restyled: string[];
}

/** Compare the stored asset states with a view's assets, updating the store in place. */
export function diffAssets(store: Map<string, AssetState>, assets: readonly MapAsset[]): AssetChanges {
  const ch: AssetChanges = { regions: new Set(), moved: [], added: [], removed: [], restyled: [] };
  const seen = new Set<string>();
  for (const a of assets) {
    seen.add(a.id);
    const s = store.get(a.id);
    if (!s) {
      store.set(a.id, { owner: a.owner, region: a.region, type: a.type, hidden: a.hidden, strength: a.strength });
      ch.added.push(a.id);
      ch.regions.add(a.region);
      continue;
    }
    if (s.region !== a.region) {
      ch.moved.push({ id: a.id, from: s.region, to: a.region });
      ch.regions.add(s.region).add(a.region);
      s.region = a.region;
    }
    if (s.owner !== a.owner || s.hidden !== a.hidden || s.type !== a.type) {
      if (s.owner !== a.owner) ch.regions.add(a.region); // owner order and stacks change
      s.owner = a.owner;
      s.hidden = a.hidden;
      s.type = a.type;
      ch.restyled.push(a.id);
    }
    s.strength = a.strength;
  }
  if (seen.size !== store.size) {
    for (const [id, s] of store) {
      if (seen.has(id)) continue;
      store.delete(id);
      ch.removed.push(id);
      ch.regions.add(s.region);
    }
  }
  return ch;
}

/** Compare stored region states with a view's regions, updating the store in place. */
export function diffRegions(
  store: Map<string, RegionState>,
  regions: readonly MapRegion[],
): { changed: string[]; controller: Array<{ id: string; from: string | null; to: string | null }> } {
  const changed: string[] = [];
  const controller: Array<{ id: string; from: string | null; to: string | null }> = [];
  for (const r of regions) {
    const s = store.get(r.id);
    if (!s) {
      store.set(r.id, { controller: r.controller, stability: r.stability });
      changed.push(r.id);
      continue;
    }
    if (s.controller !== r.controller || s.stability !== r.stability) {
      if (s.controller !== r.controller) controller.push({ id: r.id, from: s.controller, to: r.controller });
      store.set(r.id, { controller: r.controller, stability: r.stability });
      changed.push(r.id);
    }
  }
  return { changed, controller };
}

/** A cheap signature of the map geometry, to notice a different scenario. */
export function geometryKey(map: View['map']): string {
  let n = 0;
  for (const r of map.regions) n += r.polygon.length;
  return `${map.width}x${map.height}:${map.regions.map((r) => r.id).join(',')}:${n}`;
}

// ---------------------------------------------------------------------------------------------
// Legend

export interface LegendItem {
  kind: 'controller' | 'domain' | 'asset' | 'overlay';
  label: string;
  colour?: string;
  glyph?: string;
  /** A CSS background for the swatch when a plain colour will not do (a line, a hatch). */
  swatch?: string;
}

/** What the map shows for this view, for a legend drawn outside the canvas. */
export function legendItems(view: View): LegendItem[] {
  const items: LegendItem[] = [];
  const controllers = new Set(view.map.regions.map((r) => r.controller));
  for (const n of view.nations) items.push({ kind: 'controller', label: n.name, colour: n.colour });
  items.push({ kind: 'controller', label: view.adversary.name, colour: view.adversary.colour });
  if (controllers.has(null)) items.push({ kind: 'controller', label: 'Contested / uncontrolled', colour: NEUTRAL, glyph: '▨' });
  const domains = new Set(view.map.regions.map((r) => r.domain));
  if (domains.has('sea')) items.push({ kind: 'domain', label: 'Sea', colour: PALETTE.sea });
  if (domains.has('air')) items.push({ kind: 'domain', label: 'Air corridor', colour: PALETTE.air });
  if (domains.has('cyber')) items.push({ kind: 'domain', label: 'Cyberspace', colour: PALETTE.inset });
  if (domains.has('information')) items.push({ kind: 'domain', label: 'Information space', colour: PALETTE.inset });
  const families = new Set(view.assets.map((a) => FAMILY_OF[a.type]));
  for (const f of FAMILIES) if (families.has(f)) items.push({ kind: 'asset', label: FAMILY_INFO[f].label, glyph: FAMILY_INFO[f].glyph });
  if (view.assets.some((a) => a.hidden)) items.push({ kind: 'asset', label: 'Hidden from players (control only)', glyph: '⬚' });
  if (view.assets.length) items.push({ kind: 'asset', label: 'Several units (count)', glyph: '▣' });
  items.push({ kind: 'overlay', label: 'Capital', glyph: '★', colour: '#ffd23f' });
  items.push({ kind: 'overlay', label: `Unstable (stability below ${UNSTABLE_BELOW})`, glyph: '┅', colour: stabilityColour(0) });
  if (view.actions.some((a) => a.turn === view.exercise.turn && a.status !== 'withdrawn' && a.regions.length)) {
    items.push({ kind: 'overlay', label: 'Action this turn (dashed: awaiting adjudication)', glyph: '➜' });
  }
  items.push({ kind: 'overlay', label: 'New inject', glyph: '◎', colour: CHANNEL_COLOUR.news });
  items.push(...overlayLegend(view, treatyOverlays(view, viewerOf(view))));
  items.push(...escalationLegend(view));
  items.push(...operationLegend(operationMarks(view)));
  return items;
}

// ---------------------------------------------------------------------------------------------
// Agreements and alliances: who is bound to whom, where forces may go

/** Line colours for agreements, in order: bright on the land fills, distinct from each other. */
export const AGREEMENT_COLOURS = ['#ff7a1a', '#ff4fa3', '#f4f1e8', '#ffe14a', '#5ff2c5', '#b58cff', '#ff5a4e', '#7fd6ff'] as const;
export const BASING_COLOUR = '#19c2d6';
export const DEFENCE_COLOUR = '#ff3347';

export interface AgreementLink {
  agreement: string;
  title: string;
  /** The two nations this line joins, and their capitals (region ids). */
  a: string;
  b: string;
  from: string;
  to: string;
  /** Every nation bound by the agreement. */
  bound: readonly string[];
  colour: string;
  /** Suspended: bound, but not acting in the game. Drawn dashed. */
  suspended: boolean;
  /** This agreement's place among the agreements joining the same two nations, and how many there are. */
  lane: number;
  lanes: number;
}

export interface RegionMark {
  region: string;
  kind: 'basing' | 'defence';
  /** What opened it, in words ("basing agreement: Grey Sound accord", "collective defence for Orvania"). */
  label: string;
  /** For collective defence: the member attacked. */
  nation: string | null;
}

export interface TreatyOverlays {
  links: AgreementLink[];
  marks: RegionMark[];
  /** The agreements drawn, in order, for the legend. */
  agreements: Array<{ id: string; title: string; bound: readonly string[]; colour: string; suspended: boolean }>;
  /** The members for whom collective defence is activated. */
  defended: string[];
  /** Whose forces the basing marks are for: the viewing nation, or null for every ally (control). */
  viewer: string | null;
}

type OverlayView = Pick<View, 'agreements' | 'consultations' | 'nations' | 'adversary' | 'map'>;

/** The nation whose picture this is, or null (exercise control, the public). */
export const viewerOf = (view: Pick<View, 'audience' | 'nations'>): string | null =>
  view.nations.some((n) => n.id === view.audience) ? view.audience : null;

/**
 * What the map shows of agreements and treaties for a viewer: a line between the capitals of
 * every two nations bound by an agreement in force (or suspended); the regions open to the
 * viewer's forces by a basing agreement or an activated treaty basing clause (for control, every
 * region an ally has opened to another), by the engine's access rule as deploy-model.ts reads it;
 * and the regions of a member for whom collective defence is activated.
 */
export function treatyOverlays(view: OverlayView, viewer: string | null): TreatyOverlays {
  const capital = new Map(view.nations.map((n) => [n.id, n.capital]));
  const known = new Set(view.map.regions.map((r) => r.id));
  const agreements: TreatyOverlays['agreements'] = [];
  const links: AgreementLink[] = [];
  for (const ag of view.agreements) {
    if (ag.status !== 'in_force' && ag.status !== 'suspended') continue;
    const bound = [...ag.bound].filter((n) => capital.has(n)).sort();
    if (bound.length < 2) continue;
    const colour = AGREEMENT_COLOURS[agreements.length % AGREEMENT_COLOURS.length] ?? AGREEMENT_COLOURS[0];
    const suspended = ag.status === 'suspended';
    agreements.push({ id: ag.id, title: ag.title, bound, colour, suspended });
    for (let i = 0; i < bound.length; i++)
      for (let j = i + 1; j < bound.length; j++) {
        const a = bound[i]!;
        const b = bound[j]!;
        const from = capital.get(a);
        const to = capital.get(b);
        if (from === undefined || to === undefined || !known.has(from) || !known.has(to)) continue;
        links.push({ agreement: ag.id, title: ag.title, a, b, from, to, bound, colour, suspended, lane: 0, lanes: 1 });
      }
  }
  // Agreements binding the same two nations run side by side.
  const pairs = new Map<string, AgreementLink[]>();
  for (const l of links) {
    const k = `${l.a}+${l.b}`;
    const list = pairs.get(k);
    if (list) list.push(l);
    else pairs.set(k, [l]);
  }
  for (const list of pairs.values()) list.forEach((l, i) => Object.assign(l, { lane: i, lanes: list.length }));

  const allied = new Set(view.nations.map((n) => n.id));
  const marks: RegionMark[] = [];
  const defended: string[] = [];
  for (const c of view.consultations)
    if (c.status === 'activated' && c.clauseType === 'collective_defence' && !defended.includes(c.onBehalfOf)) {
      defended.push(c.onBehalfOf);
      for (const r of view.map.regions)
        if (r.controller === c.onBehalfOf)
          marks.push({
            region: r.id,
            kind: 'defence',
            label: basisLabel(view, { kind: 'collective_defence', consultation: c.id }),
            nation: c.onBehalfOf,
          });
    }
  for (const r of view.map.regions) {
    const host = r.controller;
    if (host === null || !allied.has(host)) continue;
    if (viewer !== null) {
      if (host === viewer) continue;
      const basis = hostBasis(view, viewer, host, r.id);
      if (basis && basis.kind !== 'collective_defence')
        marks.push({ region: r.id, kind: 'basing', label: basisLabel(view, basis), nation: null });
    } else {
      // Control: every ally whose forces the host admits there (the same rule, region by region).
      const opened = view.nations.flatMap((u) => {
        const basis = u.id === host ? null : hostBasis(view, u.id, host, r.id);
        return basis && basis.kind !== 'collective_defence' ? [`${u.name}: ${basisLabel(view, basis)}`] : [];
      });
      if (opened.length) marks.push({ region: r.id, kind: 'basing', label: opened.join('; '), nation: null });
    }
  }
  return { links, marks, agreements, defended, viewer };
}

export const overlaysKey = (o: TreatyOverlays): string =>
  JSON.stringify([o.links.map((l) => [l.agreement, l.a, l.b, l.colour, l.suspended, l.lane, l.lanes]), o.marks]);

/** Legend entries for the agreement lines, basing rights and collective defence on the map. */
export function overlayLegend(view: Pick<View, 'nations' | 'adversary'>, o: TreatyOverlays): LegendItem[] {
  const items: LegendItem[] = [];
  for (const a of o.agreements)
    items.push({
      kind: 'overlay',
      label: `${a.title}${a.suspended ? ' (suspended)' : ''}: ${a.bound.map((n) => nationName(view, n)).join(' · ')}`,
      swatch: a.suspended
        ? `repeating-linear-gradient(90deg, ${a.colour} 0 4px, transparent 4px 7px) center / 100% 4px no-repeat`
        : `linear-gradient(${a.colour}, ${a.colour}) center / 100% 4px no-repeat`,
    });
  if (o.marks.some((m) => m.kind === 'basing'))
    items.push({
      kind: 'overlay',
      label: o.viewer !== null ? 'Basing rights: open to your forces' : 'Basing rights: opened to allied forces',
      swatch: `repeating-linear-gradient(0deg, ${BASING_COLOUR} 0 2px, transparent 2px 5px)`,
    });
  for (const n of o.defended)
    items.push({
      kind: 'overlay',
      label: `Collective defence activated for ${nationName(view, n)}`,
      swatch: `linear-gradient(#0f1720, #0f1720) center / 50% 50% no-repeat, ${DEFENCE_COLOUR}`,
    });
  return items;
}

/**
 * The path of an agreement line from one capital to another: a gentle arc, bowed further for
 * each extra agreement joining the same two nations so that they run side by side.
 * `spacing` is the distance between neighbouring lanes, in world units.
 */
export function linkPath(from: Pt, to: Pt, lane: number, lanes: number, spacing: number, steps = 16): Pt[] {
  const [x0, y0] = from;
  const [x2, y2] = to;
  const len = Math.hypot(x2 - x0, y2 - y0);
  if (len === 0) return [from, to];
  const nx = -(y2 - y0) / len;
  const ny = (x2 - x0) / len;
  // Lanes centred on a small common bow, so that a single line is not hidden by straight arrows.
  const bow = len * 0.06 + (lane - (lanes - 1) / 2) * spacing * 2;
  const x1 = (x0 + x2) / 2 + nx * bow;
  const y1 = (y0 + y2) / 2 + ny * bow;
  const out: Pt[] = [];
  for (let k = 0; k <= steps; k++) {
    const t = k / steps;
    const u = 1 - t;
    out.push([u * u * x0 + 2 * u * t * x1 + t * t * x2, u * u * y0 + 2 * u * t * y1 + t * t * y2]);
  }
  return out;
}

/** The index of the path nearest to a point, within `tolerance` (world units), or -1. */
export function nearestPath(paths: ReadonlyArray<readonly Pt[]>, x: number, y: number, tolerance: number): number {
  let best = -1;
  let bestD = tolerance * tolerance;
  paths.forEach((path, i) => {
    for (let k = 1; k < path.length; k++) {
      const a = path[k - 1]!;
      const b = path[k]!;
      const d = segmentDistSq(x, y, a[0], a[1], b[0], b[1]);
      if (d <= bestD) {
        bestD = d;
        best = i;
      }
    }
  });
  return best;
}

// ---------------------------------------------------------------------------------------------
// Joint operations: the regions of allied operations still under way

export const OPERATION_COLOUR = '#ffb347';

export interface OperationMark {
  region: string;
  operation: string;
  title: string;
  status: 'pledging' | 'closed' | 'launched';
  participants: readonly string[];
}

const OP_STATUS_WORDS: Readonly<Record<OperationMark['status'], string>> = {
  pledging: 'taking pledges',
  closed: 'pledging closed',
  launched: 'launched',
};

/** The regions of the operations this view shows (the participant's own, and the allies' it knows exist) while they are under way. */
export function operationMarks(view: Pick<View, 'operations' | 'map'>): OperationMark[] {
  const known = new Set(view.map.regions.map((r) => r.id));
  const out: OperationMark[] = [];
  for (const op of view.operations) {
    if (op.status !== 'pledging' && op.status !== 'closed' && op.status !== 'launched') continue;
    for (const region of op.regions)
      if (known.has(region)) out.push({ region, operation: op.id, title: op.title, status: op.status, participants: op.participants });
  }
  return out;
}

export const operationsKey = (marks: readonly OperationMark[]): string =>
  JSON.stringify(marks.map((m) => [m.region, m.operation, m.title, m.status]));

/** The label a region's operations carry on the map: "⚑ Title", "⚑ Title +1" when there are several. */
export function operationLabels(marks: readonly OperationMark[]): Map<string, string> {
  const by = new Map<string, OperationMark[]>();
  for (const m of marks) by.set(m.region, [...(by.get(m.region) ?? []), m]);
  const out = new Map<string, string>();
  for (const [region, list] of by) out.set(region, `⚑ ${list[0]!.title}${list.length > 1 ? ` +${list.length - 1}` : ''}`);
  return out;
}

/** Hover text over a region with operations: "Joint operation “ML-2 protection” — launched — Calvaria, Orvania". */
export function operationTip(view: Pick<View, 'nations' | 'adversary'>, marks: readonly OperationMark[], region: string): string | null {
  const here = marks.filter((m) => m.region === region);
  if (!here.length) return null;
  return here
    .map(
      (m) => `Joint operation “${m.title}” — ${OP_STATUS_WORDS[m.status]} — ${m.participants.map((n) => nationName(view, n)).join(', ')}`,
    )
    .join('; ');
}

export function operationLegend(marks: readonly OperationMark[]): LegendItem[] {
  if (!marks.length) return [];
  return [
    {
      kind: 'overlay',
      label: 'Allied joint operation (⚑ its name)',
      swatch: `repeating-linear-gradient(45deg, ${OPERATION_COLOUR} 0 2px, transparent 2px 6px)`,
    },
  ];
}
