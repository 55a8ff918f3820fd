/**
 * A restricted outcome's effects are seen only by those who read it: each audience's map and the
 * other nations' assets are the outcomes it reads applied in order, plus the deployments it sees
 * happen; control sees the ground truth, and a nation its own assets as they are.
 */
import { describe, expect, it } from 'vitest';
import { actors, harness } from '../../../tests/helpers/harness.ts';
import { cloneState } from '../engine/registry.ts';
import { CONTROL, nationAudience, project, PUBLIC } from './project.ts';

const { facilitator, BRV } = actors;
const region = (v: ReturnType<typeof project>, id: string) => v.map.regions.find((r) => r.id === id);
const asset = (v: ReturnType<typeof project>, id: string) => v.assets.find((a) => a.id === id);

describe("each audience's picture of the board", () => {
  it('a covert outcome changes only its readers’ map and assets; later public ones apply on top', () => {
    const h = harness();
    h.advanceTo(1, 'adjudicate');
    h.ok(facilitator, {
      type: 'adjudication.record',
      title: 'Covert',
      outcome: 'A covert strike.',
      effects: [
        { kind: 'region', region: 'grey-sound', controller: 'DRX', stability: 20 },
        { kind: 'asset', asset: 'brv-frigates', strength: 30, region: 'bravaria' },
        { kind: 'asset', asset: 'drx-submarine', hidden: false },
      ],
      visibleTo: ['BRV'],
    });
    const initial = { controller: null, stability: 55 };
    expect(region(project(h.state, CONTROL), 'grey-sound')).toMatchObject({ controller: 'DRX', stability: 20 });
    expect(region(project(h.state, nationAudience('BRV')), 'grey-sound')).toMatchObject({ controller: 'DRX', stability: 20 });
    for (const v of [project(h.state, nationAudience('ARN')), project(h.state, nationAudience('CSM')), project(h.state, PUBLIC)]) {
      expect(region(v, 'grey-sound')).toMatchObject(initial);
      expect(asset(v, 'brv-frigates')).toMatchObject({ strength: 75, region: 'grey-sound' });
      expect(asset(v, 'drx-submarine')).toBeUndefined();
    }
    // BRV's own frigates as they are; the revealed submarine to BRV only.
    expect(asset(project(h.state, nationAudience('BRV')), 'brv-frigates')).toMatchObject({ strength: 30, region: 'bravaria' });
    expect(asset(project(h.state, nationAudience('BRV')), 'drx-submarine')).toMatchObject({ hidden: false });

    h.ok(facilitator, {
      type: 'adjudication.record',
      title: 'Public',
      outcome: 'Calm returns to the Sound.',
      effects: [{ kind: 'region', region: 'grey-sound', stability: 45 }],
    });
    expect(region(project(h.state, nationAudience('ARN')), 'grey-sound')).toMatchObject({ controller: null, stability: 45 });
    expect(region(project(h.state, PUBLIC), 'grey-sound')).toMatchObject({ controller: null, stability: 45 });
    expect(region(project(h.state, nationAudience('BRV')), 'grey-sound')).toMatchObject({ controller: 'DRX', stability: 45 });
    // A snapshot has its own picture, equal to the live one.
    expect(project(cloneState(h.state), nationAudience('ARN')).map).toEqual(project(h.state, nationAudience('ARN')).map);
  });

  it('a deployment is a visible move, even of an asset a covert outcome changed', () => {
    const h = harness();
    h.advanceTo(1, 'adjudicate');
    h.ok(facilitator, {
      type: 'adjudication.record',
      title: 'Covert damage',
      outcome: 'The frigates are hit.',
      effects: [{ kind: 'asset', asset: 'brv-frigates', strength: 40 }],
      visibleTo: ['BRV'],
    });
    h.advanceTo(2, 'submit');
    h.ok(BRV, { type: 'asset.deploy', asset: 'brv-frigates', region: 'bravaria' });
    const seen = asset(project(h.state, nationAudience('ARN')), 'brv-frigates');
    expect(seen).toMatchObject({ region: 'bravaria', strength: 75 });
    expect(asset(project(h.state, CONTROL), 'brv-frigates')).toMatchObject({ region: 'bravaria', strength: 40 });
  });

  it('the same record is projected to the same object while nothing changes (memoised)', () => {
    const h = harness();
    h.advanceTo(1, 'adjudicate');
    const a = project(h.state, nationAudience('ARN'));
    h.ok(facilitator, {
      type: 'adjudication.record',
      title: 'Quiet',
      outcome: 'Nothing.',
      visibleTo: ['BRV'],
      effects: [{ kind: 'region', region: 'arnholm', stability: 1 }],
    });
    const b = project(h.state, nationAudience('ARN'));
    expect(region(b, 'arnholm')).toBe(region(a, 'arnholm'));
    expect(region(project(h.state, nationAudience('BRV')), 'arnholm')).toMatchObject({ stability: 1 });
  });
});
