import { describe, expect, it } from 'vitest';
import { CONTROL, nationAudience, PUBLIC, project } from '@concord/shared/views/index';
import type { Scenario } from '@concord/shared/scenario/schema';
import { actors, harness, loadHarbourWatch } from '../../../tests/helpers/harness.ts';
import { escalationKey, escalationLegend, escalationOverlay, RUNG_COLOURS, rungColour } from './map-escalation.ts';
import { legendItems } from './map-model.ts';

const { facilitator } = actors;
const showing = (show: 'level' | 'trend' | 'none'): Scenario => {
  const s = loadHarbourWatch();
  return { ...s, escalation: { ...s.escalation, show } };
};
const RUNG_NAMES = loadHarbourWatch().escalation.ladder.map((r) => r.name);

describe('the escalation overlay', () => {
  it('control: the adversary’s regions in the colour of the rung, its name and the trend in words', () => {
    const h = harness({ scenario: showing('none') });
    h.advanceTo(1, 'consult');
    const o = escalationOverlay(project(h.state, CONTROL))!;
    expect(o).toMatchObject({ regions: ['drex-march'], level: 1, top: 5, name: 'Grey zone', trend: 'steady', glyph: '▶' });
    expect(o.colour).toBe(rungColour(1, 5));
    expect(o.label).toBe('Drexan Directorate: escalation 1 of 5 — Grey zone (steady this turn)');
    h.ok(facilitator, { type: 'escalation.set', level: 4, reason: 'Seizure of a ferry' });
    const up = escalationOverlay(project(h.state, CONTROL))!;
    expect(up).toMatchObject({ level: 4, name: 'Limited overt force', trend: 'rising', glyph: '▲' });
    expect(up.tint).toBeGreaterThan(o.tint);
    expect(escalationKey(up)).not.toBe(escalationKey(o));
  });

  it("a nation under show 'level' sees the same marks; under 'trend' a marker that says nothing of the rung; under 'none' nothing", () => {
    for (const show of ['level', 'trend', 'none'] as const) {
      const h = harness({ scenario: showing(show) });
      h.advanceTo(1, 'consult');
      h.ok(facilitator, { type: 'escalation.set', level: 3, reason: 'Cable cut' });
      const view = project(h.state, nationAudience('ARN'));
      const o = escalationOverlay(view);
      const legend = escalationLegend(view);
      if (show === 'none') {
        expect(o).toBeNull();
        expect(legend).toEqual([]);
        continue;
      }
      expect(o!.regions).toEqual(['drex-march']);
      expect(o!.trend).toBe('rising');
      expect(legend).toEqual([expect.objectContaining({ kind: 'overlay', label: o!.label, glyph: '▲' })]);
      expect(legendItems(view)).toContainEqual(legend[0]);
      if (show === 'level') {
        expect(o).toMatchObject({ level: 3, name: 'Deniable attack', colour: rungColour(3, 5) });
      } else {
        expect(o).toMatchObject({ level: null, top: null, name: null, tint: 0 });
        expect(o!.label).toBe('Drexan Directorate: escalation rising this turn');
        // Nothing drawn or written depends on the rung.
        const text = JSON.stringify([o, legend]);
        for (const name of RUNG_NAMES) expect(text).not.toContain(name);
        expect(RUNG_COLOURS.some((c) => text.includes(c))).toBe(false);
      }
    }
  });

  it('the public gets no overlay and no legend entry', () => {
    const h = harness();
    h.advanceTo(1, 'consult');
    const view = project(h.state, PUBLIC);
    expect(escalationOverlay(view)).toBeNull();
    expect(legendItems(view).some((l) => l.label.includes('escalation'))).toBe(false);
  });

  it('rung colours run from the first to the last over any ladder, clamped', () => {
    expect(rungColour(0, 5)).toBe(RUNG_COLOURS[0]);
    expect(rungColour(5, 5)).toBe(RUNG_COLOURS.at(-1));
    expect(rungColour(9, 5)).toBe(RUNG_COLOURS.at(-1));
    expect(rungColour(2, 2)).toBe(RUNG_COLOURS.at(-1));
    expect(rungColour(0, 0)).toBe(RUNG_COLOURS[0]);
  });
});
