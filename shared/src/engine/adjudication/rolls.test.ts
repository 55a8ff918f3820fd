/**
 * Adjudication by roll: the table roll (modifiers, each row's chance, the row), the matrix roll
 * (odds, result), an outcome following a roll or departing from it with a rationale, the
 * scenario's style (free, semi-rigid, rigid, matrix), joint operations weighed by what was
 * delivered, and an adjudication reproduced from the log alone.
 */
import { describe, expect, it } from 'vitest';
import { actors, harness, loadHarbourWatch, only, type Draft, type Harness } from '../../../../tests/helpers/harness.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { fold } from '../evolve.ts';
import { rollDie } from '../rng.ts';
import type { OperationRecord } from '../operations/records.ts';
import { proposedFor } from './decide.ts';
import { operationModifier, rowChances, rowIndex, tableResult } from './tables.ts';

const { facilitator, ARN, BRV } = actors;
type Style = Scenario['meta']['adjudication'];

const styled = (style: Style): Scenario => {
  const s = loadHarbourWatch();
  return { ...s, meta: { ...s.meta, adjudication: style } };
};

/** Turn 1 adjudication with BRV's escort (military, grey-sound, frigates) and ARN's patrol (intelligence: no table). */
function setUp(style: Style = 'semi-rigid'): { h: Harness; brv: string; arn: string; dip: string } {
  const h = harness({ scenario: styled(style) });
  h.advanceTo(1, 'submit');
  const brv = only(
    h.ok(BRV, {
      type: 'action.submit',
      actionType: 'military',
      title: 'Escort',
      text: 'Escort ferries',
      regions: ['grey-sound'],
      assets: ['brv-frigates'],
      argument: { result: 'Ferries sail unharmed', reasons: ['Frigates on station', 'Allies support'] },
    }),
    'action.submitted',
  ).id;
  const arn = only(
    h.ok(ARN, { type: 'action.submit', actionType: 'intelligence', title: 'Patrol', text: 'MPA flights', regions: ['grey-sound'] }),
    'action.submitted',
  ).id;
  const dip = only(
    h.ok(ARN, { type: 'action.submit', actionType: 'diplomatic', title: 'Démarche', text: 'Protest', regions: ['drex-march'] }),
    'action.submitted',
  ).id;
  h.advanceTo(1, 'adjudicate');
  return { h, brv, arn, dip };
}

const record = (extra: Partial<Extract<Draft, { type: 'adjudication.record' }>>): Draft => ({
  type: 'adjudication.record',
  title: 'Outcome',
  outcome: 'What happened.',
  ...extra,
});

/** A launched operation put straight into the state (the operations concern's commands are another slice's). */
function launchOperation(h: Harness, delivered: string[]): OperationRecord {
  const op: OperationRecord = {
    id: 'O99',
    seq: h.state.seq,
    at: h.clock,
    turn: 1,
    proposer: 'BRV',
    author: { nation: 'BRV', position: 'dm', name: 'Bravaria Defence Minister' },
    title: 'Sound Shield',
    objective: 'Keep the Grey Sound open',
    actionType: 'military',
    regions: ['grey-sound'],
    requirements: [
      { type: 'frigate', count: 1 },
      { type: 'patrol_vessel', count: 1 },
    ],
    funding: 0,
    pledgeBy: { turn: 1, phase: 'consult' },
    launchFrom: { turn: 1, phase: 'submit' },
    basis: null,
    participants: ['BRV', 'CSM'],
    status: 'launched',
    pledges: [
      {
        id: 'P1',
        seq: h.state.seq,
        at: h.clock,
        turn: 1,
        nation: 'BRV',
        author: { nation: 'BRV', position: 'dm', name: 'Bravaria Defence Minister' },
        pledged: { assets: ['brv-frigates', 'csm-patrol'], capabilities: [], money: 0 },
        delivered: { assets: delivered, capabilities: [], money: 0 },
        note: '',
        status: delivered.length === 2 ? 'delivered' : 'broken',
        amended: 0,
        deliveries: [],
        ended: null,
      },
    ],
    launched: { seq: h.state.seq, at: h.clock, turn: 1 },
    adjudication: null,
    closed: null,
    cancelled: null,
  };
  h.state.operations[op.id] = op;
  h.state.operationOrder.push(op.id);
  return op;
}

describe('the table', () => {
  const table = loadHarbourWatch().adjudicationTables.find((t) => t.id === 'tbl-military')!;
  it('gives each row its share of the d100, shifted and clamped by the modifier', () => {
    expect(rowChances(table, 0)).toEqual([15, 45, 40]);
    expect(rowChances(table, 10)).toEqual([5, 45, 50]);
    expect(rowChances(table, -50)).toEqual([65, 35, 0]);
    expect(tableResult(table, 95, 20)).toEqual({ adjusted: 100, row: 2 });
    expect(tableResult(table, 3, -20)).toEqual({ adjusted: 1, row: 0 });
    expect(rowIndex(table, 16)).toBe(1);
  });
});

