/**
 * Canvas 2D drawings used as map textures: asset markers (one glyph per asset type, framed by
 * its family's shape), stacked-unit badges with a count, and region labels (name, capital star,
 * stability bar). Everything is drawn at the exact device-pixel size it is shown at, so it stays
 * crisp. No Phaser here: the scene turns these canvases into textures.
 */
import { FAMILY_OF, luminance, stabilityColour, UNSTABLE_BELOW, type AssetType } from './map-model.ts';

export const FONT = "'Segoe UI', system-ui, Roboto, 'Helvetica Neue', 'Liberation Sans', Arial, sans-serif";
const OUTLINE = '#0d141b';

function canvas(w: number, h: number): [HTMLCanvasElement, CanvasRenderingContext2D] {
  const c = document.createElement('canvas');
  c.width = Math.max(1, Math.ceil(w));
  c.height = Math.max(1, Math.ceil(h));
  const ctx = c.getContext('2d');
  if (!ctx) throw new Error('2D canvas unavailable');
  return [c, ctx];
}

/** The family's frame as a path in a unit box scaled to s (centred on s/2). */
function framePath(ctx: CanvasRenderingContext2D, type: AssetType, s: number): void {
  const family = FAMILY_OF[type];
  const c = s / 2;
  ctx.beginPath();
  switch (family) {
    case 'land': {
      // NATO-style land unit frame: a landscape rectangle.
      ctx.rect(s * 0.1, s * 0.22, s * 0.8, s * 0.56);
      break;
    }
    case 'air':
      ctx.arc(c, c, s * 0.4, 0, Math.PI * 2);
      break;
    case 'naval':
      if (type === 'submarine') ctx.ellipse(c, s * 0.56, s * 0.42, s * 0.2, 0, 0, Math.PI * 2);
      else {
        ctx.moveTo(s * 0.06, s * 0.4);
        ctx.lineTo(s * 0.94, s * 0.4);
        ctx.lineTo(s * 0.78, s * 0.76);
        ctx.lineTo(s * 0.22, s * 0.76);
        ctx.closePath();
      }
      break;
    case 'strike':
      ctx.moveTo(c, s * 0.06);
      ctx.lineTo(s * 0.94, c);
      ctx.lineTo(c, s * 0.94);
      ctx.lineTo(s * 0.06, c);
      ctx.closePath();
      break;
    case 'cyber':
      for (let i = 0; i < 6; i++) {
        const a = Math.PI / 6 + (i * Math.PI) / 3;
        const x = c + Math.cos(a) * s * 0.43;
        const y = c + Math.sin(a) * s * 0.43;
        if (i) ctx.lineTo(x, y);
        else ctx.moveTo(x, y);
      }
      ctx.closePath();
      break;
    case 'command':
      // A pennant: flag on a staff.
      ctx.rect(s * 0.22, s * 0.12, s * 0.66, s * 0.48);
      break;
  }
}

