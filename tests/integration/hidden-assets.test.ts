/**
 * Hidden assets over real sockets. A nation that names a hidden enemy asset (or another nation's
 * hidden asset, or another team's action) hears exactly what it hears for an id that does not
 * exist, and no frame it receives carries the hidden id. A nation sees its own hidden asset,
 * marked hidden, and may commit it; nobody else receives it.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../shared/src/protocol/index.ts';
import { api, codeFor, connect, containsBytes, join, useServer, type Created, type Player } from './support.ts';

const live = useServer({ rate: { perSecond: 1000, burst: 1000 } });

/** Harbour Watch with Arnholm's maritime patrol flight hidden as well as the Drexan submarine. */
function scenarioDoc(): unknown {
  const doc = JSON.parse(readFileSync(new URL('../../scenarios/harbour-watch.json', import.meta.url), 'utf8')) as {
    assets: Array<{ id: string; hidden?: boolean }>;
  };
  doc.assets.find((a) => a.id === 'arn-mpa')!.hidden = true;
  return doc;
}

let fac: Player;
let arn: Player;
let brv: Player;
let observer: Player;
let drxAction: string;

beforeAll(async () => {
  const r = await api<Created>(live.url, 'POST', '/exercises', { scenario: scenarioDoc(), seed: 2 });
  expect(r.status).toBe(201);
  const ex = r.body;
  fac = await connect(live.url, await join(live.url, codeFor(ex, 'facilitator'), 'Control'));
  arn = await connect(live.url, await join(live.url, codeFor(ex, 'nation', 'ARN'), 'Ari', 'dm'));
  brv = await connect(live.url, await join(live.url, codeFor(ex, 'nation', 'BRV'), 'Bea', 'dm'));
  observer = await connect(live.url, await join(live.url, codeFor(ex, 'observer'), 'Press'));
  expect((await fac.send({ type: 'exercise.start' })).ok).toBe(true);
  for (;;) {
    const v = fac.view();
    if (v.exercise.phase === 'submit') break;
    expect((await fac.send({ type: 'phase.advance', expect: { turn: v.exercise.turn, phase: v.exercise.phase! } })).ok).toBe(true);
  }
  const drx = await fac.send({
    type: 'action.submit',
    as: 'DRX',
    actionType: 'military',
    title: 'Shadow',
    text: 'Shadow the ferries.',
    regions: ['grey-sound'],
    assets: ['drx-submarine'],
  });
  if (!drx.ok) throw new Error('the adversary action was refused');
  drxAction = `A${drx.seqs[0]}`;
  expect(fac.view().actions.map((a) => a.id)).toContain(drxAction);
  await brv.waitFor((v) => v.exercise.phase === 'submit');
});

const submit = (p: Player, asset: string) =>
  p.send({ type: 'action.submit', actionType: 'military', title: 'Probe', text: 'Probe.', regions: ['grey-sound'], assets: [asset] });
const refusal = (r: Reply) => (r.ok ? { ok: true } : { code: r.code, message: r.message, path: r.path });

describe('naming what a nation cannot see', () => {
  it('a hidden enemy asset is answered exactly as an asset that does not exist', async () => {
    const answers = await Promise.all(['drx-submarine', 'no-such-asset', 'arn-mpa', 'arn-fighters'].map((a) => submit(brv, a)));
    const [hidden, missing, othersHidden, othersVisible] = answers.map(refusal);
    expect(missing).toMatchObject({ code: 'not_your_asset', path: 'assets[0]' });
    expect(hidden).toEqual(missing);
    expect(othersHidden).toEqual(missing);
    expect(othersVisible).toEqual(missing);
  });

  it("another team's action is answered exactly as an action that does not exist", async () => {
    const [theirs, missing] = await Promise.all([drxAction, 'A999999'].map((action) => brv.send({ type: 'action.withdraw', action })));
    expect(refusal(missing!)).toMatchObject({ code: 'not_found', path: 'action' });
    expect(refusal(theirs!)).toEqual(refusal(missing!));
  });

  it('no frame reaching another nation or the public carries a hidden asset', () => {
    for (const p of [brv, observer]) {
      for (const id of ['drx-submarine', 'Vesna', 'arn-mpa', 'Arnholm Maritime Patrol Flight'])
        expect(containsBytes(p.frames, id), id).toBe(false);
    }
    expect(containsBytes(arn.frames, 'drx-submarine')).toBe(false);
    expect(containsBytes(fac.frames, 'drx-submarine')).toBe(true);
  });
});

describe("a nation's own hidden asset", () => {
  it('is in its picture, marked hidden, and it may commit it', async () => {
    expect(arn.view().assets.find((a) => a.id === 'arn-mpa')).toMatchObject({ owner: 'ARN', hidden: true });
    const r = await submit(arn, 'arn-mpa');
    expect(r.ok).toBe(true);
    const v = await arn.waitFor((view) => view.actions.some((a) => a.assets.includes('arn-mpa')));
    expect(v.actions.find((a) => a.assets.includes('arn-mpa'))?.status).toBe('submitted');
    for (const p of [brv, observer]) expect(containsBytes(p.frames, 'arn-mpa')).toBe(false);
  });
});