describe('adjudication.roll', () => {
  it('rolls the d100 from the seeded generator on the table for the first action, logging the new generator state and the odds', () => {
    const { h, brv } = setUp();
    const before = h.state.rng;
    const e = only(
      h.ok(facilitator, { type: 'adjudication.roll', method: 'table', actions: [brv], modifier: 10, note: 'Good weather' }),
      'adjudication.rolled',
    );
    const [d100, next] = rollDie(before, 100);
    const table = h.scenario.adjudicationTables.find((t) => t.id === 'tbl-military')!;
    const { adjusted, row } = tableResult(table, d100, 10);
    expect(e).toMatchObject({ method: 'table', table: 'tbl-military', roll: d100, adjusted, row, label: table.outcomes[row]!.label });
    expect(e).toMatchObject({
      modifier: 10,
      operationModifier: 0,
      chances: [5, 45, 50],
      odds: null,
      success: null,
      rng: next,
      note: 'Good weather',
    });
    expect(h.state.rng).toBe(next);
    expect(h.state.adjudicationRolls[e.id]).toMatchObject({ id: e.id, roll: d100, outcome: null });
  });

  it('a matrix roll succeeds when the d100 is at most the odds', () => {
    const { h, brv } = setUp('matrix');
    const [d100] = rollDie(h.state.rng, 100);
    const e = only(h.ok(facilitator, { type: 'adjudication.roll', method: 'matrix', actions: [brv], odds: 55 }), 'adjudication.rolled');
    expect(e).toMatchObject({ method: 'matrix', table: null, roll: d100, adjusted: d100, odds: 55, success: d100 <= 55, chances: [] });
  });

  it('refuses what it cannot roll, and nothing changes', () => {
    const { h, brv, arn } = setUp();
    h.reject(facilitator, { type: 'adjudication.roll', method: 'table' }, 'nothing_to_roll');
    h.reject(facilitator, { type: 'adjudication.roll', method: 'table', actions: ['A999'] }, 'unknown_action');
    h.reject(facilitator, { type: 'adjudication.roll', method: 'table', actions: [brv, brv] }, 'action_closed');
    h.reject(facilitator, { type: 'adjudication.roll', method: 'table', actions: [arn] }, 'no_table');
    h.reject(facilitator, { type: 'adjudication.roll', method: 'table', actions: [brv], table: 'tbl-nope' }, 'unknown_table');
    h.reject(facilitator, { type: 'adjudication.roll', method: 'table', actions: [brv], odds: 40 }, 'not_this_method');
    h.reject(facilitator, { type: 'adjudication.roll', method: 'matrix', actions: [brv] }, 'odds_required');
    h.reject(facilitator, { type: 'adjudication.roll', method: 'matrix', actions: [brv], odds: 40, modifier: 5 }, 'not_this_method');
    h.reject(facilitator, { type: 'adjudication.roll', method: 'matrix', actions: [brv], odds: 100 }, 'malformed');
    h.reject(facilitator, { type: 'adjudication.roll', method: 'table', actions: [brv], modifier: 51 }, 'malformed');
    h.reject(facilitator, { type: 'adjudication.roll', method: 'table', operations: ['O1'] }, 'unknown_operation');
    h.reject(BRV, { type: 'adjudication.roll', method: 'table', actions: [brv] }, 'forbidden');
    // A table can be named for a type that has none.
    h.ok(facilitator, { type: 'adjudication.roll', method: 'table', actions: [arn], table: 'tbl-military' });
  });

  it('only in the adjudicate and outcome phases', () => {
    const h = harness();
    h.advanceTo(1, 'submit');
    const a = only(h.ok(BRV, { type: 'action.submit', actionType: 'military', title: 'E', text: 'E' }), 'action.submitted').id;
    h.reject(facilitator, { type: 'adjudication.roll', method: 'table', actions: [a] }, 'wrong_phase');
  });
});

