import { describe, expect, it } from 'vitest';
import type { View } from '@concord/shared/views/index';
import {
  actionArrows,
  chooseLabels,
  colourTable,
  compareAssets,
  controllerColour,
  dashSegments,
  diffAssets,
  diffRegions,
  FAMILY_OF,
  glyphFor,
  gridPointsInside,
  hatchSegments,
  hiddenLabels,
  labelAnchor,
  legendItems,
  luminance,
  markerSlots,
  mixHex,
  NEUTRAL,
  newInjects,
  planRegion,
  pointInPolygon,
  poleOfInaccessibility,
  polygonArea,
  polygonBounds,
  polygonCentroid,
  regionFill,
  signedEdgeDistance,
  spanAt,
  stabilityColour,
  type AssetState,
  type MapAsset,
  type MapRegion,
  type Pt,
  type RegionState,
} from './map-model.ts';
import { linkPath, nearestPath, overlayLegend, overlaysKey, treatyOverlays, viewerOf } from './map-model.ts';
import { CONTROL, nationAudience, project } from '@concord/shared/views/index';
import { actors, harness, ofType, type CommandOf, type Harness } from '../../../tests/helpers/harness.ts';

const square: Pt[] = [
  [0, 0],
  [100, 0],
  [100, 100],
  [0, 100],
];
/** A "U": two arms joined at the bottom; its centroid lies in the notch, outside the shape. */
const u: Pt[] = [
  [0, 0],
  [30, 0],
  [30, 70],
  [70, 70],
  [70, 0],
  [100, 0],
  [100, 100],
  [0, 100],
];

describe('geometry', () => {
  it('area, centroid and bounds of a square', () => {
    expect(polygonArea(square)).toBe(10_000);
    expect(polygonArea([...square].reverse())).toBe(10_000);
    expect(polygonCentroid(square)).toEqual([50, 50]);
    expect(polygonBounds(square)).toEqual({ x: 0, y: 0, w: 100, h: 100 });
  });

  it('centroid of a degenerate polygon is the vertex mean', () => {
    expect(
      polygonCentroid([
        [0, 0],
        [10, 0],
        [20, 0],
      ]),
    ).toEqual([10, 0]);
  });

  it('point in polygon, including concave shapes', () => {
    expect(pointInPolygon(50, 50, square)).toBe(true);
    expect(pointInPolygon(150, 50, square)).toBe(false);
    expect(pointInPolygon(50, 30, u)).toBe(false); // in the notch
    expect(pointInPolygon(50, 85, u)).toBe(true);
    expect(signedEdgeDistance(50, 50, square)).toBeCloseTo(50);
    expect(signedEdgeDistance(110, 50, square)).toBeCloseTo(-10);
  });

  it('pole of inaccessibility is inside and far from the edges', () => {
    const [x, y] = poleOfInaccessibility(square);
    expect(x).toBeCloseTo(50, 0);
    expect(y).toBeCloseTo(50, 0);
    const p = poleOfInaccessibility(u);
    expect(pointInPolygon(p[0], p[1], u)).toBe(true);
    expect(signedEdgeDistance(p[0], p[1], u)).toBeGreaterThanOrEqual(14);
  });

  it('label anchor: explicit label, centroid when inside, else the pole', () => {
    expect(labelAnchor({ polygon: square, label: [10, 20] })).toEqual([10, 20]);
    expect(labelAnchor({ polygon: square, label: null })).toEqual([50, 50]);
    const [x, y] = labelAnchor({ polygon: u, label: null });
    expect(pointInPolygon(x, y, u)).toBe(true);
  });

  it('span along a line through a point', () => {
    expect(spanAt(square, 50, 50)).toEqual([0, 100]);
    expect(spanAt(u, 15, 30)).toEqual([0, 30]);
    expect(spanAt(u, 50, 30)).toBeNull();
  });

  it('hatching stays inside the polygon and lines up on a global grid', () => {
    const segs = hatchSegments(square, 10, Math.PI / 4);
    expect(segs.length).toBeGreaterThan(10);
    for (const [x1, y1, x2, y2] of segs) {
      const mx = (x1 + x2) / 2;
      const my = (y1 + y2) / 2;
      expect(pointInPolygon(mx, my, square)).toBe(true);
    }
    // Horizontal hatching of the U: the rows through the arms are split in two.
    const rows = hatchSegments(u, 10, 0);
    expect(rows.filter(([, y]) => Math.abs(y - 30) < 1e-6)).toHaveLength(2);
    expect(rows.filter(([, y]) => Math.abs(y - 80) < 1e-6)).toHaveLength(1);
  });

  it('dashes cover dash/(dash+gap) of the outline', () => {
    const segs = dashSegments(square, 6, 4);
    const total = segs.reduce((s, [a, b, c, d]) => s + Math.hypot(c - a, d - b), 0);
    expect(total).toBeCloseTo(400 * 0.6, 0);
    expect(
      dashSegments(
        [
          [0, 0],
          [10, 0],
        ],
        3,
        2,
        false,
      ).length,
    ).toBe(2);
  });

  it('grid points respect the margin', () => {
    const pts = gridPointsInside(square, 20, 10);
    expect(pts.length).toBeGreaterThan(0);
    for (const [x, y] of pts) expect(signedEdgeDistance(x, y, square)).toBeGreaterThanOrEqual(10);
  });
});

