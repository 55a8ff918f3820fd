/** The map's pointer states, driven by synthetic events: no Phaser, no DOM. */
import { describe, expect, it } from 'vitest';
import { pointInPolygon, type Pt } from '../map-model.ts';
import { clampView, fitView, toWorld, zoomAbout, type Frame, type ViewBox } from './camera.ts';
import { InteractionMachine, type InputEvent } from './machine.ts';
import type { Intent } from './types.ts';

const THRESHOLD = 5;
/** A 1000×600 canvas over a 1000×600 map of two regions, west and east. */
const frame: Frame = { width: 1000, height: 600, mapW: 1000, mapH: 600 };
const REGIONS: Array<{ id: string; poly: Pt[] }> = [
  {
    id: 'west',
    poly: [
      [0, 0],
      [500, 0],
      [500, 600],
      [0, 600],
    ],
  },
  {
    id: 'east',
    poly: [
      [500, 0],
      [1000, 0],
      [1000, 600],
      [500, 600],
    ],
  },
];

/** A stand-in for the map scene: it keeps a camera and a selection, and records every intent. */
function harness() {
  const intents: Intent[] = [];
  const start: ViewBox = { cx: 500, cy: 300, zoom: 2 };
  const h = {
    intents,
    cam: start,
    selected: null as string | null,
    selections: 0,
    machine: new InteractionMachine(THRESHOLD, (i) => {
      intents.push(i);
      if (i.type === 'pan')
        h.cam = clampView(frame, { zoom: h.cam.zoom, cx: h.cam.cx - i.dx / h.cam.zoom, cy: h.cam.cy - i.dy / h.cam.zoom });
      if (i.type === 'zoom') h.cam = zoomAbout(frame, h.cam, i.factor, i.from, i.to);
      if (i.type === 'select') {
        const [wx, wy] = toWorld(frame, h.cam, i.at);
        h.selected = REGIONS.find((r) => pointInPolygon(wx, wy, r.poly))?.id ?? null;
        h.selections++;
      }
    }),
    send: (...events: InputEvent[]) => events.map((e) => h.machine.dispatch(e)),
    types: () => intents.map((i) => i.type),
  };
  return h;
}

const touch = (kind: 'down' | 'move' | 'up' | 'cancel', x: number, y: number, id = 1): InputEvent => ({
  kind,
  id,
  x,
  y,
  button: 0,
  mouse: false,
});
const mouse = (kind: 'down' | 'move' | 'up' | 'cancel', x: number, y: number, button = 0): InputEvent => ({
  kind,
  id: 1,
  x,
  y,
  button,
  mouse: true,
});

