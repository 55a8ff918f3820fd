/**
 * The Phaser scene that draws the exercise map. Loaded lazily by map.ts.
 *
 * World coordinates are the scenario's map coordinates; the main camera zooms and pans over
 * them. The canvas is sized in device pixels (game size = CSS size × devicePixelRatio, shown at
 * 1/dpr), so text and markers are rasterised at device resolution. Labels and markers keep a
 * constant on-screen size: their textures are drawn at their final pixel size and counter-scaled
 * by 1/zoom. Graphics whose line widths are in screen pixels (borders, arrows, selection) are
 * redrawn when the zoom changes; region fills only when a region changes.
 *
 * The game loop sleeps when nothing moves (no drag, animation, pulse or tween) and wakes on
 * input, on `update` and on resize, so an idle projected map costs nothing.
 */
import Phaser from 'phaser';
import type { View } from '@concord/shared/views/index';
import type { ConcordMapHook, MapHandle, MapOptions } from './map.ts';
import {
  actionArrows,
  arrowsKey,
  BASING_COLOUR,
  CHANNEL_COLOUR,
  colourTable,
  compareAssets,
  controllerColour,
  dashSegments,
  DEFENCE_COLOUR,
  diffAssets,
  diffRegions,
  geometryKey,
  chooseLabels,
  gridPointsInside,
  hatchSegments,
  spanAt,
  labelAnchor,
  linkPath,
  markerSlots,
  mixHex,
  NEUTRAL,
  nearestPath,
  newInjects,
  overlaysKey,
  OPERATION_COLOUR,
  operationLabels,
  operationMarks,
  operationsKey,
  operationTip,
  PALETTE,
  parseHex,
  planRegion,
  poleOfInaccessibility,
  polygonArea,
  polygonBounds,
  pointInPolygon,
  regionFill,
  treatyOverlays,
  UNSTABLE_BELOW,
  viewerOf,
  type Arrow,
  type AssetState,
  type OperationMark,
  type Box,
  type LabelChoice,
  type MapAsset,
  type MapRegion,
  type Pt,
  type RegionDomain,
  type RegionState,
  type TreatyOverlays,
} from './map-model.ts';
import { escalationKey, escalationOverlay, TREND_COLOURS as TREND_MARK, type EscalationOverlay } from './map-escalation.ts';
import { drawCluster, drawLabel, drawMarker, drawOperationTag, splitName, type LabelStyle } from './map-glyphs.ts';
import { clampView, fitView, panBy, toWorld, zoomAbout, type Frame, type ViewBox } from './interaction/camera.ts';
import { bindPointerInput, type Binding } from './interaction/dom.ts';
import type { MapIntent } from './interaction/types.ts';

type Graphics = Phaser.GameObjects.Graphics;
type Image = Phaser.GameObjects.Image;

const MARKER_CSS = 22;
const MAX_INDIVIDUAL = 1500;
const DRAG_CSS = 5;
const FRAME_LOG = 900;
const IDLE_MS = 600;
const COLOUR_MS = 1100;
const MOVE_MS = 1300;
const PULSE_MS = 2600;

const DEPTH = {
  base: 0,
  sea: 1,
  land: 2,
  air: 3,
  inset: 4,
  patterns: 5,
  borders: 6,
  escalation: 6.3,
  treaty: 6.5,
  selection: 7,
  arrows: 8,
  markers: 9,
  movers: 10,
  labels: 11,
  fx: 12,
} as const;

interface RegionRec {
  id: string;
  name: string;
  domain: RegionDomain;
  poly: Pt[];
  pts: Phaser.Math.Vector2[];
  bounds: Box;
  area: number;
  anchor: Pt;
  pole: Pt;
  controller: string | null;
  stability: number;
  capital: boolean;
  fill: string;
  shown: string;
  anim: { from: string; to: string; t0: number } | null;
  g: Graphics;
  label: Image | null;
  labelSig: string;
  /** Label textures: one line, and two lines for multi-word names. */
  variants: LabelVariant[];
  variant: number;
  /** Width of the region along the label's line (world units). */
  span: number;
  lw: number;
  lh: number;
  lox: number;
  loy: number;
  labelHidden: boolean;
  assets: Set<string>;
  sorted: string[] | null;
  clusters: Map<string, Image>;
  /** Assets shown on their own by the last layout. */
  placed: string[];
  /** Whether the region is in (or near) the view; markers of other regions are not drawn. */
  inView: boolean;
}

/** The scene's fixed graphics layers, bottom to top. */
interface Layers {
  base: Graphics;
  patterns: Graphics;
  borders: Graphics;
  escalation: Graphics;
  treaty: Graphics;
  selection: Graphics;
  arrows: Graphics;
  fx: Graphics;
}

interface LabelVariant {
  tex: string;
  w: number;
  h: number;
  ox: number;
  oy: number;
}

interface AssetRec {
  id: string;
  state: AssetState;
  img: Image | null;
  tex: string;
  x: number;
  y: number;
  clustered: boolean;
  placed: boolean;
}

interface Pulse {
  x: number;
  y: number;
  colour: number;
  t0: number;
}

const ease = (t: number) => (t < 0.5 ? 4 * t * t * t : 1 - (-2 * t + 2) ** 3 / 2);
const hexNum = parseHex;
const inset = (d: RegionDomain) => d === 'cyber' || d === 'information';
/** Space between an inset panel's edge and its label (world units). */
const INSET_PAD = 8;

type Hooks = { onSelect(id: string | null): void; onReady(): void; tips: HTMLElement | null };

export class MapScene extends Phaser.Scene {
  private readonly hooks: Hooks;
  private view: View | null = null;
  private geometry = '';
  private colours = new Map<string, string>();
  private coloursKey = '';
  private readonly regions = new Map<string, RegionRec>();
  private hitOrder: RegionRec[] = [];
  private readonly regionStore = new Map<string, RegionState>();
  private readonly assetStore = new Map<string, AssetState>();
  private readonly assets = new Map<string, AssetRec>();
  private capitals = new Set<string>();
  private arrows: Arrow[] = [];
  private arrowSig = '';
  /** Agreement lines, basing rights and collective defence (treatyOverlays), and the lines' paths in world units. */
  private treaty: TreatyOverlays | null = null;
  private treatySig = '';
  private linkPaths: Pt[][] = [];
  private hoverLink = -1;
  /** The adversary's regions marked by the escalation ladder (escalationOverlay), as this audience may see it. */
  private escalation: EscalationOverlay | null = null;
  private escalationSig = '';
  /** Regions of allied joint operations under way (operationMarks), and their tags. */
  private opMarks: OperationMark[] = [];
  private opSig = '';
  private opTags: Phaser.GameObjects.Image[] = [];
  private tip: HTMLElement | null = null;
  private lastSeq = -1;
  private pulses: Pulse[] = [];
  private movers = 0;
  selected: string | null = null;
  updates = 0;

  // Graphics layers, made by create()
  private madeLayers: Layers | null = null;

  // View
  private dpr = 1;
  private ui = 1;
  private cam: ViewBox = { cx: 0, cy: 0, zoom: 1 };
  private applied: ViewBox = { cx: NaN, cy: NaN, zoom: NaN };
  private viewAnim: { from: ViewBox; to: ViewBox; t0: number; dur: number } | null = null;
  private atFit = true;
  private layoutZoom = 0;
  private zoomedAt = 0;
  private patternZoom = 0;
  private labelsZoom = 0;
  private dirtyLabels = false;
  private dirtyLayout = false;
  /** Hatching and waves are hidden while the camera moves and redrawn once it settles. */
  private dirtyPatterns = false;
  private mapW = 1;
  private mapH = 1;

  // Input: pointer gestures (interaction/*.ts)
  private gesture: Binding | null = null;

  // Loop
  private lastActive = 0;
  private readonly frames: number[] = [];
  private skipFrame = true;

  constructor(hooks: Hooks) {
    super({ key: 'concord-map' });
    this.hooks = hooks;
  }

  /**
   * The graphics layers. create() makes them, and nothing draws before it: Phaser runs update()
   * after create(), and the map's handle (setView, select, resize) is given out only once create() is done.
   */
  private get layers(): Layers {
    if (!this.madeLayers) throw new Error('map scene: drawing before create()');
    return this.madeLayers;
  }

  // -------------------------------------------------------------------------------------------
  // Lifecycle