describe('colours', () => {
  const view = { nations: [{ id: 'CAL', colour: '#1f5fbf' }], adversary: { id: 'VRK', colour: '#c62828' } } as unknown as Pick<
    View,
    'nations' | 'adversary'
  >;
  const colours = colourTable(view);

  it('controller colour: nation, adversary, none', () => {
    expect(controllerColour('CAL', colours)).toBe('#1f5fbf');
    expect(controllerColour('VRK', colours)).toBe('#c62828');
    expect(controllerColour(null, colours)).toBeNull();
    expect(controllerColour('XXX', colours)).toBeNull();
  });

  it('mixes colours', () => {
    expect(mixHex('#000000', '#ffffff', 0)).toBe('#000000');
    expect(mixHex('#000000', '#ffffff', 1)).toBe('#ffffff');
    expect(mixHex('#000000', '#ffffff', 0.5)).toBe('#808080');
    expect(luminance('#ffffff')).toBeCloseTo(1);
    expect(luminance('#000000')).toBe(0);
  });

  it('controlled land is stronger when stable; uncontrolled land is neutral grey', () => {
    const stable = regionFill('land', '#1f5fbf', 100);
    const shaky = regionFill('land', '#1f5fbf', 0);
    const distance = (a: string) => Math.abs(luminance(a) - luminance('#1f5fbf'));
    expect(distance(stable)).toBeLessThan(distance(shaky));
    expect(regionFill('land', null, 100)).toBe(NEUTRAL);
    expect(regionFill('sea', null, 50)).not.toBe(regionFill('land', null, 50));
    expect(regionFill('cyber', null, 50)).toBe(regionFill('information', null, 50));
  });

  it('stability bands', () => {
    expect(stabilityColour(90)).toBe(stabilityColour(70));
    expect(stabilityColour(69)).not.toBe(stabilityColour(70));
    expect(stabilityColour(39)).not.toBe(stabilityColour(40));
  });
});