describe('map interaction states', () => {
  it('a click selects the region under the pointer and leaves the camera alone', () => {
    const h = harness();
    const before = { ...h.cam };
    h.send(mouse('down', 700, 300));
    expect(h.machine.current).toBe('pointing');
    h.send(mouse('up', 700, 300));
    expect(h.machine.current).toBe('idle');
    expect(h.selected).toBe('east');
    expect(h.types()).toEqual(['capture', 'stop', 'release', 'select']);
    expect(h.cam).toEqual(before);
  });

  it('a click in the west selects the west; a wobble under the threshold is still a click', () => {
    const h = harness();
    h.send(mouse('down', 300, 300), mouse('move', 303, 302), mouse('up', 303, 302));
    expect(h.selected).toBe('west');
    expect(h.types()).not.toContain('pan');
  });

  it('a drag beyond the threshold pans the map by the whole way and does not select', () => {
    const h = harness();
    h.send(mouse('down', 700, 300), mouse('move', 702, 300));
    expect(h.machine.current).toBe('pointing');
    h.send(mouse('move', 660, 280));
    expect(h.machine.current).toBe('panning');
    expect(h.cam).toEqual({ zoom: 2, cx: 500 + 40 / 2, cy: 300 + 20 / 2 });
    h.send(mouse('move', 650, 280));
    expect(h.cam.cx).toBe(500 + 50 / 2);
    h.send(mouse('up', 650, 280));
    expect(h.machine.current).toBe('idle');
    expect(h.selections).toBe(0);
    expect(h.types()).toEqual(['capture', 'stop', 'pan', 'pan', 'release']);
  });

  it('wheel zooms about the pointer: the world point under it stays put', () => {
    const h = harness();
    const at: Pt = [800, 150];
    const under = toWorld(frame, h.cam, at);
    expect(h.send({ kind: 'wheel', x: at[0], y: at[1], deltaY: -100, deltaMode: 0 })).toEqual([true]);
    expect(h.cam.zoom).toBeCloseTo(2 * Math.exp(0.15));
    const after = toWorld(frame, h.cam, at);
    expect(after[0]).toBeCloseTo(under[0]);
    expect(after[1]).toBeCloseTo(under[1]);
    expect(h.machine.current).toBe('idle');
    // A line of wheel counts as 16 pixels; scrolling down zooms out.
    h.send({ kind: 'wheel', x: at[0], y: at[1], deltaY: 3, deltaMode: 1 });
    expect(h.cam.zoom).toBeCloseTo(2 * Math.exp(0.15) * Math.exp(-3 * 16 * 0.0015));
  });

  it('the zoom stays within its limits', () => {
    const h = harness();
    for (let i = 0; i < 40; i++) h.send({ kind: 'wheel', x: 500, y: 300, deltaY: -500, deltaMode: 0 });
    expect(h.cam.zoom).toBeCloseTo(fitView(frame).zoom * 10);
  });

  it('a double click zooms in twofold about the pointer, animated', () => {
    const h = harness();
    h.send({ kind: 'dblclick', x: 250, y: 100 });
    expect(h.intents).toEqual([{ type: 'zoom', factor: 2, from: [250, 100], to: [250, 100], animate: true }]);
  });

  it('two fingers pinch: spreading them zooms in about their midpoint; lifting one pans; no click at the end', () => {
    const h = harness();
    h.send(touch('down', 400, 300, 1), touch('down', 600, 300, 2));
    expect(h.machine.current).toBe('pinching');
    const under = toWorld(frame, h.cam, [500, 300]);
    h.send(touch('move', 300, 300, 1));
    expect(h.cam.zoom).toBeCloseTo(2 * (300 / 200));
    const mid = toWorld(frame, h.cam, [450, 300]);
    expect(mid[0]).toBeCloseTo(under[0]);
    h.send(touch('up', 300, 300, 1));
    expect(h.machine.current).toBe('panning');
    const cx = h.cam.cx;
    h.send(touch('move', 580, 300, 2));
    expect(h.cam.cx).toBeCloseTo(cx + 20 / h.cam.zoom);
    h.send(touch('up', 580, 300, 2));
    expect(h.machine.current).toBe('idle');
    expect(h.selections).toBe(0);
  });

  it('a second finger during a drag starts a pinch', () => {
    const h = harness();
    h.send(touch('down', 400, 300, 1), touch('move', 450, 300, 1), touch('down', 600, 300, 2));
    expect(h.machine.current).toBe('pinching');
  });

  it('ignores other mouse buttons, hovering and pointers it does not track, so the map can sleep', () => {
    const h = harness();
    expect(h.send(mouse('down', 500, 300, 2), mouse('move', 510, 300), mouse('up', 510, 300))).toEqual([false, false, false]);
    expect(h.machine.current).toBe('idle');
    h.send(touch('down', 100, 100, 1));
    expect(h.send(touch('move', 300, 300, 9), touch('up', 300, 300, 9))).toEqual([false, false]);
    expect(h.machine.current).toBe('pointing');
    expect(h.intents).toHaveLength(2);
  });

  it('a cancelled press neither selects nor pans', () => {
    const h = harness();
    h.send(touch('down', 700, 300), touch('cancel', 700, 300));
    expect(h.machine.current).toBe('idle');
    expect(h.types()).toEqual(['capture', 'stop', 'release']);
    expect(h.machine.busy).toBe(false);
  });
});