  create(): void {
    this.dpr = this.game.scale.zoom > 0 ? 1 / this.game.scale.zoom : 1;
    this.ui = uiScale(this.scale.width / this.dpr, this.scale.height / this.dpr);
    const layer = (depth: number) => this.add.graphics().setDepth(depth);
    this.madeLayers = {
      base: layer(DEPTH.base),
      patterns: layer(DEPTH.patterns),
      borders: layer(DEPTH.borders),
      escalation: layer(DEPTH.escalation),
      treaty: layer(DEPTH.treaty),
      selection: layer(DEPTH.selection),
      arrows: layer(DEPTH.arrows),
      fx: layer(DEPTH.fx),
    };
    this.gesture = bindPointerInput(this.game.canvas, {
      threshold: DRAG_CSS * this.dpr,
      size: () => ({ width: this.scale.width, height: this.scale.height }),
      apply: (intent) => this.applyIntent(intent),
      changed: () => this.wake(),
    });
    this.bindHover();
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => this.unbindInput());
    this.events.once(Phaser.Scenes.Events.DESTROY, () => this.unbindInput());
    this.hooks.onReady();
  }

  override update(): void {
    const now = performance.now();
    if (this.skipFrame) this.skipFrame = false;
    else {
      this.frames.push(this.game.loop.rawDelta);
      if (this.frames.length > FRAME_LOG) this.frames.splice(0, this.frames.length - FRAME_LOG);
    }
    const gesturing = this.gesture?.machine.busy === true;
    let active = gesturing || this.movers > 0;
    if (this.viewAnim) {
      const t = Math.min(1, (now - this.viewAnim.t0) / this.viewAnim.dur);
      const k = ease(t);
      const { from, to } = this.viewAnim;
      this.cam.zoom = from.zoom * (to.zoom / from.zoom) ** k;
      this.cam.cx = from.cx + (to.cx - from.cx) * k;
      this.cam.cy = from.cy + (to.cy - from.cy) * k;
      if (t >= 1) this.viewAnim = null;
      active = true;
    }
    this.applyCamera();
    for (const r of this.regions.values()) {
      if (!r.anim) continue;
      const t = Math.min(1, (now - r.anim.t0) / COLOUR_MS);
      r.shown = mixHex(r.anim.from, r.anim.to, ease(t));
      if (t >= 1) {
        r.anim = null;
        r.shown = r.fill;
      }
      this.drawRegionFill(r);
      active = true;
    }
    if (this.pulses.length) {
      this.drawPulses(now);
      active = true;
    }
    // Patterns cost thousands of segments a frame on a software renderer: leave them out while the
    // camera moves, and draw them again (at the new zoom) once it has settled.
    const cameraMoving = gesturing || this.viewAnim !== null || now - this.zoomedAt < 160;
    if (cameraMoving) {
      if (this.layers.patterns.visible) this.layers.patterns.setVisible(false);
      active = true;
    } else if (!this.layers.patterns.visible || this.dirtyPatterns) {
      if (this.dirtyPatterns) {
        this.dirtyPatterns = false;
        this.drawPatterns();
      }
      this.layers.patterns.setVisible(true);
    }
    if (active) this.lastActive = now;
    else if (now - this.lastActive > IDLE_MS && this.view !== null) {
      this.game.loop.sleep();
    }
  }

  /** Restart the loop after it went to sleep. */
  wake(): void {
    this.lastActive = performance.now();
    const loop = this.game.loop;
    if (!loop.running) {
      this.skipFrame = true;
      loop.resetDelta();
      loop.wake();
    }
  }

  frameTimes(): number[] {
    return [...this.frames];
  }

  // -------------------------------------------------------------------------------------------
  // View updates

  setView(view: View): void {
    this.updates++;
    const first = this.view === null;
    this.view = view;
    const geo = geometryKey(view.map);
    this.colours = colourTable(view);
    const coloursKey = [...this.colours].join();
    if (geo !== this.geometry) {
      this.geometry = geo;
      this.build(view);
    } else if (coloursKey !== this.coloursKey) {
      // A nation's colour changed: every fill and marker is redone.
      this.regionStore.clear();
      for (const r of this.regions.values()) r.sorted = null;
      this.arrowSig = '';
    }
    this.coloursKey = coloursKey;
    const newCapitals = new Set(view.nations.map((n) => n.capital));
    const capitalsChanged = newCapitals.size !== this.capitals.size || [...newCapitals].some((c) => !this.capitals.has(c));
    this.capitals = newCapitals;

    // Regions: controller and stability.
    const rd = diffRegions(this.regionStore, view.map.regions);
    const controllerChange = new Set(rd.controller.map((c) => c.id));
    for (const id of rd.changed) {
      const r = this.regions.get(id);
      const def = view.map.regions.find((x) => x.id === id);
      if (!r || !def) continue;
      r.controller = def.controller;
      r.stability = def.stability;
      const fill = regionFill(r.domain, controllerColour(r.controller, this.colours), r.stability);
      if (fill !== r.fill) {
        r.anim = !first && controllerChange.has(id) ? { from: r.shown, to: fill, t0: performance.now() } : null;
        r.fill = fill;
        if (!r.anim) r.shown = fill;
        this.drawRegionFill(r);
      }
    }
    for (const r of this.regions.values()) r.capital = this.capitals.has(r.id);
    if (rd.changed.length || capitalsChanged || first) {
      for (const r of this.regions.values()) this.refreshLabel(r);
      this.drawPatterns(true);
      this.drawBorders();
      this.dirtyLabels = true;
    }
    // Flash regions whose controller changed.
    if (!first) for (const c of rd.controller) this.pulseRegion(c.id, 0xffffff);

    // Assets.
    const ad = diffAssets(this.assetStore, view.assets);
    for (const id of ad.removed) {
      const rec = this.assets.get(id);
      if (rec?.img) rec.img.destroy();
      this.assets.delete(id);
      for (const r of this.regions.values()) if (r.assets.delete(id)) r.sorted = null;
    }
    for (const id of ad.added) {
      const state = this.assetStore.get(id);
      if (!state) continue; // diffAssets stores every asset it reports as added
      this.assets.set(id, { id, state, img: null, tex: '', x: NaN, y: NaN, clustered: false, placed: false });
      const r = this.regions.get(state.region);
      if (r) {
        r.assets.add(id);
        r.sorted = null;
      }
    }
    const moving = new Map<string, { x: number; y: number }>();
    for (const m of ad.moved) {
      const rec = this.assets.get(m.id);
      const from = this.regions.get(m.from);
      const to = this.regions.get(m.to);
      if (from && from.assets.delete(m.id)) from.sorted = null;
      if (to) {
        to.assets.add(m.id);
        to.sorted = null;
      }
      if (rec && !first && Number.isFinite(rec.x)) moving.set(m.id, { x: rec.x, y: rec.y });
    }
    for (const id of ad.restyled) {
      const r = this.regions.get(this.assetStore.get(id)?.region ?? '');
      if (r) r.sorted = null;
    }
    if (ad.regions.size || ad.restyled.length) {
      for (const id of ad.regions) {
        const r = this.regions.get(id);
        if (r) r.sorted = null;
      }
      // (A full layout is already due after a rebuild.)
      if (!this.dirtyLayout) for (const r of this.regions.values()) if (r.sorted === null) this.layoutRegion(r);
    }
    for (const [id, from] of moving) this.animateMove(id, from);

    // Overlays: actions of this turn, injects released since the last update.
    const arrows = actionArrows(view, this.colours);
    const sig = arrowsKey(arrows);
    if (sig !== this.arrowSig) {
      this.arrowSig = sig;
      this.arrows = arrows;
      this.drawArrows();
    }
    const treaty = treatyOverlays(view, viewerOf(view));
    const ops = operationMarks(view);
    const tsig = `${overlaysKey(treaty)}|${operationsKey(ops)}`;
    if (tsig !== this.treatySig || rd.changed.length) {
      this.treatySig = tsig;
      this.treaty = treaty;
      this.opMarks = ops;
      this.placeOperationTags();
      this.hoverLink = -1;
      this.hideTip();
      this.drawTreaty();
    }
    const esc = escalationOverlay(view);
    const esig = escalationKey(esc);
    if (esig !== this.escalationSig || rd.changed.length) {
      this.escalationSig = esig;
      this.escalation = esc;
      this.drawEscalation();
    }
    if (!first) {
      for (const x of newInjects(view, this.lastSeq)) {
        const colour = hexNum(CHANNEL_COLOUR[x.channel] ?? '#ffd84a');
        for (const id of x.regions) this.pulseRegion(id, colour);
      }
    }
    this.lastSeq = view.exercise.seq;
    if (this.selected !== null && !this.regions.has(this.selected)) this.select(null);
    this.wake();
  }

  /** (Re)build everything that depends on the map geometry. */
  private build(view: View): void {
    for (const r of this.regions.values()) {
      r.g.destroy();
      r.label?.destroy();
      for (const v of r.variants) this.textures.remove(v.tex);
      for (const c of r.clusters.values()) c.destroy();
    }
    for (const a of this.assets.values()) a.img?.destroy();
    this.regions.clear();
    this.assets.clear();
    this.assetStore.clear();
    this.regionStore.clear();
    this.mapW = view.map.width;
    this.mapH = view.map.height;
    for (const def of view.map.regions) this.regions.set(def.id, this.makeRegion(def));
    const rank: Record<RegionDomain, number> = { cyber: 0, information: 0, air: 1, land: 2, sea: 3 };
    this.hitOrder = [...this.regions.values()].sort((a, b) => rank[a.domain] - rank[b.domain] || a.area - b.area);
    this.drawBase();
    this.fitNow();
    // Everything zoom-dependent is redone on the next frame, after the labels are placed.
    this.layoutZoom = 0;
    this.labelsZoom = 0;
    this.patternZoom = 0;
    this.dirtyLabels = true;
    this.dirtyLayout = true;
    this.applied = { cx: NaN, cy: NaN, zoom: NaN };
  }

  private makeRegion(def: MapRegion): RegionRec {
    const poly = def.polygon.map(([x, y]) => [x, y] as Pt);
    const bounds = polygonBounds(poly);
    const depth = def.domain === 'sea' ? DEPTH.sea : def.domain === 'air' ? DEPTH.air : inset(def.domain) ? DEPTH.inset : DEPTH.land;
    const pole = poleOfInaccessibility(poly, 1);
    const anchor: Pt = inset(def.domain)
      ? [bounds.x + INSET_PAD, bounds.y + 6]
      : labelAnchor({ polygon: poly, label: def.label ? [def.label[0], def.label[1]] : null });
    return {
      id: def.id,
      name: def.name,
      domain: def.domain,
      poly,
      pts: poly.map(([x, y]) => new Phaser.Math.Vector2(x, y)),
      bounds,
      area: polygonArea(poly),
      anchor,
      pole,
      controller: def.controller,
      stability: def.stability,
      capital: false,
      fill: '',
      shown: '',
      anim: null,
      g: this.add.graphics().setDepth(depth),
      label: null,
      labelSig: '',
      variants: [],
      variant: 0,
      span: spanWidth(poly, anchor, bounds),
      lw: 0,
      lh: 0,
      lox: 0,
      loy: 0,
      labelHidden: false,
      assets: new Set(),
      sorted: null,
      clusters: new Map(),
      placed: [],
      inView: true,
    };
  }

  // -------------------------------------------------------------------------------------------
  // Drawing

  private drawBase(): void {
    const g = this.layers.base.clear();
    const w = this.mapW;
    const h = this.mapH;
    // The map sheet is the canvas clear colour (free); the dark surround is drawn around it as
    // four bands, so no full-screen layer is spent on either (each one costs a lot on software
    // renderers). A graticule, a frame and a shadow finish the sheet.
    const big = Math.max(w, h) * 2;
    g.fillStyle(hexNum(PALETTE.background), 1);
    g.fillRect(-big, -big, w + 2 * big, big)
      .fillRect(-big, h, w + 2 * big, big)
      .fillRect(-big, 0, big, h)
      .fillRect(w, 0, big, h);
    const sh = Math.max(w, h) * 0.005;
    g.fillStyle(hexNum('#05090d'), 0.55).fillRect(sh, h, w, sh).fillRect(w, sh, sh, h);
    const step = Math.max(w, h) / 16;
    g.lineStyle(1, hexNum('#97abbb'), 0.55);
    const grid: Array<[number, number, number, number]> = [];
    for (let x = step; x < w; x += step) grid.push([x, 0, x, h]);
    for (let y = step; y < h; y += step) grid.push([0, y, w, y]);
    strokeSegments(g, grid);
    g.lineStyle(3, hexNum('#0e161e'), 1).strokeRect(0, 0, w, h);
  }

  private drawRegionFill(r: RegionRec): void {
    const g = r.g.clear();
    const c = hexNum(r.shown);
    if (r.domain === 'air') {
      g.fillStyle(c, 0.3).fillPoints(r.pts, true);
    } else if (inset(r.domain)) {
      g.fillStyle(c, 0.97).fillPoints(r.pts, true);
    } else {
      g.fillStyle(c, 1).fillPoints(r.pts, true);
    }
  }

  /** Hatching, waves and the inset grid; spaced in screen pixels, redrawn when the zoom changes a lot. */
  private drawPatterns(force = false): void {
    const z = this.cam.zoom;
    if (!force && this.patternZoom > 0 && Math.abs(Math.log(z / this.patternZoom)) < 0.2) return;
    this.patternZoom = z;
    const px = this.dpr / z; // one CSS pixel in world units
    const g = this.layers.patterns.clear();
    for (const r of this.regions.values()) {
      if (r.domain === 'land' && r.controller === null) {
        // Contested or uncontrolled land: diagonal hatching.
        g.lineStyle(1.6 * px, hexNum('#4d4b45'), 0.42);
        strokeSegments(g, hatchSegments(r.poly, 9 * px, Math.PI / 4));
      } else if (r.domain === 'land' && r.stability < UNSTABLE_BELOW) {
        g.lineStyle(1.2 * px, hexNum('#7a1f1b'), 0.28);
        strokeSegments(g, hatchSegments(r.poly, 12 * px, -Math.PI / 4));
      } else if (r.domain === 'sea') {
        // Waves: short double arcs on a staggered grid.
        const sp = Math.max(44 * px, 14);
        g.lineStyle(1.3 * px, hexNum(PALETTE.seaLine), 0.75);
        for (const [x, y] of gridPointsInside(r.poly, sp, 8 * px, 1500)) {
          const a = 5 * px;
          g.beginPath();
          g.moveTo(x - 2 * a, y);
          g.lineTo(x - a, y - a * 0.6);
          g.lineTo(x, y);
          g.lineTo(x + a, y - a * 0.6);
          g.lineTo(x + 2 * a, y);
          g.strokePath();
        }
      } else if (inset(r.domain)) {
        // Circuit grid: lines every 18 px with nodes at some crossings.
        const sp = 18 * px;
        g.lineStyle(1 * px, hexNum(PALETTE.insetGrid), 0.9);
        strokeSegments(g, [...hatchSegments(r.poly, sp, 0), ...hatchSegments(r.poly, sp, Math.PI / 2)]);
        g.fillStyle(hexNum(PALETTE.insetAccent), 0.55);
        let i = 0;
        for (const [x, y] of gridPointsInside(r.poly, sp * 2, sp * 0.5, 400)) if ((i++ * 7) % 5 < 2) g.fillCircle(x, y, 2.2 * px);
      }
    }
  }

  /** Borders in screen-constant widths: coasts and frontiers, sea lanes, the air corridor, insets, unstable regions. */
  private drawBorders(): void {
    const px = this.dpr / this.cam.zoom;
    const g = this.layers.borders.clear();
    const dashed = (pts: readonly Pt[], w: number, colour: number, alpha: number, dash: number, gap: number) => {
      g.lineStyle(w * px, colour, alpha);
      strokeSegments(g, dashSegments(pts, dash * px, gap * px));
    };
    // Sea areas: a thin light line (their coasts are redrawn dark by the land borders that follow).
    g.lineStyle(1.2 * px, hexNum('#d9e9f5'), 0.75);
    for (const r of this.regions.values()) if (r.domain === 'sea') g.strokePoints(r.pts, true, true);
    for (const r of this.regions.values()) {
      if (r.domain !== 'land') continue;
      g.lineStyle(2.2 * px, hexNum(PALETTE.border), 1).strokePoints(r.pts, true, true);
    }
    for (const r of this.regions.values()) {
      if (r.domain === 'air') {
        g.lineStyle(4 * px, hexNum('#0e2238'), 0.35).strokePoints(r.pts, true, true);
        dashed(r.poly, 2, 0xffffff, 0.95, 9, 6);
      } else if (inset(r.domain)) {
        const ctl = controllerColour(r.controller, this.colours);
        g.lineStyle(2 * px, hexNum(ctl ?? PALETTE.insetAccent), 1).strokePoints(r.pts, true, true);
      }
    }
    // Unstable: a red dashed line just inside the region.
    for (const r of this.regions.values()) {
      if (r.stability >= UNSTABLE_BELOW || r.domain === 'air') continue;
      dashed(insetPolygon(r.poly, r.pole, 4 * px), 2.4, hexNum('#d8433e'), 0.95, 10, 6);
    }
  }

  private drawSelection(): void {
    const g = this.layers.selection.clear();
    const r = this.selected === null ? undefined : this.regions.get(this.selected);
    if (!r) return;
    const px = this.dpr / this.cam.zoom;
    g.lineStyle(7 * px, hexNum('#0b1117'), 0.75).strokePoints(r.pts, true, true);
    g.lineStyle(3.5 * px, hexNum(PALETTE.selection), 1).strokePoints(r.pts, true, true);
  }

  private drawArrows(): void {
    const g = this.layers.arrows.clear();
    const px = this.dpr / this.cam.zoom;
    const seen = new Set<string>();
    let i = 0;
    for (const a of this.arrows) {
      const key = `${a.nation}>${a.to}${a.pending ? '?' : ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const from = this.regions.get(a.from);
      const to = this.regions.get(a.to);
      if (!from || !to) continue;
      const colour = hexNum(a.colour);
      if (a.own) {
        const ring = insetPolygon(to.poly, to.pole, 9 * px);
        if (a.pending) {
          g.lineStyle(4 * px, colour, 0.95);
          strokeSegments(g, dashSegments(ring, 12 * px, 7 * px));
        } else {
          g.lineStyle(4 * px, colour, 0.95).strokePoints(
            ring.map(([x, y]) => new Phaser.Math.Vector2(x, y)),
            true,
            true,
          );
        }
        continue;
      }
      const [x0, y0] = from.anchor;
      const [x2, y2] = this.arrowTarget(to);
      const len = Math.hypot(x2 - x0, y2 - y0);
      if (len < 1) continue;
      const side = i++ % 2 ? -1 : 1;
      const nx = -(y2 - y0) / len;
      const ny = (x2 - x0) / len;
      const bend = len * 0.16 * side;
      const x1 = (x0 + x2) / 2 + nx * bend;
      const y1 = (y0 + y2) / 2 + ny * bend;
      const at = (t: number): Pt => {
        const u = 1 - t;
        return [u * u * x0 + 2 * u * t * x1 + t * t * x2, u * u * y0 + 2 * u * t * y1 + t * t * y2];
      };
      // Start and end just outside the two labels (when shown).
      const fromBox = from.label && !from.labelHidden ? grow(this.labelBox(from), 4 * px) : null;
      const toBox = to.label && !to.labelHidden && !inset(to.domain) ? grow(this.labelBox(to), 6 * px) : null;
      let t0 = 0;
      let t1 = 1;
      while (t0 < 0.45 && fromBox && inBox(at(t0), fromBox)) t0 += 0.01;
      while (t1 > 0.55 && toBox && inBox(at(t1), toBox)) t1 -= 0.01;
      if (!toBox) t1 = Math.max(0.55, 1 - (14 * px) / len);
      const along = (k: number) => at(t0 + ((t1 - t0) * k) / 20);
      const pts: Pt[] = Array.from({ length: 21 }, (_, k) => along(k));
      const last = along(20);
      const prev = along(18);
      const dir = Math.atan2(last[1] - prev[1], last[0] - prev[0]);
      const head = 17 * px;
      const body = pts.slice(0, -2);
      const line = body.map(([x, y]) => new Phaser.Math.Vector2(x, y));
      // A dark casing, then the nation's colour: dashed while the action awaits adjudication.
      g.lineStyle(7 * px, 0x0b1117, a.pending ? 0.35 : 0.55).strokePoints(line, false, false);
      g.lineStyle(3.6 * px, colour, 1);
      if (a.pending) strokeSegments(g, dashSegments(body, 11 * px, 6 * px, false));
      else g.strokePoints(line, false, false);
      // The tip sits on the end of the curve.
      const hx = last[0] - Math.cos(dir) * head * 0.3;
      const hy = last[1] - Math.sin(dir) * head * 0.3;
      const tri = (s: number) =>
        [
          hx + Math.cos(dir) * s * 0.3,
          hy + Math.sin(dir) * s * 0.3,
          hx + Math.cos(dir + 2.6) * s * 0.8,
          hy + Math.sin(dir + 2.6) * s * 0.8,
          hx + Math.cos(dir - 2.6) * s * 0.8,
          hy + Math.sin(dir - 2.6) * s * 0.8,
        ] as const;
      g.fillStyle(0x0b1117, 0.7).fillTriangle(...tri(head * 1.3));
      g.fillStyle(colour, 1).fillTriangle(...tri(head));
    }
  }

  /**
   * Agreements and alliances: basing rights hatched and outlined in cyan, the regions of a member
   * under activated collective defence outlined in red, and a line between the capitals of every
   * two nations bound by an agreement (its own colour; dashed while suspended; wider when hovered).
   */
  private drawTreaty(): void {
    const g = this.layers.treaty.clear();
    const o = this.treaty;
    this.linkPaths = [];
    if (!o) return;
    const px = this.dpr / this.cam.zoom;
    // Basing first, collective defence over it: a region can be both.
    const marks = [...o.marks].sort((a, b) => Number(a.kind === 'defence') - Number(b.kind === 'defence'));
    for (const m of marks) {
      const r = this.regions.get(m.region);
      if (!r) continue;
      if (m.kind === 'basing') {
        g.lineStyle(1.5 * px, hexNum(BASING_COLOUR), 0.7);
        strokeSegments(g, hatchSegments(r.poly, 8 * px, 0));
        const ring = insetPolygon(r.poly, r.pole, 11 * px);
        g.lineStyle(5 * px, 0x0b1117, 0.45).strokePoints(toVectors(ring), true, true);
        g.lineStyle(2.6 * px, hexNum(BASING_COLOUR), 1);
        strokeSegments(g, dashSegments(ring, 10 * px, 5 * px));
      } else {
        const ring = insetPolygon(r.poly, r.pole, 4 * px);
        g.lineStyle(8 * px, 0x0b1117, 0.55).strokePoints(toVectors(ring), true, true);
        g.lineStyle(4 * px, hexNum(DEFENCE_COLOUR), 1).strokePoints(toVectors(ring), true, true);
      }
    }
    // Joint operations: amber hatching across the region, a dotted amber outline inside its edge.
    const amber = hexNum(OPERATION_COLOUR);
    for (const region of new Set(this.opMarks.map((m) => m.region))) {
      const r = this.regions.get(region);
      if (!r) continue;
      g.lineStyle(1.6 * px, amber, 0.75);
      strokeSegments(g, hatchSegments(r.poly, 10 * px, Math.PI / 3));
      const ring = insetPolygon(r.poly, r.pole, 7 * px);
      g.lineStyle(5 * px, 0x0b1117, 0.4).strokePoints(toVectors(ring), true, true);
      g.lineStyle(2.4 * px, amber, 1);
      strokeSegments(g, dashSegments(ring, 4 * px, 5 * px));
    }
    o.links.forEach((l, i) => {
      const from = this.regions.get(l.from);
      const to = this.regions.get(l.to);
      if (!from || !to) return;
      const path = linkPath(from.anchor, to.anchor, l.lane, l.lanes, 6 * px);
      this.linkPaths[i] = path;
      const hovered = i === this.hoverLink;
      const colour = hexNum(l.colour);
      const w = hovered ? 5 : 3.2;
      g.lineStyle((w + 3.5) * px, 0x0b1117, hovered ? 0.75 : 0.55).strokePoints(toVectors(path), false, false);
      g.lineStyle(w * px, colour, 1);
      if (l.suspended) strokeSegments(g, dashSegments(path, 9 * px, 6 * px, false));
      else g.strokePoints(toVectors(path), false, false);
      // A dot at each capital: where the line belongs.
      g.fillStyle(colour, 1);
      for (const end of [path[0], path[path.length - 1]]) if (end) g.fillCircle(end[0], end[1], (w + 1.5) * px);
    });
  }

  /**
   * The escalation ladder on the adversary's regions: tinted and outlined in the rung's colour
   * (amber at the bottom of the ladder to deep purple at the top) when this audience may know the
   * rung, and a trend badge (▲ rising, ▼ falling, ▶ steady) left of each region's name. An audience
   * shown only the trend gets the marker and a neutral outline, nothing that tells the rung.
   */
  private drawEscalation(): void {
    const g = this.layers.escalation.clear();
    const o = this.escalation;
    if (!o) return;
    const px = this.dpr / this.cam.zoom;
    const colour = hexNum(o.colour);
    for (const id of o.regions) {
      const r = this.regions.get(id);
      if (!r) continue;
      // The rung's colour as a hatch over the region (a tint alone is lost on the adversary's own red).
      if (o.tint > 0) {
        g.fillStyle(colour, o.tint * 0.5).fillPoints(r.pts, true, true);
        g.lineStyle(2.2 * px, colour, Math.min(1, o.tint * 2));
        strokeSegments(g, hatchSegments(r.poly, 16 * px, -Math.PI / 4));
      }
      const ring = insetPolygon(r.poly, r.pole, 5 * px);
      g.lineStyle(10 * px, 0x0b1117, 0.6).strokePoints(toVectors(ring), true, true);
      g.lineStyle(5 * px, o.level === null ? 0xd8d4c8 : colour, 1);
      if (o.level === null) strokeSegments(g, dashSegments(ring, 14 * px, 7 * px));
      else g.strokePoints(toVectors(ring), true, true);
      this.drawTrendBadge(g, r, o, px);
    }
  }

  /**
   * The trend badge left of the region's name: a dark disc with the trend's triangle, and (when
   * the rung may be known) one pip per rung under it, lit up to the rung now.
   */
  private drawTrendBadge(g: Graphics, r: RegionRec, o: EscalationOverlay, px: number): void {
    const box = this.labelBox(r);
    const s = 7 * px;
    const x = box.x - 22 * px;
    const y = box.y + box.h / 2;
    const mark = hexNum(TREND_MARK[o.trend]);
    g.fillStyle(0x0b1117, 0.85).fillCircle(x, y, s * 1.8);
    g.lineStyle(1.5 * px, mark, 1).strokeCircle(x, y, s * 1.8);
    g.fillStyle(mark, 1);
    if (o.trend === 'rising') g.fillTriangle(x - s, y + s * 0.7, x + s, y + s * 0.7, x, y - s * 0.9);
    else if (o.trend === 'falling') g.fillTriangle(x - s, y - s * 0.7, x + s, y - s * 0.7, x, y + s * 0.9);
    else g.fillTriangle(x - s * 0.6, y - s, x - s * 0.6, y + s, x + s, y);
    if (o.level === null || o.top === null || o.top <= 0) return;
    const gap = 10 * px;
    const py = y + s * 1.8 + 9 * px;
    const x0 = x - (o.top * gap) / 2;
    for (let k = 1; k <= o.top; k++) {
      const on = k <= o.level;
      g.fillStyle(on ? hexNum(o.colour) : 0x0b1117, on ? 1 : 0.7).fillCircle(x0 + (k - 0.5) * gap, py, 3.6 * px);
      g.lineStyle(1 * px, 0x0b1117, 0.9).strokeCircle(x0 + (k - 0.5) * gap, py, 3.6 * px);
    }
  }

  private escalationTip(region: string | null): string | null {
    const o = this.escalation;
    return region !== null && o && o.regions.includes(region) ? o.label : null;
  }

  private unbindHover: (() => void) | null = null;

  /** Hovering with a mouse over an agreement line (or a marked region) names it in a tooltip. */
  private bindHover(): void {
    const canvas = this.game.canvas;
    const host = this.hooks.tips;
    if (!host) return;
    const move = (e: PointerEvent) => {
      if (e.buttons !== 0 || e.pointerType !== 'mouse') return;
      const rect = canvas.getBoundingClientRect();
      const sx = ((e.clientX - rect.left) / Math.max(1, rect.width)) * this.scale.width;
      const sy = ((e.clientY - rect.top) / Math.max(1, rect.height)) * this.scale.height;
      const [wx, wy] = toWorld(this.frame(), this.cam, [sx, sy]);
      const i = nearestPath(this.linkPaths, wx, wy, (8 * this.dpr) / this.cam.zoom);
      if (i !== this.hoverLink) {
        this.hoverLink = i;
        this.drawTreaty();
        this.wake();
      }
      const region = i >= 0 ? null : this.hitTest(wx, wy);
      const tips = i >= 0 ? [this.linkTip(i)] : [this.markTip(region), this.escalationTip(region)];
      const text = tips.filter((x) => x !== null).join('; ') || null;
      if (text === null) this.hideTip();
      else this.showTip(text, e.clientX - rect.left, e.clientY - rect.top);
    };
    const leave = () => {
      this.hideTip();
      if (this.hoverLink >= 0) {
        this.hoverLink = -1;
        this.drawTreaty();
        this.wake();
      }
    };
    canvas.addEventListener('pointermove', move);
    canvas.addEventListener('pointerleave', leave);
    this.unbindHover = () => {
      canvas.removeEventListener('pointermove', move);
      canvas.removeEventListener('pointerleave', leave);
    };
  }

  private linkTip(i: number): string | null {
    const l = this.treaty?.links[i];
    const view = this.view;
    if (!l || !view) return null;
    const names = l.bound.map((n) => view.nations.find((x) => x.id === n)?.name ?? n).join(' · ');
    return `${l.title}${l.suspended ? ' (suspended)' : ''} — ${names}`;
  }

  private markTip(region: string | null): string | null {
    if (region === null || !this.treaty) return null;
    const marks = this.treaty.marks.filter((m) => m.region === region);
    const ops = this.view ? operationTip(this.view, this.opMarks, region) : null;
    if (!marks.length && ops === null) return null;
    const name = this.regions.get(region)?.name ?? '';
    const parts = [...marks.map((m) => (m.kind === 'basing' ? `basing rights (${m.label})` : m.label)), ...(ops === null ? [] : [ops])];
    return `${name}: ${parts.join('; ')}`;
  }

  /** One tag per region with operations ("⚑ Title"), just under the region's label, kept at screen size. */
  private placeOperationTags(): void {
    for (const img of this.opTags) {
      const key = img.texture.key;
      img.destroy();
      this.textures.remove(key);
    }
    this.opTags = [];
    const scale = this.dpr * this.ui;
    const tag = Math.random().toString(36).slice(2, 8);
    for (const [region, text] of operationLabels(this.opMarks)) {
      const r = this.regions.get(region);
      if (!r) continue;
      const key = `optag:${region}:${tag}`;
      this.textures.addCanvas(key, drawOperationTag(text, OPERATION_COLOUR, scale));
      const at = this.arrowTarget(r);
      const img = this.add
        .image(at[0], at[1], key)
        .setOrigin(0.5, 2.3)
        .setDepth(DEPTH.labels)
        .setScale(1 / this.cam.zoom);
      this.opTags.push(img);
    }
  }

  private showTip(text: string, x: number, y: number): void {
    const host = this.hooks.tips;
    if (!host) return;
    if (!this.tip) {
      this.tip = document.createElement('div');
      this.tip.className = 'map-tip';
      this.tip.setAttribute('role', 'tooltip');
      host.append(this.tip);
    }
    this.tip.textContent = text;
    this.tip.hidden = false;
    this.tip.style.left = `${Math.round(x + 14)}px`;
    this.tip.style.top = `${Math.round(y + 12)}px`;
  }

  private hideTip(): void {
    if (this.tip) this.tip.hidden = true;
  }

  /** Arrows end beside the target's label, not on it. */
  private arrowTarget(r: RegionRec): Pt {
    return inset(r.domain) ? [r.bounds.x + r.bounds.w / 2, r.bounds.y + r.bounds.h / 2] : r.anchor;
  }

  private pulseRegion(id: string, colour: number): void {
    const r = this.regions.get(id);
    if (!r) return;
    const [x, y] = inset(r.domain) ? [r.bounds.x + r.bounds.w / 2, r.bounds.y + r.bounds.h / 2] : r.anchor;
    this.pulses.push({ x, y, colour, t0: performance.now() });
  }

  private drawPulses(now: number): void {
    const g = this.layers.fx.clear();
    const px = this.dpr / this.cam.zoom;
    this.pulses = this.pulses.filter((p) => now - p.t0 < PULSE_MS);
    for (const p of this.pulses) {
      for (let k = 0; k < 3; k++) {
        const t = (now - p.t0) / PULSE_MS - k * 0.18;
        if (t < 0 || t > 0.64) continue;
        const u = t / 0.64;
        const radius = (10 + 90 * u) * px;
        g.lineStyle(6 * px * (1 - u) + 1.5 * px, p.colour, 1 - u);
        g.strokeCircle(p.x, p.y, radius);
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // Labels

  private labelStyle(r: RegionRec): LabelStyle {
    return r.domain === 'land' ? 'land' : r.domain === 'sea' ? 'sea' : r.domain === 'air' ? 'air' : 'inset';
  }

  private refreshLabel(r: RegionRec): void {
    const note =
      r.domain === 'land' && r.controller === null ? 'CONTESTED' : inset(r.domain) && r.controller !== null ? r.controller : null;
    const scale = this.dpr * this.ui;
    const sig = `${r.name}|${r.stability}|${r.capital}|${note}|${scale}`;
    if (sig === r.labelSig && r.label) return;
    r.labelSig = sig;
    const old = r.variants;
    const ins = inset(r.domain);
    const spec = { name: r.name, style: this.labelStyle(r), stability: r.stability, capital: r.capital, note, scale };
    const tag = Math.random().toString(36).slice(2, 8);
    const variant = (d: ReturnType<typeof drawLabel>, i: number): LabelVariant => {
      const tex = `label:${r.id}:${tag}:${i}`;
      this.textures.addCanvas(tex, d.canvas);
      return { tex, w: d.canvas.width, h: d.canvas.height, ox: ins ? 0 : d.ox, oy: ins ? 0 : d.oy };
    };
    // One line always; two lines as well for a name of several words.
    const oneLine = variant(drawLabel(spec), 0);
    r.variants = splitName(r.name) ? [oneLine, variant(drawLabel({ ...spec, twoLines: true }), 1)] : [oneLine];
    if (!r.label) {
      r.label = this.add.image(r.anchor[0], r.anchor[1], oneLine.tex).setDepth(DEPTH.labels);
      r.label.setVertexRoundMode('full');
    }
    this.setLabelVariant(r, Math.min(r.variant, r.variants.length - 1), true);
    r.label.setScale(this.labelFit(r) / this.cam.zoom);
    for (const v of old) this.textures.remove(v.tex);
  }

  private setLabelVariant(r: RegionRec, i: number, force = false): void {
    const v = r.variants[i];
    if (!v || !r.label || (!force && i === r.variant)) return;
    r.variant = i;
    r.label.setTexture(v.tex);
    r.label.setOrigin(v.ox / v.w, v.oy / v.h);
    r.lw = v.w;
    r.lh = v.h;
    r.lox = v.ox;
    r.loy = v.oy;
  }

  /**
   * Counter-scale labels and place them at this zoom: one line where the region is wide enough,
   * else two lines; a label that would still overlap a more important one is hidden.
   */
  private placeLabels(): void {
    const z = this.cam.zoom;
    const choices: LabelChoice[] = [];
    const order = new Map<string, number[]>();
    for (const r of this.regions.values()) {
      if (!r.label) continue;
      r.label.setScale(1 / z);
      // Preferred first: one line, unless it is wider than the region and two lines are to hand.
      const ranked = r.variants.map((v, i) => ({ v, i }));
      const [one] = r.variants;
      const room = inset(r.domain) ? (r.bounds.w - 2 * INSET_PAD) * z : r.span * z * 0.92;
      if (one && r.variants.length > 1 && one.w > room) ranked.reverse();
      order.set(
        r.id,
        ranked.map((c) => c.i),
      );
      const boxes = ranked.map(({ v }) => ({ x: r.anchor[0] * z - v.ox, y: r.anchor[1] * z - v.oy, w: v.w, h: v.h }));
      choices.push({ id: r.id, priority: (inset(r.domain) ? 1e12 : 0) + r.area * (r.domain === 'land' ? 2 : 1), boxes });
    }
    const chosen = chooseLabels(choices, 2 * this.dpr);
    for (const r of this.regions.values()) {
      const k = chosen.get(r.id) ?? -1;
      r.labelHidden = k < 0;
      r.label?.setVisible(k >= 0);
      const variant = order.get(r.id)?.[k];
      if (variant !== undefined) this.setLabelVariant(r, variant);
      r.label?.setScale(this.labelFit(r) / z);
    }
  }

  /** How much an inset's label is shrunk to stay inside its panel at this zoom (1 for other regions). */
  private labelFit(r: RegionRec): number {
    if (!inset(r.domain) || r.lw === 0) return 1;
    return Math.min(1, ((r.bounds.w - 2 * INSET_PAD) * this.cam.zoom) / r.lw);
  }

  /** The label's box in world units at the current zoom. */
  private labelBox(r: RegionRec): Box {
    const z = this.cam.zoom / this.labelFit(r);
    return { x: r.anchor[0] - r.lox / z, y: r.anchor[1] - r.loy / z, w: r.lw / z, h: r.lh / z };
  }

  // -------------------------------------------------------------------------------------------
  // Markers

  private markerSize(): number {
    return 2 * Math.round((MARKER_CSS * this.dpr * this.ui) / 2);
  }

  private texture(key: string, draw: () => HTMLCanvasElement): string {
    if (!this.textures.exists(key)) this.textures.addCanvas(key, draw());
    return key;
  }

  private markerTexture(s: AssetState): string {
    const colour = this.colours.get(s.owner) ?? NEUTRAL;
    const size = this.markerSize();
    return this.texture(`m:${s.type}:${colour}:${s.hidden ? 1 : 0}:${size}`, () => drawMarker(s.type, colour, s.hidden, size));
  }

  private clusterTexture(owner: string | null, count: number, hidden: boolean): string {
    const colour = owner === null ? '#5d6b78' : (this.colours.get(owner) ?? NEUTRAL);
    const size = this.markerSize();
    return this.texture(`c:${colour}:${count}:${hidden ? 1 : 0}:${size}`, () => drawCluster(colour, count, size, hidden ? 1 : 0));
  }

  private sortedAssets(r: RegionRec): string[] {
    if (r.sorted) return r.sorted;
    const list: Array<Pick<MapAsset, 'id' | 'owner' | 'type'>> = [];
    for (const id of r.assets) {
      const s = this.assetStore.get(id);
      if (s) list.push({ id, owner: s.owner, type: s.type });
    }
    list.sort(compareAssets);
    r.sorted = list.map((a) => a.id);
    return r.sorted;
  }

  /** Place a region's markers for the current zoom: one each while they fit, else stacks with a count. */
  private layoutRegion(r: RegionRec): void {
    const ids = this.sortedAssets(r);
    const z = this.cam.zoom;
    const ms = this.markerSize();
    const spacing = (ms * 1.28) / z;
    let origin: Pt;
    let avoid: Box | null;
    if (inset(r.domain)) {
      origin = [r.bounds.x + r.bounds.w / 2, r.bounds.y + (r.lh * this.labelFit(r) * 0.55) / z + r.bounds.h / 2];
      avoid = this.labelBox(r);
    } else {
      avoid = r.label ? this.labelBox(r) : null;
      origin = [r.anchor[0], (avoid ? avoid.y + avoid.h : r.anchor[1]) + (ms * 0.75) / z];
    }
    const want = Math.min(ids.length, MAX_INDIVIDUAL);
    let slots = markerSlots(r.poly, origin, spacing, Math.max(want, 1), avoid, (ms * 0.55) / z, r.bounds);
    if (slots.length === 0) slots = markerSlots(r.poly, origin, spacing, Math.max(want, 1), avoid, 0, r.bounds);
    if (slots.length === 0) slots = [origin];
    const owners: Array<{ id: string; owner: string }> = [];
    for (const id of ids) {
      const s = this.assetStore.get(id);
      if (s) owners.push({ id, owner: s.owner });
    }
    let plan = planRegion(owners, slots.length, MAX_INDIVIDUAL);
    if (plan.some((p) => p.kind === 'cluster')) {
      // Stacks carry a count pill: lay them out on a wider grid; one stack if even that is short.
      const wide = markerSlots(r.poly, origin, spacing, plan.length, avoid, (ms * 0.55) / z, r.bounds, 1.75);
      if (wide.length < plan.length) plan = planRegion(owners, Math.min(wide.length, slots.length), MAX_INDIVIDUAL);
      if (wide.length) slots = wide;
    }
    // Fill the chosen places in reading order, so one owner's units sit together in rows.
    slots = slots.slice(0, plan.length).sort((a, b) => (Math.abs(a[1] - b[1]) < spacing * 0.25 ? a[0] - b[0] : a[1] - b[1]));
    const usedClusters = new Set<string>();
    const placed = new Set<string>();
    for (const p of plan) {
      const [x, y] = slots[p.slot] ?? origin;
      if (p.kind === 'asset') {
        const rec = this.assets.get(p.id);
        if (!rec) continue;
        placed.add(p.id);
        this.showMarker(rec, x, y, r.inView);
      } else {
        const key = p.owner ?? '*';
        usedClusters.add(key);
        const hidden = p.ids.some((id) => this.assetStore.get(id)?.hidden);
        const tex = this.clusterTexture(p.owner, p.ids.length, hidden);
        let img = r.clusters.get(key);
        if (!img) {
          img = this.add.image(x, y, tex).setDepth(DEPTH.markers);
          img.setVertexRoundMode('full');
          r.clusters.set(key, img);
        } else if (img.texture.key !== tex) img.setTexture(tex);
        const frameW = img.frame.width;
        img
          .setOrigin(ms / 2 / frameW, 0.5)
          .setPosition(x, y)
          .setScale(1 / z)
          .setVisible(r.inView);
        for (const id of p.ids) {
          const rec = this.assets.get(id);
          if (!rec) continue;
          rec.x = x;
          rec.y = y;
          rec.clustered = true;
          rec.placed = true;
          if (rec.img) rec.img.setVisible(false);
        }
      }
    }
    for (const [key, img] of r.clusters) {
      if (usedClusters.has(key)) continue;
      img.destroy();
      r.clusters.delete(key);
    }
    for (const id of r.placed) {
      if (placed.has(id)) continue;
      const rec = this.assets.get(id);
      if (rec?.img && (rec.clustered || rec.state.region !== r.id)) rec.img.setVisible(false);
    }
    for (const id of ids) {
      if (placed.has(id)) continue;
      const rec = this.assets.get(id);
      if (rec && !rec.clustered && rec.img) rec.img.setVisible(false);
    }
    r.placed = [...placed];
  }

  private showMarker(rec: AssetRec, x: number, y: number, visible: boolean): void {
    const tex = this.markerTexture(rec.state);
    if (!rec.img) {
      rec.img = this.add.image(x, y, tex).setDepth(DEPTH.markers);
      rec.img.setVertexRoundMode('full');
    } else if (rec.tex !== tex) rec.img.setTexture(tex);
    rec.tex = tex;
    rec.img
      .setPosition(x, y)
      .setScale(1 / this.cam.zoom)
      .setVisible(visible);
    rec.x = x;
    rec.y = y;
    rec.clustered = false;
    rec.placed = true;
  }

  private layoutAll(): void {
    this.layoutZoom = this.cam.zoom;
    this.updateInView();
    for (const r of this.regions.values()) this.layoutRegion(r);
    for (const rec of this.assets.values()) if (!this.regions.has(rec.state.region)) rec.img?.setVisible(false);
  }

  /** Show the markers of regions in or near the view only: off-screen markers still cost a draw. */
  private updateInView(): void {
    const c = this.cam;
    const hw = (this.scale.width / c.zoom) * 0.6;
    const hh = (this.scale.height / c.zoom) * 0.6;
    for (const r of this.regions.values()) {
      const b = r.bounds;
      const inView = b.x < c.cx + hw && b.x + b.w > c.cx - hw && b.y < c.cy + hh && b.y + b.h > c.cy - hh;
      if (inView === r.inView) continue;
      r.inView = inView;
      for (const img of r.clusters.values()) img.setVisible(inView);
      for (const id of r.placed) {
        const rec = this.assets.get(id);
        if (rec?.img && !rec.clustered && rec.state.region === r.id) rec.img.setVisible(inView).setScale(1 / c.zoom);
      }
    }
  }

  /** An adjudicated move: a copy of the marker travels from the old place to the new one. */
  private animateMove(id: string, from: { x: number; y: number }): void {
    const rec = this.assets.get(id);
    if (!rec || !Number.isFinite(rec.x)) return;
    const mover = this.add
      .image(from.x, from.y, this.markerTexture(rec.state))
      .setDepth(DEPTH.movers)
      .setScale(1.25 / this.cam.zoom);
    const target = rec.img;
    if (target && !rec.clustered) target.setAlpha(0);
    this.movers++;
    this.tweens.add({
      targets: mover,
      x: rec.x,
      y: rec.y,
      duration: MOVE_MS,
      ease: 'Cubic.easeInOut',
      onComplete: () => {
        mover.destroy();
        this.movers--;
        if (rec.img) rec.img.setAlpha(1);
      },
    });
  }

  // -------------------------------------------------------------------------------------------
  // Camera

  /** The canvas and map sizes, for the camera arithmetic of interaction/camera.ts. */
  private frame(): Frame {
    return { width: this.scale.width, height: this.scale.height, mapW: this.mapW, mapH: this.mapH };
  }

  private setCamera(v: ViewBox, animate: boolean): void {
    const to = clampView(this.frame(), v);
    if (animate) this.viewAnim = { from: { ...this.cam }, to, t0: performance.now(), dur: 320 };
    else {
      this.viewAnim = null;
      this.cam = to;
    }
    this.wake();
  }

  private fitNow(): void {
    this.atFit = true;
    this.cam = fitView(this.frame());
    this.viewAnim = null;
  }

  fit(): void {
    this.atFit = true;
    this.setCamera(fitView(this.frame()), true);
  }

  zoomBy(f: number, sx = this.scale.width / 2, sy = this.scale.height / 2): void {
    this.atFit = false;
    const base = this.viewAnim ? this.viewAnim.to : this.cam;
    this.setCamera(zoomAbout(this.frame(), base, f, [sx, sy]), true);
  }

  /** Push the view to the camera and refresh whatever depends on zoom. */
  private applyCamera(): void {
    const c = this.cam;
    const a = this.applied;
    const moved = c.cx !== a.cx || c.cy !== a.cy || c.zoom !== a.zoom;
    const zoomed = c.zoom !== a.zoom;
    if (moved) {
      const cam = this.cameras.main;
      cam.setZoom(c.zoom);
      cam.centerOn(c.cx, c.cy);
      this.applied = { ...c };
    }
    const inv = 1 / c.zoom;
    const now = performance.now();
    if (zoomed) {
      this.zoomedAt = now;
      for (const r of this.regions.values()) {
        r.label?.setScale(inv);
        for (const img of r.clusters.values()) img.setScale(inv);
      }
      for (const img of this.opTags) img.setScale(inv);
      if (this.labelsZoom === 0 || Math.abs(Math.log(c.zoom / this.labelsZoom)) > 0.03) this.dirtyLabels = true;
    }
    if (moved) this.updateInView();
    // Marker layout follows the zoom once it settles (or jumps a lot): laying out thousands of
    // markers on every wheel step would make zooming stutter. Until then markers just rescale.
    const drift = this.layoutZoom === 0 ? Infinity : Math.abs(Math.log(c.zoom / this.layoutZoom));
    if (drift > 0.05 && (now - this.zoomedAt > 140 || drift > 0.45)) this.dirtyLayout = true;
    if (this.dirtyLabels) {
      this.dirtyLabels = false;
      this.placeLabels();
      this.labelsZoom = c.zoom;
    }
    if (this.dirtyLayout) {
      this.dirtyLayout = false;
      this.layoutAll();
    } else if (zoomed) {
      for (const rec of this.assets.values()) if (rec.img && rec.img.visible) rec.img.setScale(inv);
    }
    if (zoomed) {
      this.dirtyPatterns = true;
      this.drawBorders();
      this.drawSelection();
      this.drawArrows();
      this.drawTreaty();
      this.drawEscalation();
    }
  }

  // -------------------------------------------------------------------------------------------
  // Input: interaction/*.ts turns pointer events into intents (drag to pan, wheel and pinch to
  // zoom, click to select), carried out here.

  private applyIntent(intent: MapIntent): void {
    switch (intent.type) {
      case 'stop':
        this.viewAnim = null;
        break;
      case 'pan':
        this.atFit = false;
        this.setCamera(panBy(this.frame(), this.cam, intent.dx, intent.dy), false);
        break;
      case 'zoom':
        if (intent.animate) this.zoomBy(intent.factor, intent.to[0], intent.to[1]);
        else {
          this.atFit = false;
          this.setCamera(zoomAbout(this.frame(), this.cam, intent.factor, intent.from, intent.to), false);
        }
        break;
      case 'select': {
        const [wx, wy] = toWorld(this.frame(), this.cam, intent.at);
        const hit = this.hitTest(wx, wy);
        this.select(hit);
        this.hooks.onSelect(hit);
        break;
      }
    }
  }

  private unbindInput(): void {
    this.gesture?.unbind();
    this.gesture = null;
    this.unbindHover?.();
    this.unbindHover = null;
    this.tip?.remove();
    this.tip = null;
  }

  hitTest(wx: number, wy: number): string | null {
    for (const r of this.hitOrder) {
      const b = r.bounds;
      if (wx < b.x || wx > b.x + b.w || wy < b.y || wy > b.y + b.h) continue;
      if (pointInPolygon(wx, wy, r.poly)) return r.id;
    }
    return null;
  }

  select(id: string | null): void {
    this.selected = id !== null && this.regions.has(id) ? id : null;
    this.drawSelection();
    this.wake();
  }

  // -------------------------------------------------------------------------------------------
  // Resize

  /** The container changed size (CSS pixels). */
  resize(cssW: number, cssH: number): void {
    const w = Math.max(1, Math.round(cssW * this.dpr));
    const h = Math.max(1, Math.round(cssH * this.dpr));
    if (w === this.scale.width && h === this.scale.height) return;
    this.scale.resize(w, h);
    const canvas = this.game.canvas;
    canvas.style.width = `${cssW}px`;
    canvas.style.height = `${cssH}px`;
    const ui = uiScale(cssW, cssH);
    const uiChanged = ui !== this.ui;
    this.ui = ui;
    if (this.view) {
      if (uiChanged) for (const r of this.regions.values()) this.refreshLabel(r);
      this.cam = this.atFit ? fitView(this.frame()) : clampView(this.frame(), this.cam);
      this.applied = { cx: NaN, cy: NaN, zoom: NaN };
      this.dirtyLayout = true;
      this.dirtyLabels = true;
    }
    this.wake();
  }

  // -------------------------------------------------------------------------------------------
  // Test hooks

  regionsHook(): ConcordMapHook['regions'] {
    return [...this.regions.values()].map((r) => ({ id: r.id, controller: r.controller, stability: r.stability, fill: r.fill }));
  }

  escalationHook(): ConcordMapHook['escalation'] {
    const o = this.escalation;
    return o ? { regions: [...o.regions], level: o.level, trend: o.trend, label: o.label } : null;
  }

  treatyHook(): ConcordMapHook['treaty'] {
    const o = this.treaty;
    return {
      links: o
        ? o.links.map((l, i) => {
            const path = this.linkPaths[i];
            const mid = path?.[Math.floor(path.length / 2)];
            return { agreement: l.agreement, title: l.title, a: l.a, b: l.b, at: mid ? this.toCss(mid) : null };
          })
        : [],
      marks: o ? o.marks.map((m) => ({ region: m.region, kind: m.kind })) : [],
      operations: this.opMarks.map((m) => ({ region: m.region, operation: m.operation, title: m.title })),
    };
  }

  /** A world point in CSS pixels from the canvas's top left. */
  private toCss([x, y]: Pt): [number, number] {
    const c = this.cam;
    return [((x - c.cx) * c.zoom + this.scale.width / 2) / this.dpr, ((y - c.cy) * c.zoom + this.scale.height / 2) / this.dpr];
  }

  assetsHook(): ConcordMapHook['assets'] {
    const out: ConcordMapHook['assets'] = [];
    for (const a of this.assets.values())
      if (a.placed) out.push({ id: a.id, region: a.state.region, x: a.x, y: a.y, clustered: a.clustered });
    return out;
  }
}

/** Bigger labels and markers on big screens (projectors), a little smaller on small ones. */
function uiScale(cssW: number, cssH: number): number {
  const k = Math.min(cssW / 1280, cssH / 800);
  return Math.round(Math.max(0.85, Math.min(1.5, k)) * 20) / 20;
}

/** Many separate segments as one path (one stroke command instead of one per segment). */
function strokeSegments(g: Graphics, segs: Iterable<readonly [number, number, number, number]>): void {
  g.beginPath();
  for (const [x1, y1, x2, y2] of segs) {
    g.moveTo(x1, y1);
    g.lineTo(x2, y2);
  }
  g.strokePath();
}

const toVectors = (pts: readonly Pt[]) => pts.map(([x, y]) => new Phaser.Math.Vector2(x, y));

const grow = (b: Box, d: number): Box => ({ x: b.x - d, y: b.y - d, w: b.w + 2 * d, h: b.h + 2 * d });
const inBox = ([x, y]: Pt, b: Box) => x >= b.x && x <= b.x + b.w && y >= b.y && y <= b.y + b.h;

/** The region's width along the label's line; the bounding box width when the anchor is outside. */
function spanWidth(poly: readonly Pt[], anchor: Pt, bounds: Box): number {
  const s = spanAt(poly, anchor[0], anchor[1]);
  return s ? s[1] - s[0] : bounds.w;
}

/** Move each vertex `d` towards the pole: an approximate inset outline. */
function insetPolygon(poly: readonly Pt[], pole: Pt, d: number): Pt[] {
  return poly.map(([x, y]) => {
    const dx = pole[0] - x;
    const dy = pole[1] - y;
    const len = Math.hypot(dx, dy);
    return len > d * 2 ? ([x + (dx / len) * d, y + (dy / len) * d] as Pt) : ([x, y] as Pt);
  });
}

/** Whether WebGL is rasterised on the CPU (no GPU, or a blocklisted one). */
function softwareRenderer(): boolean {
  try {
    const canvas = document.createElement('canvas');
    const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
    if (!gl) return true;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const name = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return /swiftshader|llvmpipe|softpipe|software|basic render/i.test(name);
  } catch {
    return false;
  }
}

/** Create the game in `container` and resolve once the scene is ready. */
export function startMapScene(container: HTMLElement, opts: MapOptions): Promise<MapHandle> {
  const dpr = Math.min(2, Math.max(1, window.devicePixelRatio || 1));
  const cssW = Math.max(1, container.clientWidth || 300);
  const cssH = Math.max(1, container.clientHeight || 150);
  return new Promise<MapHandle>((resolve) => {
    let destroyed = false;
    const hook: ConcordMapHook = {
      ready: false,
      get regions() {
        return scene.regionsHook();
      },
      get assets() {
        return scene.assetsHook();
      },
      get treaty() {
        return scene.treatyHook();
      },
      get escalation() {
        return scene.escalationHook();
      },
      selected: null,
      updates: 0,
      frameTimes: () => scene.frameTimes(),
    };
    const scene: MapScene = new MapScene({
      tips: container,
      onSelect: (id) => {
        hook.selected = id;
        opts.onSelect(id);
      },
      onReady: () => {
        hook.ready = true;
        window.__concordMap = hook;
        const ro = new ResizeObserver((entries) => {
          const box = entries[entries.length - 1]?.contentRect;
          if (box && !destroyed) scene.resize(box.width, box.height);
        });
        ro.observe(container);
        resolve({
          update(view) {
            if (destroyed) return;
            scene.setView(view);
            hook.updates = scene.updates;
            hook.selected = scene.selected;
          },
          select(id) {
            if (destroyed) return;
            scene.select(id);
            hook.selected = scene.selected;
          },
          zoomBy(f) {
            if (!destroyed) scene.zoomBy(f);
          },
          fit() {
            if (!destroyed) scene.fit();
          },
          destroy() {
            if (destroyed) return;
            destroyed = true;
            ro.disconnect();
            if (window.__concordMap === hook) delete window.__concordMap;
            // Phaser destroys the game on its next step: make sure there is one.
            scene.wake();
            game.destroy(true);
          },
        });
      },
    });
    const game = new Phaser.Game({
      type: Phaser.AUTO,
      parent: container,
      width: Math.round(cssW * dpr),
      height: Math.round(cssH * dpr),
      backgroundColor: PALETTE.sheet,
      banner: false,
      audio: { noAudio: true },
      input: { mouse: false, touch: false, keyboard: false, gamepad: false },
      scale: { mode: Phaser.Scale.NONE, zoom: 1 / dpr },
      // Multisampling is nearly free on a GPU but multiplies the cost of every pixel on a software
      // rasteriser (SwiftShader, llvmpipe), where it made frames 2-3x slower.
      render: { antialias: true, antialiasGL: !softwareRenderer(), roundPixels: false },
      scene: [scene],
    });
  });
}