/** The inner symbol for a type, in the given colour. */
function symbol(ctx: CanvasRenderingContext2D, type: AssetType, s: number, ink: string, lw: number): void {
  const c = s / 2;
  ctx.strokeStyle = ink;
  ctx.fillStyle = ink;
  ctx.lineWidth = lw;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  const line = (pts: Array<[number, number]>, close = false) => {
    ctx.beginPath();
    pts.forEach(([x, y], i) => (i ? ctx.lineTo(x * s, y * s) : ctx.moveTo(x * s, y * s)));
    if (close) ctx.closePath();
    ctx.stroke();
  };
  const plane = (span: number, sweep: number) => {
    ctx.beginPath();
    ctx.moveTo(c, s * 0.2);
    ctx.lineTo(c + s * 0.035, s * 0.44);
    ctx.lineTo(c + s * span, s * (0.5 + sweep));
    ctx.lineTo(c + s * 0.04, s * 0.58);
    ctx.lineTo(c + s * 0.03, s * 0.7);
    ctx.lineTo(c + s * 0.12, s * 0.78);
    ctx.lineTo(c - s * 0.12, s * 0.78);
    ctx.lineTo(c - s * 0.03, s * 0.7);
    ctx.lineTo(c - s * 0.04, s * 0.58);
    ctx.lineTo(c - s * span, s * (0.5 + sweep));
    ctx.lineTo(c - s * 0.035, s * 0.44);
    ctx.closePath();
    ctx.fill();
  };
  switch (type) {
    case 'infantry':
      line([
        [0.1, 0.22],
        [0.9, 0.78],
      ]);
      line([
        [0.1, 0.78],
        [0.9, 0.22],
      ]);
      break;
    case 'armour':
      ctx.beginPath();
      ctx.ellipse(c, c, s * 0.24, s * 0.13, 0, 0, Math.PI * 2);
      ctx.stroke();
      break;
    case 'artillery':
      ctx.beginPath();
      ctx.arc(c, c, s * 0.09, 0, Math.PI * 2);
      ctx.fill();
      break;
    case 'special_forces':
      ctx.font = `700 ${Math.round(s * 0.34)}px ${FONT}`;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText('SF', c, c + s * 0.02);
      break;
    case 'fighter':
      plane(0.28, 0.08);
      break;
    case 'transport_aircraft':
      plane(0.33, -0.02);
      break;
    case 'maritime_patrol':
      plane(0.31, 0.0);
      line([
        [0.3, 0.86],
        [0.4, 0.82],
        [0.5, 0.86],
        [0.6, 0.82],
        [0.7, 0.86],
      ]);
      break;
    case 'drone':
      line([
        [0.26, 0.36],
        [0.5, 0.66],
        [0.74, 0.36],
      ]);
      line([
        [0.5, 0.3],
        [0.5, 0.66],
      ]);
      break;
    case 'frigate':
      line([
        [0.5, 0.18],
        [0.5, 0.4],
      ]);
      line([
        [0.38, 0.26],
        [0.62, 0.26],
      ]);
      break;
    case 'patrol_vessel':
      line([
        [0.5, 0.26],
        [0.5, 0.4],
      ]);
      break;
    case 'submarine':
      ctx.fillStyle = ink;
      ctx.fillRect(s * 0.42, s * 0.26, s * 0.16, s * 0.14);
      break;
    case 'missile':
      line([
        [0.5, 0.26],
        [0.5, 0.72],
      ]);
      line([
        [0.4, 0.38],
        [0.5, 0.24],
        [0.6, 0.38],
      ]);
      line([
        [0.42, 0.72],
        [0.58, 0.72],
      ]);
      break;
    case 'air_defence':
      ctx.beginPath();
      ctx.arc(c, s * 0.66, s * 0.2, Math.PI, 0);
      ctx.stroke();
      line([
        [0.5, 0.66],
        [0.5, 0.3],
      ]);
      break;
    case 'radar':
      ctx.beginPath();
      ctx.arc(s * 0.4, s * 0.6, s * 0.2, -Math.PI * 0.5, 0);
      ctx.stroke();
      ctx.beginPath();
      ctx.arc(s * 0.4, s * 0.6, s * 0.06, 0, Math.PI * 2);
      ctx.fill();
      line([
        [0.4, 0.6],
        [0.62, 0.34],
      ]);
      break;
    case 'cyber_unit':
      line([
        [0.4, 0.34],
        [0.26, 0.5],
        [0.4, 0.66],
      ]);
      line([
        [0.6, 0.34],
        [0.74, 0.5],
        [0.6, 0.66],
      ]);
      line([
        [0.54, 0.3],
        [0.46, 0.7],
      ]);
      break;
    case 'info_ops':
      ctx.beginPath();
      ctx.arc(s * 0.36, c, s * 0.06, 0, Math.PI * 2);
      ctx.fill();
      for (const r of [0.16, 0.28]) {
        ctx.beginPath();
        ctx.arc(s * 0.36, c, s * r, -Math.PI / 3.2, Math.PI / 3.2);
        ctx.stroke();
      }
      break;
    case 'hq':
      ctx.font = `700 ${Math.round(s * 0.26)}px ${FONT}`;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText('HQ', s * 0.55, s * 0.37);
      break;
    case 'logistics':
      ctx.beginPath();
      ctx.arc(s * 0.55, s * 0.36, s * 0.12, 0, Math.PI * 2);
      ctx.stroke();
      line([
        [0.43, 0.36],
        [0.67, 0.36],
      ]);
      break;
  }
}

