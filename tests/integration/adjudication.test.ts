/**
 * Adjudication by roll played end to end: the real server, one real @colyseus/sdk client per seat,
 * every check read from what a client received. A matrix adjudication (the team argues, control
 * sets the odds and rolls, then records) reproduced exactly from the downloaded log; a table
 * adjudication departing from the row with an override rationale; refusals that change nothing;
 * and a covert outcome that changes only its reader's map.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { View } from '../../shared/src/views/index.ts';
import type { Scenario } from '../../shared/src/scenario/index.ts';
import { fold, matrixSuccess, rollDie, tableResult } from '../../shared/src/engine/index.ts';
import { loadHarbourWatch } from '../helpers/harness.ts';
import {
  accepted,
  advanceTo,
  createExerciseFrom,
  flush,
  lastSeq,
  refused,
  replayOf,
  seatEveryone,
  useServer,
  type Table,
} from './support.ts';

const live = useServer({ rate: { perSecond: 1000, burst: 1000 } });
const NATIONS = ['ARN', 'BRV', 'CSM'] as const;

const styled = (style: Scenario['meta']['adjudication']): Scenario => {
  const s = loadHarbourWatch();
  return { ...s, meta: { ...s.meta, adjudication: style } };
};

async function table(style: Scenario['meta']['adjudication'], seed: number): Promise<Table> {
  const ex = await createExerciseFrom(live.url, styled(style), seed);
  const t = await seatEveryone(live.url, ex, NATIONS);
  await accepted(t.control, { type: 'exercise.start' });
  await t.control.waitFor((v) => v.exercise.status === 'running');
  return t;
}

const region = (v: View, id: string) => v.map.regions.find((r) => r.id === id)!;

describe('a matrix adjudication', () => {
  let t: Table;
  let action: string;
  beforeAll(async () => {
    t = await table('matrix', 41);
    await advanceTo(t.control, 1, 'submit');
    await accepted(t.nations.BRV!, {
      type: 'action.submit',
      actionType: 'military',
      title: 'Escort the ferries',
      text: 'Frigates escort the morning ferries through the Grey Sound.',
      regions: ['grey-sound'],
      assets: ['brv-frigates'],
      argument: { result: 'The ferries sail unharmed', reasons: ['Frigates already on station', 'Cosmara shares the picture'] },
      shareWithAllies: true,
    });
    const v = await t.nations.BRV!.waitFor((v) => v.actions.length === 1);
    action = v.actions[0]!.id;
    expect(v.actions[0]).toMatchObject({ argument: { result: 'The ferries sail unharmed' }, shared: true });
    await advanceTo(t.control, 1, 'adjudicate');
  });

  it('control sees the argument, rolls against its odds and records; the log reproduces the roll and the result', async () => {
    const c = await t.control.waitFor((v) => v.actions.some((a) => a.id === action));
    expect(c.actions.find((a) => a.id === action)?.argument?.reasons).toEqual([
      'Frigates already on station',
      'Cosmara shares the picture',
    ]);
    // Refused: a matrix roll without odds, and an outcome without a roll (matrix style) without a rationale. Nothing changes.
    const before = t.control.view().exercise.seq;
    await refused(t.control, { type: 'adjudication.roll', method: 'matrix', actions: [action] }, 'odds_required');
    await refused(t.control, { type: 'adjudication.record', actions: [action], title: 'T', outcome: 'O' }, 'override_needs_rationale');
    await flush(t.control);
    expect(t.control.view().exercise.seq).toBe(before);

    const rolled = await accepted(t.control, {
      type: 'adjudication.roll',
      method: 'matrix',
      actions: [action],
      odds: 55,
      note: 'Strong case',
    });
    const cv = await t.control.waitFor((v) => v.adjudicationRolls.length === 1);
    const roll = cv.adjudicationRolls[0]!;
    expect(roll).toMatchObject({ method: 'matrix', odds: 55, success: roll.roll <= 55, outcome: null, note: 'Strong case' });
    await accepted(t.control, {
      type: 'adjudication.record',
      actions: [action],
      roll: roll.id,
      title: roll.success ? 'Ferries sail' : 'Ferries turned back',
      outcome: roll.success ? 'The ferries crossed.' : 'The ferries turned back.',
      effects: [{ kind: 'region', region: 'grey-sound', stability: roll.success ? 65 : 45 }],
      visibleTo: ['BRV'],
    });
    // BRV reads the outcome, how it was reached, and which of its actions it resolved.
    const b = await t.nations.BRV!.waitFor((v) => v.outcomes.length === 1);
    expect(b.outcomes[0]).toMatchObject({
      actions: [action],
      method: { method: 'matrix', odds: 55, roll: roll.roll, success: roll.success, departed: false },
    });
    expect(b.outcomes[0]).not.toHaveProperty('override');
    expect(b.actions[0]).toMatchObject({ status: 'adjudicated', adjudication: b.outcomes[0]!.id });
    expect(region(b, 'grey-sound').stability).toBe(roll.success ? 65 : 45);
    // Nobody else reads it, and nobody else's map changed.
    await flush(t.nations.ARN!, t.nations.CSM!, t.observer);
    for (const p of [t.nations.ARN!, t.nations.CSM!, t.observer]) {
      expect(p.view().outcomes).toEqual([]);
      expect(region(p.view(), 'grey-sound').stability).toBe(55);
    }

    // Download the log and recompute: the same d100 from the logged generator state, the same result.
    const replay = await replayOf(live.url, t.control.joined.token, t.ex.id);
    const i = replay.events.findIndex((e) => e.type === 'adjudication.rolled');
    const e = replay.events[i]!;
    if (e.type !== 'adjudication.rolled') throw new Error('no roll');
    expect(e.seq).toBe(lastSeq(rolled));
    const state = fold(replay.events.slice(0, i));
    const [d100, next] = rollDie(state.rng, 100);
    expect([d100, next, matrixSuccess(d100, e.odds!)]).toEqual([e.roll, e.rng, e.success]);
    const rec = replay.events.find((x) => x.type === 'adjudication.recorded');
    expect(rec).toMatchObject({ roll: e.id, success: e.success, override: null });
  });
});

describe('a table adjudication with an override', () => {
  let t: Table;
  let action: string;
  beforeAll(async () => {
    t = await table('semi-rigid', 42);
    await advanceTo(t.control, 1, 'submit');
    await accepted(t.nations.BRV!, {
      type: 'action.submit',
      actionType: 'military',
      title: 'Escort',
      text: 'Escort the ferries.',
      regions: ['grey-sound'],
      assets: ['brv-frigates'],
    });
    action = (await t.nations.BRV!.waitFor((v) => v.actions.length === 1)).actions[0]!.id;
    await advanceTo(t.control, 1, 'adjudicate');
  });

  it('the table proposes a row and its odds; departing from it needs the rationale, which stays control’s', async () => {
    await accepted(t.control, { type: 'adjudication.roll', method: 'table', actions: [action], modifier: 10 });
    const cv = await t.control.waitFor((v) => v.adjudicationRolls.length === 1);
    const roll = cv.adjudicationRolls[0]!;
    const tbl = cv.control!.adjudicationTables.find((x) => x.id === 'tbl-military')!;
    expect(roll).toMatchObject({ table: 'tbl-military', modifier: 10, chances: [5, 45, 50] });
    expect(roll.row).toBe(tableResult(tbl, roll.roll, 10).row);
    const other = (roll.row! + 1) % tbl.outcomes.length;
    const draft = {
      type: 'adjudication.record' as const,
      actions: [action],
      roll: roll.id,
      row: other,
      title: `Military: ${tbl.outcomes[other]!.label}`,
      outcome: tbl.outcomes[other]!.description,
      visibleTo: 'ALL' as const,
    };
    const before = t.control.view().exercise.seq;
    await refused(t.control, draft, 'override_needs_rationale');
    await refused(t.control, { ...draft, roll: 'R9999', override: 'x' }, 'unknown_roll');
    await flush(t.control);
    expect(t.control.view().exercise.seq).toBe(before);
    await accepted(t.control, { ...draft, override: 'The escort met fog the table does not know.' });
    const c = await t.control.waitFor((v) => v.outcomes.length === 1);
    expect(c.outcomes[0]).toMatchObject({ override: 'The escort met fog the table does not know.', row: other, roll: roll.id });
    const b = await t.nations.BRV!.waitFor((v) => v.outcomes.length === 1);
    expect(b.outcomes[0]).toMatchObject({ method: { method: 'table', table: 'Military action at sea', roll: roll.roll, departed: true } });
    expect(JSON.stringify(b)).not.toContain('fog the table');
  });
});