describe('an outcome following a roll', () => {
  it("follows the row: the row's effects on the action's regions and committed assets, and its escalation move", () => {
    const { h, brv } = setUp();
    const roll = only(h.ok(facilitator, { type: 'adjudication.roll', method: 'table', actions: [brv] }), 'adjudication.rolled');
    const { effects, escalation } = proposedFor(h.state, h.state.adjudicationRolls[roll.id]!, roll.row!);
    const row = h.scenario.adjudicationTables[0]!.outcomes[roll.row!]!;
    const expected = [
      ...(row.stabilityDelta ? [{ kind: 'region', region: 'grey-sound', stability: 55 + row.stabilityDelta }] : []),
      ...(row.strengthDelta ? [{ kind: 'asset', asset: 'brv-frigates', strength: 75 + row.strengthDelta }] : []),
    ];
    expect(effects).toEqual(expected);
    const e = only(
      h.ok(facilitator, record({ actions: [brv], roll: roll.id, effects, ...(escalation ? { escalation } : {}) })),
      'adjudication.recorded',
    );
    expect(e).toMatchObject({ roll: roll.id, row: roll.row, success: null, override: null });
    expect(h.state.adjudicationRolls[roll.id]!.outcome).toBe(e.id);
    expect(h.state.actions[brv]).toMatchObject({ status: 'adjudicated', adjudication: e.id });
    h.reject(facilitator, record({ actions: [brv], roll: roll.id, effects }), 'action_closed');
  });

  it('departing from the row (another row, other effects, another escalation) needs an override rationale', () => {
    const { h, brv } = setUp();
    const roll = only(h.ok(facilitator, { type: 'adjudication.roll', method: 'table', actions: [brv] }), 'adjudication.rolled');
    const other = (roll.row! + 1) % 3;
    const { effects, escalation } = proposedFor(h.state, h.state.adjudicationRolls[roll.id]!, roll.row!);
    const follow = { actions: [brv], roll: roll.id, effects, ...(escalation ? { escalation } : {}) };
    h.reject(facilitator, record({ ...follow, row: other }), 'override_needs_rationale');
    h.reject(
      facilitator,
      record({ ...follow, effects: [{ kind: 'region', region: 'arnholm', stability: 1 }] }),
      'override_needs_rationale',
    );
    h.reject(
      facilitator,
      record({ ...follow, escalation: { delta: escalation ? -escalation.delta : 2, reason: 'x' } }),
      'override_needs_rationale',
    );
    h.reject(facilitator, record({ ...follow, row: 7 }), 'unknown_row');
    h.reject(facilitator, record({ ...follow, success: true }), 'roll_mismatch');
    h.reject(facilitator, record({ ...follow, actions: [] }), 'roll_mismatch');
    h.reject(facilitator, record({ ...follow, roll: 'R1' }), 'unknown_roll');
    const e = only(
      h.ok(facilitator, record({ ...follow, row: other, override: 'The escort was overwhelmed by the weather.' })),
      'adjudication.recorded',
    );
    expect(e).toMatchObject({ row: other, override: 'The escort was overwhelmed by the weather.' });
  });

  it('a used roll is refused', () => {
    const { h, brv, dip } = setUp();
    const roll = only(h.ok(facilitator, { type: 'adjudication.roll', method: 'matrix', actions: [brv], odds: 50 }), 'adjudication.rolled');
    h.ok(facilitator, record({ actions: [brv], roll: roll.id }));
    h.reject(facilitator, record({ actions: [dip], roll: roll.id, override: 'x' }), 'roll_used');
  });

  it('a matrix outcome records the result rolled, or the other with a rationale', () => {
    const { h, brv } = setUp('matrix');
    const roll = only(h.ok(facilitator, { type: 'adjudication.roll', method: 'matrix', actions: [brv], odds: 60 }), 'adjudication.rolled');
    h.reject(facilitator, record({ actions: [brv], roll: roll.id, success: !roll.success }), 'override_needs_rationale');
    h.reject(facilitator, record({ actions: [brv], roll: roll.id, row: 0 }), 'roll_mismatch');
    const e = only(
      h.ok(facilitator, record({ actions: [brv], roll: roll.id, effects: [{ kind: 'region', region: 'grey-sound', stability: 70 }] })),
      'adjudication.recorded',
    );
    expect(e).toMatchObject({ success: roll.success, row: null, override: null });
  });
});

