/**
 * The raw-frame leak test for adjudication: every WebSocket frame each client receives is
 * recorded and searched for canaries planted in a covert outcome (read by Bravaria only), in a
 * roll's note and in override and plain rationales (control's only). No frame reaching Arnholm,
 * Cosmara or the public may carry the covert outcome, and no nation's frame a note or a rationale;
 * a covert outcome's region change never shows on their maps. Positive checks prove the recording
 * sees each canary where it is allowed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { View } from '../../shared/src/views/index.ts';
import { loadHarbourWatch } from '../helpers/harness.ts';
import { accepted, advanceTo, containsBytes, createExerciseFrom, flush, seatEveryone, useServer, type Table } from './support.ts';

const live = useServer({ rate: { perSecond: 1000, burst: 1000 } });

const C = {
  covertTitle: 'ZQCANARYCOVERTTITLE',
  covertText: 'ZQCANARYCOVERTTEXT',
  rollNote: 'ZQCANARYROLLNOTE',
  override: 'ZQCANARYOVERRIDE',
  rationale: 'ZQCANARYRATIONALE',
} as const;

let t: Table;
const region = (v: View, id: string) => v.map.regions.find((r) => r.id === id)!;

beforeAll(async () => {
  const s = loadHarbourWatch();
  const ex = await createExerciseFrom(live.url, { ...s, meta: { ...s.meta, adjudication: 'semi-rigid' } }, 77);
  t = await seatEveryone(live.url, ex, ['ARN', 'BRV', 'CSM']);
  await accepted(t.control, { type: 'exercise.start' });
  await advanceTo(t.control, 1, 'submit');
  await accepted(t.nations.BRV!, {
    type: 'action.submit',
    actionType: 'military',
    title: 'Quiet sweep',
    text: 'Sweep the Sound.',
    regions: ['grey-sound'],
    argument: { result: 'The Sound is clear', reasons: ['Sonar coverage'] },
  });
  const action = (await t.nations.BRV!.waitFor((v) => v.actions.length === 1)).actions[0]!.id;
  await advanceTo(t.control, 1, 'adjudicate');
  await accepted(t.control, { type: 'adjudication.roll', method: 'matrix', actions: [action], odds: 40, note: C.rollNote });
  const roll = (await t.control.waitFor((v) => v.adjudicationRolls.length === 1)).adjudicationRolls[0]!;
  await accepted(t.control, {
    type: 'adjudication.record',
    actions: [action],
    roll: roll.id,
    success: !roll.success,
    override: C.override,
    rationale: C.rationale,
    title: C.covertTitle,
    outcome: C.covertText,
    effects: [
      { kind: 'region', region: 'grey-sound', controller: 'DRX', stability: 12 },
      { kind: 'asset', asset: 'drx-submarine', hidden: false },
    ],
    visibleTo: ['BRV'],
  });
  // A white-cell event read by nobody but control.
  await accepted(t.control, { type: 'adjudication.record', title: 'Nobody reads', outcome: C.rationale, visibleTo: [] });
  await flush(t.control, t.observer, ...Object.values(t.nations));
});

describe('adjudication frames', () => {
  it('the covert outcome reaches Bravaria only; notes and rationales reach no nation', () => {
    for (const [label, p] of t.audiences) {
      const reads = label === 'BRV';
      expect(containsBytes(p.frames, C.covertTitle), `${label} covert title`).toBe(reads);
      expect(containsBytes(p.frames, C.covertText), `${label} covert text`).toBe(reads);
      for (const k of ['rollNote', 'override', 'rationale'] as const) expect(containsBytes(p.frames, C[k]), `${label} ${k}`).toBe(false);
    }
    for (const k of Object.keys(C) as (keyof typeof C)[]) expect(containsBytes(t.control.frames, C[k]), `control ${k}`).toBe(true);
  });

  it("the covert outcome's region change and reveal show on Bravaria's map only", () => {
    expect(region(t.nations.BRV!.view(), 'grey-sound')).toMatchObject({ controller: 'DRX', stability: 12 });
    expect(t.nations.BRV!.view().assets.some((a) => a.id === 'drx-submarine')).toBe(true);
    for (const p of [t.nations.ARN!, t.nations.CSM!, t.observer]) {
      expect(region(p.view(), 'grey-sound')).toMatchObject({ controller: null, stability: 55 });
      expect(p.view().assets.some((a) => a.id === 'drx-submarine')).toBe(false);
      expect(containsBytes(p.frames, 'drx-submarine')).toBe(false);
    }
    expect(t.control.view().outcomes.find((o) => o.title === 'Nobody reads')?.visibleTo).toEqual([]);
  });
});