describe('assets', () => {
  it('every asset type has a family and a glyph; families differ in glyph', () => {
    const glyphs = new Set<string>();
    for (const type of Object.keys(FAMILY_OF) as Array<MapAsset['type']>) {
      const g = glyphFor(type);
      expect(g.glyph.length).toBeGreaterThan(0);
      glyphs.add(`${g.family}:${g.glyph}`);
    }
    expect(new Set([...glyphs].map((g) => g.split(':')[1])).size).toBe(6);
    expect(glyphFor('frigate').family).toBe('naval');
    expect(glyphFor('air_defence').family).toBe('strike');
    expect(glyphFor('hq').family).toBe('command');
    expect(glyphFor('info_ops').family).toBe('cyber');
  });

  it('orders by owner, then family, then id', () => {
    const xs = [
      { id: 'b', owner: 'KST', type: 'fighter' as const },
      { id: 'a', owner: 'KST', type: 'infantry' as const },
      { id: 'c', owner: 'CAL', type: 'hq' as const },
    ].sort(compareAssets);
    expect(xs.map((x) => x.id)).toEqual(['c', 'a', 'b']);
  });

  it('marker slots: inside, clear of the label, nearest first, bounded', () => {
    const avoid = { x: 30, y: 40, w: 40, h: 20 };
    const slots = markerSlots(square, [50, 70], 10, 12, avoid, 4);
    expect(slots).toHaveLength(12);
    for (const [x, y] of slots) {
      expect(signedEdgeDistance(x, y, square)).toBeGreaterThanOrEqual(4);
      expect(x > avoid.x - 5 && x < avoid.x + avoid.w + 5 && y > avoid.y - 5 && y < avoid.y + avoid.h + 5).toBe(false);
    }
    expect(slots[0]).toEqual([50, 70]);
    // A small polygon runs out of room.
    expect(markerSlots(square, [50, 50], 40, 100).length).toBeLessThan(10);
    // Wider spacing for stacks.
    const wide = markerSlots(square, [50, 50], 10, 3, null, 0, undefined, 2);
    expect(wide.map(([x]) => x).sort((a, b) => a - b)).toEqual([30, 50, 70]);
  });

  const assets = (spec: Record<string, number>) =>
    Object.entries(spec).flatMap(([owner, n]) => Array.from({ length: n }, (_, i) => ({ id: `${owner}-${i}`, owner })));

  it('plan: individual markers when they fit, stacks per owner when crowded, one stack when very crowded', () => {
    const few = assets({ CAL: 2, KST: 1 });
    expect(planRegion(few, 10).every((p) => p.kind === 'asset')).toBe(true);
    const many = assets({ CAL: 6, KST: 1, VRK: 4 });
    const plan = planRegion(many, 5);
    expect(plan).toHaveLength(3);
    expect(plan.find((p) => p.kind === 'asset')).toMatchObject({ id: 'KST-0' }); // a single unit stays itself
    expect(plan.flatMap((p) => (p.kind === 'cluster' ? [p.ids.length] : []))).toEqual([6, 4]);
    const one = planRegion(many, 2);
    expect(one).toEqual([{ kind: 'cluster', owner: null, ids: many.map((a) => a.id), slot: 0 }]);
    expect(planRegion(assets({ CAL: 3 }), 10, 2)).toEqual([{ kind: 'cluster', owner: 'CAL', ids: ['CAL-0', 'CAL-1', 'CAL-2'], slot: 0 }]);
    expect(planRegion([], 3)).toEqual([]);
  });
});

describe('labels', () => {
  it('hides the lower-priority label of an overlapping pair', () => {
    const hidden = hiddenLabels([
      { id: 'big', x: 0, y: 0, w: 100, h: 20, priority: 10 },
      { id: 'small', x: 50, y: 10, w: 100, h: 20, priority: 1 },
      { id: 'far', x: 500, y: 0, w: 100, h: 20, priority: 0 },
    ]);
    expect([...hidden]).toEqual(['small']);
  });

  it('falls back to an alternative box before hiding', () => {
    const chosen = chooseLabels([
      { id: 'a', priority: 2, boxes: [{ x: 0, y: 0, w: 100, h: 20 }] },
      {
        id: 'b',
        priority: 1,
        boxes: [
          { x: 50, y: 0, w: 100, h: 20 },
          { x: 120, y: 0, w: 40, h: 40 },
        ],
      },
      { id: 'c', priority: 0, boxes: [{ x: 10, y: 5, w: 10, h: 10 }] },
    ]);
    expect(Object.fromEntries(chosen)).toEqual({ a: 0, b: 1, c: -1 });
  });
});