describe('the style', () => {
  it('free: control records without a roll', () => {
    const { h, brv } = setUp('free');
    h.ok(facilitator, record({ actions: [brv] }));
  });

  it.each(['semi-rigid', 'matrix'] as const)(
    '%s: an outcome for actions without a roll needs an override rationale; a white-cell event does not',
    (style) => {
      const { h, brv } = setUp(style);
      h.reject(facilitator, record({ actions: [brv] }), 'override_needs_rationale');
      h.ok(facilitator, record({}));
      h.ok(facilitator, record({ actions: [brv], override: 'No table fits a night escort.' }));
    },
  );

  it('rigid: the roll binds; no override, no outcome without a roll, no second roll', () => {
    const { h, brv } = setUp('rigid');
    h.reject(facilitator, record({ actions: [brv], override: 'Because' }), 'override_not_allowed');
    const roll = only(h.ok(facilitator, { type: 'adjudication.roll', method: 'table', actions: [brv] }), 'adjudication.rolled');
    h.reject(facilitator, { type: 'adjudication.roll', method: 'table', actions: [brv], modifier: 20 }, 'already_rolled');
    h.reject(facilitator, record({ actions: [brv], roll: roll.id, row: (roll.row! + 1) % 3, override: 'Because' }), 'override_not_allowed');
    const { effects, escalation } = proposedFor(h.state, h.state.adjudicationRolls[roll.id]!, roll.row!);
    h.ok(facilitator, record({ actions: [brv], roll: roll.id, effects, ...(escalation ? { escalation } : {}) }));
  });
});

describe('joint operations', () => {
  it('must be launched; the table weighs what was delivered; the outcome marks them adjudicated', () => {
    const { h } = setUp();
    const op = launchOperation(h, ['brv-frigates']);
    const assetType = (id: string) => h.scenario.assets.find((a) => a.id === id)?.type;
    expect(operationModifier(op, assetType)).toBe(-15);
    const roll = only(
      h.ok(facilitator, { type: 'adjudication.roll', method: 'table', operations: [op.id], modifier: 5 }),
      'adjudication.rolled',
    );
    const table = h.scenario.adjudicationTables.find((t) => t.id === 'tbl-military')!;
    expect(roll).toMatchObject({ table: 'tbl-military', modifier: 5, operationModifier: -15, chances: rowChances(table, -10) });
    expect(roll.adjusted).toBe(tableResult(table, roll.roll, -10).adjusted);
    const { effects, escalation } = proposedFor(h.state, h.state.adjudicationRolls[roll.id]!, roll.row!);
    const row = table.outcomes[roll.row!]!;
    // The strength delta applies to the delivered asset only (not the undelivered pledge).
    expect(effects.flatMap((e) => (e.kind === 'asset' ? [e.asset] : []))).toEqual(row.strengthDelta ? ['brv-frigates'] : []);
    const e = only(
      h.ok(facilitator, record({ operations: [op.id], roll: roll.id, effects, ...(escalation ? { escalation } : {}) })),
      'adjudication.recorded',
    );
    expect(h.state.operations[op.id]).toMatchObject({ status: 'adjudicated', adjudication: e.id });
    h.reject(facilitator, record({ operations: [op.id], override: 'again' }), 'operation_not_launched');
    h.reject(facilitator, record({ operations: ['O404'], override: 'x' }), 'unknown_operation');
  });

  it('all delivered weighs nothing; nothing delivered weighs −30', () => {
    const { h } = setUp();
    const assetType = (id: string) => h.scenario.assets.find((a) => a.id === id)?.type;
    expect(operationModifier(launchOperation(h, ['brv-frigates', 'csm-patrol']), assetType)).toBe(0);
    expect(operationModifier(launchOperation(h, []), assetType)).toBe(-30);
  });
});

describe('from the log alone', () => {
  it('the roll, the row and the effects are recomputed exactly', () => {
    const { h, brv } = setUp();
    h.ok(facilitator, { type: 'dice.roll', purpose: 'noise' });
    const roll = only(
      h.ok(facilitator, { type: 'adjudication.roll', method: 'table', actions: [brv], modifier: -5 }),
      'adjudication.rolled',
    );
    const { effects, escalation } = proposedFor(h.state, h.state.adjudicationRolls[roll.id]!, roll.row!);
    const rec = only(
      h.ok(facilitator, record({ actions: [brv], roll: roll.id, effects, ...(escalation ? { escalation } : {}) })),
      'adjudication.recorded',
    );
    // Replay up to the roll: the generator state before it gives the same d100, the table the same row.
    const at = h.log.findIndex((e) => e.seq === roll.seq);
    const before = fold(h.log.slice(0, at));
    const [d100, next] = rollDie(before.rng, 100);
    const table = before.scenario.adjudicationTables.find((t) => t.id === roll.table)!;
    const again = tableResult(table, d100, roll.modifier + roll.operationModifier);
    expect([d100, next, again.adjusted, again.row]).toEqual([roll.roll, roll.rng, roll.adjusted, roll.row]);
    // Replay up to the record: the row proposes exactly the effects recorded.
    const beforeRecord = fold(
      h.log.slice(
        0,
        h.log.findIndex((e) => e.seq === rec.seq),
      ),
    );
    expect(proposedFor(beforeRecord, beforeRecord.adjudicationRolls[roll.id]!, rec.row!).effects).toEqual(rec.effects);
  });
});
