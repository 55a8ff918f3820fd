/**
 * A joint operation played with real SDK clients against the real server: Arnholm proposes it to
 * Bravaria and Cosmara under the Harbour Compact's burden-sharing article; each pledges; the clock
 * closes pledging at the deadline; Arnholm and Bravaria deliver; the launch is refused until the
 * conditions are met, then goes ahead and breaks Cosmara's undelivered pledge; control settles it
 * by the military table (the roll weighing what was delivered) and the broken pledge lowers
 * Cosmara's trust. Along the way the refusals the issue names: pledging an asset another nation
 * owns, pledging after the deadline, launching with unmet conditions: each with its code and
 * nothing changed. The burden-sharing ledger is checked number by number.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { View } from '../../shared/src/views/index.ts';
import { proposedFor } from '../../shared/src/engine/index.ts';
import {
  accepted,
  advanceTo,
  createExercise,
  flush,
  refused,
  replayOf,
  seatEveryone,
  stateAs,
  useServer,
  type Player,
  type Table,
} from './support.ts';

const live = useServer({ rate: { perSecond: 1000, burst: 1000 } });

let t: Table;
let ARN: Player;
let BRV: Player;
let CSM: Player;
let op = '';

type OpView = View['operations'][number];
const opIn = (v: View): OpView | undefined => v.operations.find((o) => o.title === 'Grey Sound escort');
const full = (o: OpView | undefined) => (o?.full ? o : null);

/** The control picture's sequence number: unchanged means the refusal changed nothing. */
const seqNow = async () => (await stateAs(live.url, t.control.joined.token, t.ex.id)).seq;

beforeAll(async () => {
  t = await seatEveryone(live.url, await createExercise(live.url, 'harbour-watch', 7), ['ARN', 'BRV', 'CSM']);
  ({ ARN, BRV, CSM } = t.nations as Record<'ARN' | 'BRV' | 'CSM', Player>);
  await accepted(t.control, { type: 'exercise.start' });
  await advanceTo(t.control, 1, 'consult');
}, 30_000);

