/**
 * The escalation overlay of the map, as pure data (no Phaser): which regions the adversary holds,
 * how to mark them for the rung it stands on, the trend marker and the words for the legend and
 * the hover tip. Read only from the view's `escalation`: an audience whose view carries no level
 * (a nation under `show: 'trend'`) gets a marker that says nothing of the level, and one whose
 * view carries nothing (`show: 'none'`, the public) gets no overlay at all.
 */
import type { View } from '@concord/shared/views/index';
import type { LegendItem } from './map-model.ts';

export type Trend = 'rising' | 'steady' | 'falling';

export interface EscalationOverlay {
  /** The adversary's regions (the ones it controls), outlined and tinted. */
  regions: string[];
  /** The rung, when this audience may know it; null when only the trend is shown. */
  level: number | null;
  /** The top rung, to read the level against. */
  top: number | null;
  name: string | null;
  trend: Trend;
  /** The outline's and tint's colour: by rung when the level is known, else a neutral ink. */
  colour: string;
  /** How strongly the regions are tinted (0 when the level is not known). */
  tint: number;
  /** The trend marker's glyph: ▲ rising, ▼ falling, ▶ steady. */
  glyph: string;
  /** The hover text and the legend's words. */
  label: string;
}

/** From the lowest rung to the highest: amber, orange, red, crimson, deep purple. */
export const RUNG_COLOURS = ['#e8d36a', '#f2b13c', '#f07c2a', '#e0442c', '#b81d3c', '#7a1a5c'] as const;
export const TREND_COLOURS: Readonly<Record<Trend, string>> = { rising: '#ff5a4e', steady: '#d8d4c8', falling: '#5fd39a' };
export const TREND_GLYPH: Readonly<Record<Trend, string>> = { rising: '▲', steady: '▶', falling: '▼' };
const TREND_WORDS: Readonly<Record<Trend, string>> = {
  rising: 'rising this turn',
  steady: 'steady this turn',
  falling: 'falling this turn',
};

/** The colour of a rung on a ladder whose top rung is `top`, spread over RUNG_COLOURS. */
export function rungColour(level: number, top: number): string {
  const last = RUNG_COLOURS.length - 1;
  const i = top <= 0 ? 0 : Math.round((Math.max(0, Math.min(top, level)) / top) * last);
  return RUNG_COLOURS[i] ?? RUNG_COLOURS[0];
}

type EscalationInput = Pick<View, 'escalation' | 'adversary' | 'map'>;

export function escalationOverlay(view: EscalationInput): EscalationOverlay | null {
  const e = view.escalation;
  if (e === null) return null;
  const regions = view.map.regions.filter((r) => r.controller === view.adversary.id).map((r) => r.id);
  const who = view.adversary.name;
  if (e.show === 'trend')
    return {
      regions,
      level: null,
      top: null,
      name: null,
      trend: e.trend,
      colour: TREND_COLOURS[e.trend],
      tint: 0,
      glyph: TREND_GLYPH[e.trend],
      label: `${who}: escalation ${TREND_WORDS[e.trend]}`,
    };
  const top = Math.max(0, ...e.ladder.map((r) => r.level));
  const rung = e.ladder.find((r) => r.level === e.level);
  const name = rung?.name ?? null;
  return {
    regions,
    level: e.level,
    top,
    name,
    trend: e.trend,
    colour: rungColour(e.level, top),
    tint: 0.12 + 0.28 * (top > 0 ? e.level / top : 0),
    glyph: TREND_GLYPH[e.trend],
    label: `${who}: escalation ${e.level} of ${top}${name ? ` — ${name}` : ''} (${TREND_WORDS[e.trend]})`,
  };
}

/** A signature of what the overlay draws, to redraw only when it changes. */
export const escalationKey = (o: EscalationOverlay | null): string =>
  o === null ? '' : JSON.stringify([o.regions, o.level, o.trend, o.colour, o.tint]);

/** The legend entry for the overlay (none when this audience sees no escalation). */
export function escalationLegend(view: EscalationInput): LegendItem[] {
  const o = escalationOverlay(view);
  if (o === null) return [];
  return [
    {
      kind: 'overlay',
      label: o.label,
      glyph: o.glyph,
      colour: o.level === null ? TREND_COLOURS[o.trend] : o.colour,
      ...(o.level === null
        ? {}
        : {
            swatch: `linear-gradient(${o.colour}66, ${o.colour}66), linear-gradient(${o.colour}, ${o.colour}) center / 100% 3px no-repeat`,
          }),
    },
  ];
}
