/**
 * Escalation and cohesion played end to end: the real server over a SQLite file, one real
 * @colyseus/sdk client per seat (exercise control, each nation, an observer), every check read
 * from what a client received. The ladder is moved by control (with its reason), by an inject's
 * release and by an outcome, each move in control's history with its reason and cause; a level
 * off the ladder is refused and changes nothing. Trust moves by a veto (a consensus rejection)
 * and by control, each change logged with its cause.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { View } from '../../shared/src/views/index.ts';
import {
  accepted,
  advanceTo,
  createExercise,
  flush,
  lastSeq,
  refused,
  seatEveryone,
  stateAs,
  useServer,
  type Player,
  type Refused,
  type Table,
} from './support.ts';

const live = useServer({ rate: { perSecond: 1000, burst: 1000 } });
const NATIONS = ['ARN', 'BRV', 'CSM'] as const;

type ControlEscalation = Extract<NonNullable<View['escalation']>, { show: 'control' }>;
const ladderOf = (v: View): ControlEscalation => {
  const e = v.escalation;
  if (e?.show !== 'control') throw new Error(`not control's ladder: ${JSON.stringify(e)}`);
  return e;
};
const changesOf = (v: View) => v.cohesion?.changes ?? [];
const pairOf = (v: View, a: string, b: string) => v.cohesion?.pairs.find((p) => p.a === a && p.b === b);

async function table(seed: number): Promise<Table> {
  const t = await seatEveryone(live.url, await createExercise(live.url, 'harbour-watch', seed), NATIONS);
  await accepted(t.control, { type: 'exercise.start' });
  await t.control.waitFor((v) => v.exercise.status === 'running');
  return t;
}

/** A refused command changes nothing: not the server's state, its seq, nor any client's view. */
async function changesNothing(t: Table, act: () => Promise<unknown>): Promise<void> {
  const all = [t.control, ...t.audiences.map(([, p]) => p)];
  await flush(...all);
  const before = await stateAs(live.url, t.control.joined.token, t.ex.id, 'facilitator');
  const mirrors = all.map((p) => JSON.stringify(p.view()));
  await act();
  await flush(...all);
  expect(await stateAs(live.url, t.control.joined.token, t.ex.id, 'facilitator')).toEqual(before);
  expect(all.map((p) => JSON.stringify(p.view()))).toEqual(mirrors);
}

describe('the escalation ladder', () => {
  let t: Table;
  beforeAll(async () => {
    t = await table(21);
    await advanceTo(t.control, 1, 'consult');
  });

  it('control moves it with a reason; control sees the reason and the cause, a nation (show level) the rung and not the reason', async () => {
    expect(ladderOf(t.control.view())).toMatchObject({ level: 1, nations: 'level', moves: [] });
    const r = await accepted(t.control, { type: 'escalation.set', level: 2, reason: 'Drexan ultimatum read out on state radio' });
    const v = await t.control.waitFor((x) => x.exercise.seq >= lastSeq(r));
    const e = ladderOf(v);
    expect(e.level).toBe(2);
    expect(e.trend).toBe('rising');
    expect(e.moves).toEqual([
      expect.objectContaining({
        turn: 1,
        from: 1,
        to: 2,
        delta: 1,
        clamped: false,
        reason: 'Drexan ultimatum read out on state radio',
        cause: { kind: 'control' },
      }),
    ]);
    const arn = await t.nations.ARN!.waitFor((x) => x.escalation?.show === 'level' && x.escalation.level === 2);
    expect(arn.escalation).toEqual({ show: 'level', level: 2, trend: 'rising', ladder: e.ladder });
    expect(JSON.stringify(arn)).not.toContain('state radio');
    await flush(t.observer);
    expect(t.observer.view().escalation).toBeNull();
  });

  it('an inject that carries a move pushes it when released, citing the inject and its reason', async () => {
    const r = await accepted(t.control, { type: 'inject.release', inject: 'hw-inj-04' });
    const v = await t.control.waitFor((x) => x.exercise.seq >= lastSeq(r));
    expect(ladderOf(v).level).toBe(3);
    expect(ladderOf(v).moves.at(-1)).toMatchObject({
      from: 2,
      to: 3,
      delta: 1,
      reason: 'Drill area closed: Drakovia moves to coercive signalling.',
      cause: { kind: 'inject', inject: 'hw-inj-04' },
    });
    await t.nations.BRV!.waitFor((x) => x.escalation?.show === 'level' && x.escalation.level === 3);
  });

  it('an outcome that carries a move pushes it, citing the outcome', async () => {
    await advanceTo(t.control, 1, 'adjudicate');
    const r = await accepted(t.control, {
      type: 'adjudication.record',
      title: 'Talks in the Sound',
      outcome: 'Drexan envoys accept a hotline; the patrols pull back.',
      escalation: { delta: -2, reason: 'The hotline calms Drexan nerves' },
    });
    const v = await t.control.waitFor((x) => x.exercise.seq >= lastSeq(r));
    const outcome = v.outcomes.find((o) => o.title === 'Talks in the Sound')!;
    expect(ladderOf(v).level).toBe(1);
    expect(ladderOf(v).moves.at(-1)).toMatchObject({
      from: 3,
      to: 1,
      delta: -2,
      clamped: false,
      reason: 'The hotline calms Drexan nerves',
      cause: { kind: 'outcome', outcome: outcome.id },
    });
    expect(ladderOf(v).moves.map((m) => m.cause.kind)).toEqual(['control', 'inject', 'outcome']);
    const csm = await t.nations.CSM!.waitFor((x) => x.escalation?.show === 'level' && x.escalation.level === 1);
    expect(JSON.stringify(csm)).not.toContain('Drexan nerves');
  });

  it('a level not on the ladder is refused not_on_ladder, naming the rungs; nothing changes', async () => {
    let r: Refused | undefined;
    await changesNothing(t, async () => {
      r = await refused(t.control, { type: 'escalation.set', level: 9, reason: 'Off the scale' }, 'not_on_ladder');
    });
    expect(r!.path).toBe('level');
    expect(r!.message).toContain('5 (Major war)');
    expect(ladderOf(t.control.view()).moves).toHaveLength(3);
    await changesNothing(t, () => refused(t.control, { type: 'escalation.set', level: 1, reason: 'Same' }, 'no_change'));
    await changesNothing(t, () => refused(t.nations.ARN!, { type: 'escalation.set', level: 4, reason: 'Us' }, 'forbidden'));
  });
});