describe('a joint operation, pledged by two nations, launched and adjudicated', () => {
  it('is proposed under the burden-sharing article; participants see it in full', async () => {
    await accepted(ARN, {
      type: 'operation.propose',
      title: 'Grey Sound escort',
      objective: 'Escort merchant shipping through the Grey Sound.',
      actionType: 'military',
      regions: ['grey-sound'],
      requirements: [
        { type: 'fighter', count: 1 },
        { type: 'frigate', count: 1 },
      ],
      funding: 60,
      basis: { kind: 'treaty', treaty: 'harbour-compact', clause: 'hc-art5' },
      participants: ['BRV', 'CSM'],
    });
    const v = await BRV.waitFor((x) => opIn(x) !== undefined);
    const o = full(opIn(v))!;
    op = o.id;
    expect(o).toMatchObject({
      status: 'pledging',
      proposer: 'ARN',
      participants: ['ARN', 'BRV', 'CSM'],
      pledgeBy: { turn: 1, phase: 'consult' },
      launchFrom: { turn: 1, phase: 'submit' },
      basisLabel: 'Harbour Compact, Article 5 Burden sharing',
    });
  });

  it('each pledges; an asset another nation owns is refused and nothing changes', async () => {
    await accepted(ARN, { type: 'operation.pledge', operation: op, assets: ['arn-fighters'], money: 40, note: 'QRA pair' });
    await accepted(BRV, { type: 'operation.pledge', operation: op, assets: ['brv-frigates'], money: 20 });
    await accepted(CSM, { type: 'operation.pledge', operation: op, money: 10, note: 'Subject to parliament' });
    await flush(t.control);
    const before = await seqNow();
    const r = await refused(BRV, { type: 'operation.pledge', operation: op, assets: ['arn-fighters'] }, 'not_your_asset');
    expect(r).toMatchObject({ path: 'assets.0', message: 'You have no asset by that id.' });
    expect(await seqNow()).toBe(before);
    const v = await ARN.waitFor((x) => full(opIn(x))?.pledges.length === 3);
    expect(full(opIn(v))!.requirements).toEqual([
      { type: 'fighter', count: 1, pledged: 1, delivered: 0 },
      { type: 'frigate', count: 1, pledged: 1, delivered: 0 },
    ]);
    expect(full(opIn(v))!.funding).toEqual({ need: 60, pledged: 70, delivered: 0 });
  });

  it('the clock closes pledging at the deadline; a pledge after it is refused', async () => {
    await accepted(ARN, { type: 'operation.deliver', operation: op, assets: ['arn-fighters'], money: 40 });
    await advanceTo(t.control, 1, 'submit');
    await ARN.waitFor((x) => opIn(x)?.status === 'closed');
    await flush(t.control);
    const before = await seqNow();
    const r = await refused(CSM, { type: 'operation.pledge', operation: op, money: 15 }, 'deadline_passed');
    expect(r.message).toMatch(/Allied consultation/);
    expect(await seqNow()).toBe(before);
  });

  it('the launch is refused while the conditions are unmet, naming what is missing; then it goes ahead', async () => {
    await flush(t.control);
    const before = await seqNow();
    const r = await refused(ARN, { type: 'operation.launch', operation: op }, 'conditions_unmet');
    expect(r.message).toBe('Not enough delivered: frigate needs 1, 0 delivered; funding 40 of 60 million delivered.');
    expect(await seqNow()).toBe(before);
    await accepted(BRV, { type: 'operation.deliver', operation: op, assets: ['brv-frigates'], money: 20 });
    const v = await ARN.waitFor((x) => full(opIn(x))?.launch.missing.length === 0);
    expect(v.assets.find((a) => a.id === 'brv-frigates')?.region).toBe('grey-sound');
    await accepted(ARN, { type: 'operation.launch', operation: op });
    const after = await CSM.waitFor((x) => opIn(x)?.status === 'launched');
    const mine = full(opIn(after))!.pledges.find((p) => p.nation === 'CSM')!;
    expect(mine).toMatchObject({ status: 'broken', ended: { reason: 'Undelivered at launch: 10 million.' } });
    expect(full(opIn(after))!.deliveredShare).toBe(1);
  });

  it('control settles it by the table: the roll weighs what was delivered, the outcome follows the row and is linked for those who read it', async () => {
    await advanceTo(t.control, 1, 'adjudicate');
    await accepted(t.control, { type: 'adjudication.roll', method: 'table', operations: [op], note: 'Escort operation' });
    // Everything pledged that the operation needed was delivered: no delivery penalty on the roll.
    const replay = await replayOf(live.url, t.control.joined.token, t.ex.id);
    const roll = replay.final.adjudicationRolls[replay.final.adjudicationRollOrder.at(-1)!]!;
    expect(roll).toMatchObject({ method: 'table', table: 'tbl-military', operations: [op], operationModifier: 0, modifier: 0 });
    expect(roll.adjusted).toBe(roll.roll);
    expect(roll.chances.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 9);
    // The row's proposal, computed by the engine's own rule on the state the roll left: the
    // delivered assets' strength and the operation's region's stability.
    const proposal = proposedFor(replay.final, roll, roll.row!);
    for (const e of proposal.effects) if (e.kind === 'asset') expect(['arn-fighters', 'brv-frigates']).toContain(e.asset);
    await accepted(t.control, {
      type: 'adjudication.record',
      title: 'Escort holds the Sound',
      outcome: 'Merchant traffic resumes under escort.',
      operations: [op],
      roll: roll.id,
      effects: proposal.effects,
      ...(proposal.escalation ? { escalation: proposal.escalation } : {}),
      visibleTo: ['ARN', 'BRV'],
    });
    const v = await ARN.waitFor((x) => opIn(x)?.status === 'adjudicated');
    const outcome = v.outcomes.find((o) => o.title === 'Escort holds the Sound')!;
    expect(opIn(v)!.outcome).toBe(outcome.id);
    expect(outcome.method).toMatchObject({ method: 'table', roll: roll.roll, departed: false });
    const c = await CSM.waitFor((x) => opIn(x)?.status === 'adjudicated');
    expect(opIn(c)!.outcome).toBeNull();
    expect(c.outcomes.find((o) => o.title === 'Escort holds the Sound')).toBeUndefined();
  });

  it("the broken pledge lowered Cosmara's trust with the proposer and with Bravaria, which delivered, each with its cause", async () => {
    const state = (await replayOf(live.url, t.control.joined.token, t.ex.id)).final;
    const broken = state.cohesionChanges.filter((c) => c.cause.kind === 'rule' && c.cause.rule === 'brokenPledge');
    expect(broken.map((c) => [c.a, c.b, c.to - c.from])).toEqual([
      ['ARN', 'CSM', state.scenario.cohesionRules.brokenPledge],
      ['BRV', 'CSM', state.scenario.cohesionRules.brokenPledge],
    ]);
    for (const c of broken)
      expect(c.cause).toMatchObject({ kind: 'rule', rule: 'brokenPledge', event: 'operation.pledge_broken', ref: `${op}-CSM` });
  });

  it('the burden-sharing ledger: pledged against delivered, and fair shares from GDP × 2 %', () => {
    const v = ARN.view();
    const b = v.burden!;
    const row = (n: string) => b.rows.find((r) => r.nation === n)!;
    expect(row('ARN')).toMatchObject({ pledgedUnits: 1, pledgedMoney: 40, deliveredUnits: 1, deliveredMoney: 40, broken: 0, pledgePct: 2 });
    expect(row('BRV')).toMatchObject({ pledgedUnits: 1, pledgedMoney: 20, deliveredUnits: 1, deliveredMoney: 20, broken: 0 });
    expect(row('CSM')).toMatchObject({ pledgedUnits: 0, pledgedMoney: 10, deliveredUnits: 0, deliveredMoney: 0, broken: 1 });
    expect(b.totals).toEqual({ pledgedUnits: 2, pledgedMoney: 70, deliveredUnits: 2, deliveredMoney: 60 });
    // GDP 410, 220, 150 (billions), all at 2 %: shares 410/780, 220/780, 150/780 of what was delivered.
    expect(row('ARN').fairShare).toBeCloseTo(410 / 780, 9);
    expect(row('CSM').fairMoney).toBeCloseTo((150 / 780) * 60, 9);
    expect(row('BRV').fairUnits).toBeCloseTo((220 / 780) * 2, 9);
    expect(row('ARN').sourceLabel).toBe('Harbour Compact, Article 5');
    // The public sees no operation and no ledger.
    expect(t.observer.view().operations).toEqual([]);
    expect(t.observer.view().burden).toBeNull();
  });
});