/**
 * An asset marker `size` device pixels square: the family frame filled with the owner's colour,
 * a dark outline and the type's symbol. Hidden assets: ghosted fill and a dashed outline.
 */
export function drawMarker(type: AssetType, colour: string, hidden: boolean, size: number): HTMLCanvasElement {
  const s = Math.round(size);
  const [c, ctx] = canvas(s, s);
  const lw = Math.max(1.2, s * 0.075);
  const light = luminance(colour) > 0.45;
  // A soft white halo keeps markers readable on any fill.
  framePath(ctx, type, s);
  ctx.lineJoin = 'round';
  ctx.strokeStyle = 'rgba(255,255,255,0.85)';
  ctx.lineWidth = lw * 2.6;
  ctx.stroke();
  ctx.globalAlpha = hidden ? 0.4 : 1;
  ctx.fillStyle = colour;
  ctx.fill();
  ctx.globalAlpha = 1;
  ctx.strokeStyle = OUTLINE;
  ctx.lineWidth = lw;
  if (hidden) ctx.setLineDash([lw * 1.8, lw * 1.4]);
  ctx.stroke();
  ctx.setLineDash([]);
  if (FAMILY_OF[type] === 'command') {
    // The staff of the pennant.
    ctx.beginPath();
    ctx.moveTo(s * 0.22, s * 0.12);
    ctx.lineTo(s * 0.22, s * 0.92);
    ctx.lineWidth = lw * 1.3;
    ctx.stroke();
  }
  const ink = hidden ? OUTLINE : light ? OUTLINE : '#ffffff';
  symbol(ctx, type, s, ink, Math.max(1.2, s * 0.07));
  return c;
}

/**
 * A stack of units with a count pill: the owner's colour (or slate for a mixed stack).
 * Returned canvas is `size` high and a little wider for the pill.
 */