describe('change detection', () => {
  const region = (id: string, controller: string | null, stability: number) => ({ id, controller, stability }) as MapRegion;
  const asset = (id: string, region: string, owner = 'CAL', hidden = false) =>
    ({ id, name: id, type: 'infantry', owner, region, strength: 50, readiness: 'ready', hidden }) as MapAsset;

  it('regions: first sight, then only what changed', () => {
    const store = new Map<string, RegionState>();
    expect(diffRegions(store, [region('a', 'CAL', 50), region('b', null, 30)]).changed).toEqual(['a', 'b']);
    expect(diffRegions(store, [region('a', 'CAL', 50), region('b', null, 30)]).changed).toEqual([]);
    const d = diffRegions(store, [region('a', 'VRK', 50), region('b', null, 35)]);
    expect(d.changed).toEqual(['a', 'b']);
    expect(d.controller).toEqual([{ id: 'a', from: 'CAL', to: 'VRK' }]);
  });

  it('assets: added, moved, restyled, removed (the view is mutated in place by patches)', () => {
    const store = new Map<string, AssetState>();
    const list = [asset('x', 'r1'), asset('y', 'r1')];
    expect(diffAssets(store, list).added).toEqual(['x', 'y']);
    const same = diffAssets(store, list);
    expect(same.regions.size + same.moved.length + same.added.length + same.removed.length + same.restyled.length).toBe(0);
    list[0]!.region = 'r2';
    list[1]!.hidden = true;
    const d = diffAssets(store, list);
    expect(d.moved).toEqual([{ id: 'x', from: 'r1', to: 'r2' }]);
    expect(d.restyled).toEqual(['y']);
    expect([...d.regions].sort()).toEqual(['r1', 'r2']);
    const gone = diffAssets(store, [list[0]!]);
    expect(gone.removed).toEqual(['y']);
    expect([...gone.regions]).toEqual(['r1']);
  });
});