describe('trust between allies', () => {
  let t: Table;
  let control: Player;
  beforeAll(async () => {
    t = await table(22);
    control = t.control;
    await advanceTo(control, 1, 'consult');
  });

  it('a veto (a consensus rejection of an agreement) lowers the vetoer’s trust with the proposer and the signatory, citing the settlement', async () => {
    const { ARN, BRV, CSM } = t.nations as Record<(typeof NATIONS)[number], Player>;
    await accepted(ARN, {
      type: 'agreement.propose',
      title: 'Joint patrol accord',
      parties: ['BRV', 'CSM'],
      clauses: [{ type: 'mutual_aid', title: 'Joint patrols', text: 'The parties patrol the Sound together.' }],
      rule: 'consensus',
    });
    const [bv] = await Promise.all([BRV, CSM].map((p) => p.waitFor((v) => v.agreements.some((a) => a.title === 'Joint patrol accord'))));
    const id = bv!.agreements.find((a) => a.title === 'Joint patrol accord')!.id;
    await accepted(BRV, { type: 'agreement.sign', agreement: id, version: 1 });
    const r = await accepted(CSM, { type: 'agreement.reject', agreement: id, version: 1, reason: 'Our navy cannot spare the ships.' });
    const v = await control.waitFor((x) => x.exercise.seq >= lastSeq(r));
    const changes = changesOf(v);
    expect(changes).toEqual([
      expect.objectContaining({ a: 'ARN', b: 'CSM', from: 60, to: 52, delta: -8, reason: 'Vetoed the agreement "Joint patrol accord"' }),
      expect.objectContaining({ a: 'BRV', b: 'CSM', from: 55, to: 47, delta: -8 }),
    ]);
    for (const c of changes) {
      expect(c.cause).toMatchObject({ kind: 'rule', rule: 'veto', event: 'agreement.settled', ref: id });
      if (c.cause.kind === 'rule') expect(c.cause.seq).toBeLessThan(c.seq);
    }
    expect(pairOf(v, 'ARN', 'CSM')).toMatchObject({ value: 52, trend: 'falling', visible: false });
    expect(pairOf(v, 'ARN', 'BRV')).toMatchObject({ value: 70, trend: 'steady' });
    // Neither changed pair is visible to its nations: Cosmara sees no pairs at all, and no reason.
    await flush(CSM, ARN);
    expect(CSM.view().cohesion).toEqual({ show: 'level', pairs: [], changes: null });
    expect(ARN.view().cohesion?.pairs.map((p) => `${p.a}+${p.b}`)).toEqual(['ARN+BRV']);
    expect(JSON.stringify(CSM.view().cohesion)).not.toContain('Vetoed');
  });

  it('control sets a pair, whichever way round, with the reason; logged with cause control; the pair’s nations (visible, show level) see the value and trend', async () => {
    const r = await accepted(control, { type: 'cohesion.set', a: 'BRV', b: 'ARN', value: 45, reason: 'Row over the ferry tender' });
    const v = await control.waitFor((x) => x.exercise.seq >= lastSeq(r));
    expect(changesOf(v).at(-1)).toMatchObject({
      a: 'ARN',
      b: 'BRV',
      from: 70,
      to: 45,
      delta: -25,
      clamped: false,
      reason: 'Row over the ferry tender',
      cause: { kind: 'control' },
    });
    for (const n of ['ARN', 'BRV'] as const) {
      const nv = await t.nations[n]!.waitFor((x) => pairOf(x, 'ARN', 'BRV')?.value === 45);
      expect(pairOf(nv, 'ARN', 'BRV')).toEqual({ a: 'ARN', b: 'BRV', value: 45, trend: 'falling' });
      expect(JSON.stringify(nv)).not.toContain('ferry tender');
    }
    await flush(t.observer);
    expect(t.observer.view().cohesion).toBeNull();
  });

  it('bad input changes nothing: the adversary, a nation with itself, the same value, a nation sending it', async () => {
    await changesNothing(t, () => refused(control, { type: 'cohesion.set', a: 'ARN', b: 'DRX', value: 10, reason: 'x' }, 'unknown_nation'));
    await changesNothing(t, () => refused(control, { type: 'cohesion.set', a: 'ARN', b: 'ARN', value: 10, reason: 'x' }, 'same_nation'));
    await changesNothing(t, () => refused(control, { type: 'cohesion.set', a: 'ARN', b: 'BRV', value: 45, reason: 'x' }, 'no_change'));
    await changesNothing(t, () =>
      refused(t.nations.ARN!, { type: 'cohesion.set', a: 'ARN', b: 'BRV', value: 90, reason: 'x' }, 'forbidden'),
    );
  });

  // The broken-pledge rule is played in tests/integration/operations.test.ts, where a pledge breaks at launch.
});