export function drawCluster(colour: string, count: number, size: number, hiddenShare = 0): HTMLCanvasElement {
  const s = Math.round(size);
  const label = count > 999 ? `${Math.floor(count / 1000)}k+` : String(count);
  const fontPx = Math.round(s * 0.42);
  const [probe, pctx] = canvas(4, 4);
  void probe;
  pctx.font = `700 ${fontPx}px ${FONT}`;
  const textW = pctx.measureText(label).width;
  const pillW = Math.max(s * 0.62, textW + s * 0.3);
  const w = Math.ceil(s * 0.86 + pillW * 0.62);
  const [c, ctx] = canvas(w, s);
  const lw = Math.max(1.2, s * 0.07);
  const box = (dx: number, dy: number, fill: string) => {
    ctx.beginPath();
    ctx.rect(s * 0.1 + dx, s * 0.3 + dy, s * 0.62, s * 0.46);
    ctx.fillStyle = fill;
    ctx.fill();
    ctx.strokeStyle = OUTLINE;
    ctx.lineWidth = lw;
    ctx.stroke();
  };
  ctx.lineJoin = 'round';
  // Halo
  ctx.strokeStyle = 'rgba(255,255,255,0.85)';
  ctx.lineWidth = lw * 2.6;
  ctx.strokeRect(s * 0.1, s * 0.14, s * 0.78, s * 0.62);
  box(s * 0.16, -s * 0.16, colour);
  box(s * 0.08, -s * 0.08, colour);
  box(0, 0, colour);
  if (hiddenShare > 0) {
    ctx.setLineDash([lw * 1.6, lw * 1.2]);
    ctx.strokeStyle = '#ffffff';
    ctx.strokeRect(s * 0.1 + lw, s * 0.3 + lw, s * 0.62 - 2 * lw, s * 0.46 - 2 * lw);
    ctx.setLineDash([]);
  }
  // Count pill, top right.
  const px = w - pillW - lw;
  const py = s * 0.02;
  const ph = s * 0.5;
  ctx.beginPath();
  ctx.roundRect(px, py, pillW, ph, ph / 2);
  ctx.fillStyle = '#ffffff';
  ctx.fill();
  ctx.strokeStyle = OUTLINE;
  ctx.lineWidth = lw;
  ctx.stroke();
  ctx.fillStyle = OUTLINE;
  ctx.font = `700 ${fontPx}px ${FONT}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(label, px + pillW / 2, py + ph / 2 + s * 0.02);
  return c;
}

function star(ctx: CanvasRenderingContext2D, x: number, y: number, r: number): void {
  ctx.beginPath();
  for (let i = 0; i < 10; i++) {
    const rr = i % 2 ? r * 0.45 : r;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    if (i) ctx.lineTo(x + Math.cos(a) * rr, y + Math.sin(a) * rr);
    else ctx.moveTo(x + Math.cos(a) * rr, y + Math.sin(a) * rr);
  }
  ctx.closePath();
}

export type LabelStyle = 'land' | 'sea' | 'air' | 'inset';

export interface LabelSpec {
  name: string;
  style: LabelStyle;
  stability: number;
  capital: boolean;
  /** Short status under the name, e.g. "CONTESTED". */
  note: string | null;
  /** Device pixels per CSS pixel times the UI scale. */
  scale: number;
  /** Break a multi-word name over two lines (for narrow regions). */
  twoLines?: boolean;
}

/** Split a name into two lines at the space nearest its middle. */
export function splitName(name: string): [string, string] | null {
  let best = -1;
  for (let i = 0; i < name.length; i++)
    if (name[i] === ' ' && (best < 0 || Math.abs(i - name.length / 2) < Math.abs(best - name.length / 2))) best = i;
  return best < 0 ? null : [name.slice(0, best), name.slice(best + 1)];
}

export interface LabelCanvas {
  canvas: HTMLCanvasElement;
  /** Where the anchor point lies in the canvas (the centre of the name). */
  ox: number;
  oy: number;
}

/**
 * A region label: the name (upper case for land, italic for sea and air, a panel title for the
 * cyber and information insets) with a white or dark halo, an optional capital star, and a small
 * stability bar with its value (red and marked below 40).
 */
export function drawLabel(spec: LabelSpec): LabelCanvas {
  const k = spec.scale;
  const nameFont =
    spec.style === 'land'
      ? `700 ${Math.round(15 * k)}px ${FONT}`
      : spec.style === 'inset'
        ? `700 ${Math.round(13 * k)}px ${FONT}`
        : `italic 600 ${Math.round(14 * k)}px ${FONT}`;
  const full = spec.style === 'land' || spec.style === 'inset' ? spec.name.toUpperCase() : spec.name;
  const lines = (spec.twoLines ? splitName(full) : null) ?? [full];
  const spacing = spec.style === 'land' ? 1.2 * k : spec.style === 'inset' ? 1.4 * k : 0.3 * k;
  const metaFont = `700 ${Math.round(11 * k)}px ${FONT}`;
  const [, probe] = canvas(4, 4);
  probe.font = nameFont;
  probe.letterSpacing = `${spacing}px`;
  const measured = lines.map((text) => ({ text, width: probe.measureText(text).width }));
  const nameW = Math.max(...measured.map((m) => m.width));
  const starW = spec.capital ? 17 * k : 0;
  const lineH = Math.round((spec.style === 'land' ? 15 : 14) * k * 1.2);
  const nameH = lineH * lines.length + Math.round(2 * k);
  const barW = 34 * k;
  const barH = 5 * k;
  probe.font = metaFont;
  probe.letterSpacing = '0px';
  const valueText = String(Math.round(spec.stability));
  const valueW = probe.measureText(valueText).width;
  const noteText = spec.note ?? '';
  probe.letterSpacing = `${0.8 * k}px`;
  // The note goes beside the bar, or under it when the name is broken over two lines.
  const noteBelow = noteText !== '' && lines.length > 1;
  const noteW = noteText ? probe.measureText(noteText).width + (noteBelow ? 0 : 8 * k) : 0;
  const barLineW = barW + 5 * k + valueW;
  const metaW = noteBelow ? Math.max(barLineW, noteW) : barLineW + noteW;
  const metaH = Math.round(13 * k) * (noteBelow ? 2 : 1);
  const pad = 4 * k;
  // Even sizes: the label is centred on its anchor and drawn at whole pixels.
  const even = (v: number) => 2 * Math.ceil(v / 2);
  const w = even(Math.max(nameW + starW, metaW) + pad * 2);
  const h = even(nameH + metaH + pad * 2);
  const [c, ctx] = canvas(w, h);
  const dark = spec.style === 'inset';
  const halo = dark ? 'rgba(8,16,24,0.9)' : spec.style === 'sea' ? 'rgba(225,238,248,0.9)' : 'rgba(255,255,255,0.95)';
  const ink = dark ? '#dff5f7' : spec.style === 'sea' ? '#0c2c4a' : spec.style === 'air' ? '#183b5c' : '#10161d';
  ctx.font = nameFont;
  ctx.letterSpacing = `${spacing}px`;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  ctx.lineJoin = 'round';
  measured.forEach(({ text: line, width }, i) => {
    const y = pad + lineH * (i + 0.5) + Math.round(1 * k);
    const lineW = width + (i === 0 ? starW : 0);
    const left = (w - lineW) / 2;
    if (i === 0 && spec.capital) {
      star(ctx, left + 7 * k, y - 0.5 * k, 7.5 * k);
      ctx.fillStyle = '#ffd23f';
      ctx.strokeStyle = OUTLINE;
      ctx.lineWidth = 1.4 * k;
      ctx.stroke();
      ctx.fill();
    }
    const x = left + (i === 0 ? starW : 0);
    ctx.strokeStyle = halo;
    ctx.lineWidth = 3.6 * k;
    ctx.strokeText(line, x, y);
    ctx.fillStyle = ink;
    ctx.fillText(line, x, y);
  });
  const nameY = Math.round(pad + nameH / 2);
  // Stability bar and value.
  const my = pad + nameH + Math.round(13 * k) / 2;
  const mx = (w - (noteBelow ? barLineW : metaW)) / 2;
  const col = stabilityColour(spec.stability);
  ctx.fillStyle = dark ? 'rgba(0,0,0,0.55)' : 'rgba(255,255,255,0.92)';
  ctx.strokeStyle = dark ? 'rgba(220,240,245,0.8)' : OUTLINE;
  ctx.lineWidth = Math.max(1, 1 * k);
  ctx.beginPath();
  ctx.rect(mx, my - barH / 2, barW, barH);
  ctx.fill();
  ctx.fillStyle = col;
  ctx.fillRect(mx, my - barH / 2, (barW * Math.max(0, Math.min(100, spec.stability))) / 100, barH);
  ctx.stroke();
  ctx.font = metaFont;
  ctx.letterSpacing = '0px';
  ctx.strokeStyle = halo;
  ctx.lineWidth = 3 * k;
  ctx.strokeText(valueText, mx + barW + 4 * k, my + 0.5 * k);
  ctx.fillStyle = spec.stability < UNSTABLE_BELOW ? (dark ? '#ff8a80' : '#b3261e') : ink;
  ctx.fillText(valueText, mx + barW + 4 * k, my + 0.5 * k);
  if (noteText) {
    ctx.letterSpacing = `${0.8 * k}px`;
    const nx = noteBelow ? (w - noteW) / 2 : mx + barLineW + 8 * k;
    const ny = noteBelow ? my + Math.round(13 * k) : my + 0.5 * k;
    ctx.strokeText(noteText, nx, ny);
    ctx.fillStyle = dark ? '#ffd27a' : '#5b4a1c';
    ctx.fillText(noteText, nx, ny);
  }
  return { canvas: c, ox: w / 2, oy: nameY };
}

/** A joint operation's tag on the map: "⚑ Title" on a dark pill with an amber edge, at `scale` device pixels per CSS pixel. */
export function drawOperationTag(text: string, colour: string, scale: number): HTMLCanvasElement {
  const k = scale;
  const font = `700 ${Math.round(12 * k)}px ${FONT}`;
  const [, probe] = canvas(4, 4);
  probe.font = font;
  const w = probe.measureText(text).width + 14 * k;
  const h = 20 * k;
  const [c, ctx] = canvas(w + 2 * k, h + 2 * k);
  ctx.fillStyle = 'rgba(13, 20, 27, 0.88)';
  ctx.strokeStyle = colour;
  ctx.lineWidth = 1.5 * k;
  ctx.beginPath();
  ctx.roundRect(k, k, w, h, 6 * k);
  ctx.fill();
  ctx.stroke();
  ctx.font = font;
  ctx.fillStyle = colour;
  ctx.textBaseline = 'middle';
  ctx.fillText(text, k + 7 * k, k + h / 2 + 0.5 * k);
  return c;
}