describe('overlays and legend', () => {
  const view = {
    audience: 'facilitator',
    exercise: { turn: 2, seq: 40 },
    nations: [
      { id: 'CAL', name: 'Calvaria', colour: '#1f5fbf', capital: 'cal' },
      { id: 'KST', name: 'Kestria', colour: '#2e7d32', capital: 'kst' },
    ],
    adversary: { id: 'VRK', name: 'Varkan', colour: '#c62828' },
    map: {
      width: 100,
      height: 100,
      regions: [
        { id: 'cal', domain: 'land', controller: 'CAL', stability: 80 },
        { id: 'kst', domain: 'land', controller: null, stability: 30 },
        { id: 'sea', domain: 'sea', controller: null, stability: 60 },
      ],
    },
    assets: [
      { id: 'a', type: 'frigate', owner: 'CAL', region: 'sea', hidden: false },
      { id: 'b', type: 'missile', owner: 'VRK', region: 'kst', hidden: true },
    ],
    actions: [
      { id: 'A1', nation: 'CAL', turn: 2, status: 'submitted', regions: ['kst', 'cal', 'nowhere'] },
      { id: 'A2', nation: 'KST', turn: 1, status: 'adjudicated', regions: ['cal'] },
      { id: 'A3', nation: 'KST', turn: 2, status: 'withdrawn', regions: ['cal'] },
    ],
    injects: [
      { id: 'i1', channel: 'news', regions: ['kst'], releasedSeq: 41 },
      { id: 'i2', channel: 'news', regions: ['kst'], releasedSeq: 12 },
      { id: 'i3', channel: 'email', regions: [], releasedSeq: 45 },
      { id: 'i4', channel: 'intel', regions: ['sea'], releasedSeq: null },
    ],
    agreements: [],
    consultations: [],
    access: [],
    escalation: null,
    operations: [],
  } as unknown as View;

  it('arrows for this turn: from the capital to each target; the own capital is highlighted', () => {
    const arrows = actionArrows(view, colourTable(view));
    expect(arrows).toEqual([
      { action: 'A1', nation: 'CAL', colour: '#1f5fbf', from: 'cal', to: 'kst', own: false, pending: true },
      { action: 'A1', nation: 'CAL', colour: '#1f5fbf', from: 'cal', to: 'cal', own: true, pending: true },
    ]);
  });

  it('injects released since the last update that name regions', () => {
    expect(newInjects(view, 40).map((x) => x.id)).toEqual(['i1']);
    expect(newInjects(view, 0).map((x) => x.id)).toEqual(['i1', 'i2']);
  });

  it('legend lists controllers, domains, asset families and overlays present', () => {
    const items = legendItems(view);
    const labels = items.map((i) => `${i.kind}:${i.label}`);
    expect(labels).toContain('controller:Calvaria');
    expect(labels).toContain('controller:Varkan');
    expect(labels).toContain('controller:Contested / uncontrolled');
    expect(labels).toContain('domain:Sea');
    expect(labels).not.toContain('domain:Air corridor');
    expect(labels).toContain('asset:Naval');
    expect(labels).toContain('asset:Missiles and air defence');
    expect(labels).not.toContain('asset:Air');
    expect(labels).toContain('asset:Hidden from players (control only)');
    expect(items.some((i) => i.kind === 'overlay' && i.label.startsWith('Action this turn'))).toBe(true);
    for (const i of items) expect(i.colour === undefined || /^#[0-9a-f]{6}$/i.test(i.colour)).toBe(true);
  });
});

describe('agreements and alliances on the map', () => {
  const { ARN, BRV, CSM } = actors;
  const basing = (regions: string[] = []) => ({ type: 'basing_access' as const, title: 'Ports', text: 'Open.', regions });

  type Clauses = CommandOf<'agreement.propose'>['clauses'];
  function agreement(h: Harness, title: string, parties: Array<'BRV' | 'CSM'>, clauses: Clauses = [basing()]) {
    const [p] = ofType(h.ok(ARN, { type: 'agreement.propose', title, parties, rule: 'consensus', clauses }), 'agreement.proposed');
    const id = p!.agreement;
    h.ok(ARN, { type: 'agreement.sign', agreement: id, version: 1 });
    for (const n of parties) h.ok(n === 'BRV' ? BRV : CSM, { type: 'agreement.sign', agreement: id, version: 1 });
    return id;
  }

  it('draws a line between the capitals of every two nations bound by an agreement in force, side by side for the same pair', () => {
    const h = harness();
    h.advanceTo(1, 'consult');
    agreement(h, 'Grey Sound accord', ['BRV', 'CSM']);
    agreement(h, 'Harbour pilots', ['BRV'], [{ type: 'consultation', title: 'Talk', text: 'Weekly.' }]);
    // A draft binds nobody: no line.
    h.ok(ARN, { type: 'agreement.propose', title: 'Draft', parties: ['CSM'], rule: 'consensus', clauses: [basing()] });
    const view = project(h.state, nationAudience('ARN'));
    const o = treatyOverlays(view, viewerOf(view));
    expect(o.links.map((l) => [l.title, l.a, l.b, l.from, l.to, l.lane, l.lanes])).toEqual([
      ['Grey Sound accord', 'ARN', 'BRV', 'arnholm', 'bravaria', 0, 2],
      ['Grey Sound accord', 'ARN', 'CSM', 'arnholm', 'cosmara', 0, 1],
      ['Grey Sound accord', 'BRV', 'CSM', 'bravaria', 'cosmara', 0, 1],
      ['Harbour pilots', 'ARN', 'BRV', 'arnholm', 'bravaria', 1, 2],
    ]);
    expect(new Set(o.agreements.map((a) => a.colour)).size).toBe(2);
    const legend = overlayLegend(view, o).map((i) => i.label);
    expect(legend).toContain('Grey Sound accord: Arnholm · Bravaria · Cosmara');
    expect(legend).toContain('Harbour pilots: Arnholm · Bravaria');
    // A nation that is not party to an agreement sees no line for it.
    const csm = project(h.state, nationAudience('CSM'));
    expect(treatyOverlays(csm, 'CSM').agreements.map((a) => a.title)).toEqual(['Grey Sound accord']);
  });

  it("marks the regions open to the viewer's forces by a basing agreement, within the regions its clause names", () => {
    const h = harness();
    h.advanceTo(1, 'consult');
    agreement(h, 'Arnholm ports', ['CSM'], [basing(['arnholm'])]);
    const arn = project(h.state, nationAudience('ARN'));
    expect(treatyOverlays(arn, 'ARN').marks).toEqual([]);
    const csm = project(h.state, nationAudience('CSM'));
    expect(treatyOverlays(csm, 'CSM').marks).toEqual([
      { region: 'arnholm', kind: 'basing', label: 'basing agreement: Arnholm ports', nation: null },
    ]);
    expect(overlayLegend(csm, treatyOverlays(csm, 'CSM')).map((i) => i.label)).toContain('Basing rights: open to your forces');
    // Control sees every region an ally opened, and to whom.
    const control = project(h.state, CONTROL);
    expect(viewerOf(control)).toBeNull();
    expect(treatyOverlays(control, null).marks).toEqual([
      { region: 'arnholm', kind: 'basing', label: 'Cosmara: basing agreement: Arnholm ports', nation: null },
    ]);
  });

  it("marks the attacked member's regions once collective defence is activated, and changes its key", () => {
    const h = harness();
    h.advanceTo(1, 'consult');
    const [c] = ofType(
      h.ok(ARN, { type: 'treaty.invoke', treaty: 'harbour-compact', clause: 'hc-art3', grounds: 'Attack.', onBehalfOf: 'CSM' }),
      'consultation.opened',
    );
    const before = overlaysKey(treatyOverlays(project(h.state, nationAudience('BRV')), 'BRV'));
    h.ok(BRV, { type: 'consultation.position', consultation: c!.consultation, stance: 'support', statement: '' });
    h.ok(CSM, { type: 'consultation.position', consultation: c!.consultation, stance: 'support', statement: '' });
    const view = project(h.state, nationAudience('BRV'));
    const o = treatyOverlays(view, 'BRV');
    expect(o.marks).toEqual([{ region: 'cosmara', kind: 'defence', label: 'collective defence for Cosmara', nation: 'CSM' }]);
    expect(o.defended).toEqual(['CSM']);
    expect(overlaysKey(o)).not.toBe(before);
    expect(overlayLegend(view, o).map((i) => i.label)).toEqual(['Collective defence activated for Cosmara']);
    expect(legendItems(view).map((i) => i.label)).toContain('Collective defence activated for Cosmara');
  });

  it('lays lanes side by side and finds the line under the pointer', () => {
    const one = linkPath([0, 0], [100, 0], 0, 1, 4);
    expect(one[0]).toEqual([0, 0]);
    expect(one.at(-1)).toEqual([100, 0]);
    const a = linkPath([0, 0], [100, 0], 0, 2, 4);
    const b = linkPath([0, 0], [100, 0], 1, 2, 4);
    const mid = (p: Pt[]) => p[Math.floor(p.length / 2)]![1];
    expect(Math.abs(mid(a) - mid(b))).toBeCloseTo(4, 5);
    expect(nearestPath([a, b], 50, mid(b), 1)).toBe(1);
    expect(nearestPath([a, b], 50, mid(a), 1)).toBe(0);
    expect(nearestPath([a, b], 50, 40, 1)).toBe(-1);
  });
});
