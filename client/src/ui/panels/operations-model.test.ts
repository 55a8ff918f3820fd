import { describe, expect, it } from 'vitest';
import { CONTROL, nationAudience, project } from '@concord/shared/views/index';
import { actors, harness, ofType } from '../../../../tests/helpers/harness.ts';
import { operationLabels, operationLegend, operationMarks, operationTip } from '../../scenes/map-model.ts';
import {
  basisOptions,
  byStatus,
  contributionText,
  launchState,
  ledgerLines,
  mayEnter,
  parseBasis,
  pledgeChoices,
  requirementRows,
  toDeliver,
  type FullOperation,
} from './operations-model.ts';

const { ARN, BRV } = actors;

function played() {
  const h = harness();
  h.advanceTo(1, 'consult');
  const [e] = ofType(
    h.ok(ARN, {
      type: 'operation.propose',
      title: 'Sound watch',
      objective: 'Watch the sound.',
      actionType: 'military',
      regions: ['grey-sound', 'arnholm'],
      requirements: [{ type: 'frigate', count: 1 }],
      funding: 30,
      basis: { kind: 'treaty', treaty: 'harbour-compact', clause: 'hc-art5' },
      participants: ['BRV'],
    }),
    'operation.proposed',
  );
  const op = e!.operation;
  h.ok(BRV, {
    type: 'operation.pledge',
    operation: op,
    assets: ['brv-frigates'],
    capabilities: [{ type: 'frigate', count: 1 }],
    money: 20,
  });
  return { h, op };
}
const fullOf = (v: ReturnType<typeof project>, id: string) => v.operations.find((o) => o.id === id) as FullOperation;

describe('the operations board, in words', () => {
  it('lists requirements against pledged and delivered, and why the launch is not possible', () => {
    const { h, op } = played();
    const v = project(h.state, nationAudience('ARN'));
    const o = fullOf(v, op);
    expect(requirementRows(o)).toEqual([
      { label: 'Frigate', need: '1', pledged: '2', delivered: '0', met: false },
      { label: 'Funding', need: '30 M', pledged: '20 M', delivered: '0 M', met: false },
    ]);
    expect(launchState(v, o)).toEqual({
      may: false,
      reasons: ['launches from Submit actions, turn 1', 'Frigate needs 1, 0 delivered', 'Funding 0 of 30 million delivered'],
    });
    expect(contributionText(v, o.pledges[0]!.pledged)).toBe('Bravarian Frigate Group, 1 × frigate, 20 M');
    expect(byStatus(v.operations).map((g) => g.label)).toEqual(['Taking pledges']);
  });

  it('offers only own assets, disabled with the reason where they may not go or are pledged elsewhere', () => {
    const { h, op } = played();
    const v = project(h.state, nationAudience('BRV'));
    expect(mayEnter(v, 'BRV', 'grey-sound')).toBe(true);
    expect(mayEnter(v, 'BRV', 'arnholm')).toBe(false);
    const choices = pledgeChoices(v, 'BRV', fullOf(v, op));
    expect(choices.map((c) => [c.id, c.checked, c.disabled])).toEqual([
      ['brv-frigates', true, null],
      ['brv-armour', false, null],
    ]);
    const left = toDeliver(v, fullOf(v, op).pledges[0]!);
    expect(left).toEqual({
      assets: [{ id: 'brv-frigates', label: 'Bravarian Frigate Group', disabled: null, checked: true }],
      capabilities: [{ type: 'frigate', count: 1 }],
      money: 20,
    });
  });

  it('names the basis choices and the ledger lines by name', () => {
    const { h } = played();
    const v = project(h.state, nationAudience('ARN'));
    const options = basisOptions(v, 'ARN');
    expect(options.find((o) => o.value === 'treaty/harbour-compact/hc-art5')?.label).toBe('Harbour Compact, Article 5 Burden sharing');
    expect(parseBasis('treaty/harbour-compact/hc-art5')).toEqual({ kind: 'treaty', treaty: 'harbour-compact', clause: 'hc-art5' });
    expect(parseBasis('')).toBeNull();
    const lines = ledgerLines(v, v.burden!);
    expect(lines.find((l) => l.nation === 'BRV')).toMatchObject({
      name: 'Bravaria',
      pledged: '2 units · 20 M',
      delivered: '0 units · 0 M',
      fair: '28.2% — 0 units · 0 M',
      rate: '2% of GDP (Harbour Compact, Article 5)',
    });
  });

  it('puts the operation on the map for participants and allies, with hover text and a legend entry; never for the public', () => {
    const { h } = played();
    const csm = project(h.state, nationAudience('CSM'));
    const marks = operationMarks(csm);
    expect(marks.map((m) => m.region)).toEqual(['grey-sound', 'arnholm']);
    expect(operationLabels(marks).get('grey-sound')).toBe('⚑ Sound watch');
    expect(operationTip(csm, marks, 'grey-sound')).toBe('Joint operation “Sound watch” — taking pledges — Arnholm, Bravaria');
    expect(operationTip(csm, marks, 'cosmara')).toBeNull();
    expect(operationLegend(marks)).toHaveLength(1);
    expect(operationMarks(project(h.state, { kind: 'public' }))).toEqual([]);
    expect(operationMarks(project(h.state, CONTROL))).toHaveLength(2);
  });
});
