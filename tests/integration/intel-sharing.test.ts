/**
 * Intelligence sharing played with real SDK clients against the real server, on a variant of
 * Harbour Watch whose reports carry canary words in their titles, texts and ground truth:
 *
 * - Cosmara's ORCON forensics report (REL TO Arnholm and Bravaria) reaches Arnholm by Cosmara's
 *   own share; Arnholm may not pass it on directly, so it asks Cosmara, which approves, and the
 *   report reaches Bravaria. Approving as anyone but the originator is refused, and nothing changes.
 * - Bravaria's cable report (REL TO Bravaria) goes to Arnholm as its tearline only: Arnholm reads
 *   the tearline and not one byte of the report. Bravaria widens it to Cosmara and shares it.
 * - Arnholm writes its own assessment and sends it to Bravaria.
 *
 * Every WebSocket frame each client receives is recorded; each canary reaches exactly the
 * audiences entitled to it, and never the public observer.
 */
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../shared/src/scenario/schema.ts';
import type { View } from '../../shared/src/views/index.ts';
import { SCENARIO_URL } from '../helpers/harness.ts';
import {
  accepted,
  advanceTo,
  containsBytes,
  createExerciseFrom,
  flush,
  refused,
  seatEveryone,
  stateAs,
  useServer,
  type Player,
  type Table,
} from './support.ts';

const live = useServer({ rate: { perSecond: 1000, burst: 1000 } });

const C = {
  r03Title: 'ZQINTELTITLETHREE',
  r03Body: 'ZQINTELBODYTHREE',
  r03Truth: 'ZQINTELTRUTHTHREE',
  r05Title: 'ZQINTELTITLEFIVE',
  r05Body: 'ZQINTELBODYFIVE',
  r05Truth: 'ZQINTELTRUTHFIVE',
  tearline: 'ZQINTELTEARLINEFIVE',
  shareNote: 'ZQINTELSHARENOTE',
  requestReason: 'ZQINTELREQUESTREASON',
  approveNote: 'ZQINTELAPPROVENOTE',
  widenNote: 'ZQINTELWIDENNOTE',
  assessTitle: 'ZQINTELASSESSTITLE',
  assessBody: 'ZQINTELASSESSBODY',
} as const;
type Canary = keyof typeof C;
const ALL = Object.keys(C) as Canary[];

async function variant(): Promise<ScenarioInput> {
  const s = JSON.parse(await readFile(SCENARIO_URL, 'utf8')) as ScenarioInput;
  for (const r of s.intel) {
    if (r.id === 'hw-int-03') {
      r.title = `Port forensics ${C.r03Title}`;
      r.body = `(C) The intrusion used a maintenance account. ${C.r03Body}`;
      r.groundTruth = `Real Directorate operation ${C.r03Truth}`;
      r.controls = { relTo: ['ARN', 'BRV'], noforn: false, orcon: true };
    }
    if (r.id === 'hw-int-05') {
      r.title = `Cable survey ${C.r05Title}`;
      r.body = `A survey ship over the cable, seen by a sensitive sensor. ${C.r05Body}`;
      r.groundTruth = `Mapping the cable for sabotage ${C.r05Truth}`;
      r.releaseTurn = 1;
      r.controls = { relTo: [], noforn: false, orcon: false };
      r.tearline = {
        classification: 'RESTRICTED',
        controls: { relTo: ['ARN', 'BRV', 'CSM'], noforn: false, orcon: false },
        body: `A Drexan survey ship loitered over the cable. ${C.tearline}`,
      };
    }
  }
  return s;
}

let t: Table;
let ARN: Player;
let BRV: Player;
let CSM: Player;
let request = '';

const seen = (p: Player, keys: readonly Canary[] = ALL) => keys.filter((k) => containsBytes(p.frames, C[k]));
const entry = (v: View, id: string) => v.intel.find((x) => x.id === id);
/** Control's picture: its seq unchanged means a refusal changed nothing. */
const controlSeq = async () => (await stateAs(live.url, t.control.joined.token, t.ex.id)).seq;

/** A refusal leaves the log, and every client's picture, as they were. */
async function changesNothing(send: () => Promise<unknown>): Promise<void> {
  await flush(...t.audiences.map(([, p]) => p), t.control);
  const before = await controlSeq();
  const views = t.audiences.map(([, p]) => JSON.stringify(p.view()));
  await send();
  await flush(...t.audiences.map(([, p]) => p), t.control);
  expect(await controlSeq()).toBe(before);
  expect(t.audiences.map(([, p]) => JSON.stringify(p.view()))).toEqual(views);
}

beforeAll(async () => {
  t = await seatEveryone(live.url, await createExerciseFrom(live.url, await variant(), 17), ['ARN', 'BRV', 'CSM']);
  ({ ARN, BRV, CSM } = t.nations as Record<'ARN' | 'BRV' | 'CSM', Player>);
  await accepted(t.control, { type: 'exercise.start' });
  await advanceTo(t.control, 1, 'consult');
}, 30_000);

describe('an ORCON report: request, approval, release', () => {
  it('at release a report reaches its originator only; the originator shares it within REL TO', async () => {
    await CSM.waitFor((v) => entry(v, 'hw-int-03') !== undefined);
    expect(entry(ARN.view(), 'hw-int-03')).toBeUndefined();
    await accepted(CSM, { type: 'intel.share', intel: 'hw-int-03', to: ['ARN'], note: `For your CERT ${C.shareNote}` });
    const v = await ARN.waitFor((x) => entry(x, 'hw-int-03') !== undefined);
    expect(entry(v, 'hw-int-03')).toMatchObject({ part: 'full', originator: 'CSM' });
    expect(v.intelShares.find((s) => s.report === 'hw-int-03')).toMatchObject({ from: 'CSM', to: ['ARN'], basis: 'rel_to' });
  });

  it('Arnholm may not pass an ORCON report on; it asks Cosmara', async () => {
    const r = await refused(ARN, { type: 'intel.share', intel: 'hw-int-03', to: ['BRV'] }, 'orcon');
    expect(r.message).toMatch(/ORCON/);
    await accepted(ARN, { type: 'intel.request', intel: 'hw-int-03', to: ['BRV'], reason: `Bravaria runs the port ${C.requestReason}` });
    const v = await CSM.waitFor((x) => x.intelRequests.some((q) => q.report === 'hw-int-03' && q.status === 'pending'));
    request = v.intelRequests.find((q) => q.report === 'hw-int-03')!.id;
    expect(ARN.view().intelRequests.map((q) => q.id)).toContain(request);
    expect(BRV.view().intelRequests).toEqual([]);
  });

  it('only the originator may answer: the requester is told so, a third nation hears of no such request', async () => {
    await changesNothing(() => refused(ARN, { type: 'intel.approve', request }, 'not_originator'));
    const unknown = await refused(BRV, { type: 'intel.approve', request: 'Q-nope' }, 'not_found');
    let third: { message: string; path?: string } = { message: '' };
    await changesNothing(async () => (third = await refused(BRV, { type: 'intel.approve', request }, 'not_found')));
    expect([third.message, third.path]).toEqual([unknown.message, unknown.path]);
  });

  it('Cosmara approves: the report reaches Bravaria, on the basis of the approval', async () => {
    await accepted(CSM, { type: 'intel.approve', request, note: `Port authority only ${C.approveNote}` });
    const v = await BRV.waitFor((x) => entry(x, 'hw-int-03') !== undefined);
    expect(entry(v, 'hw-int-03')).toMatchObject({ part: 'full', originator: 'CSM' });
    expect(v.intelShares.find((s) => s.report === 'hw-int-03' && s.to.includes('BRV'))).toMatchObject({
      basis: 'orcon_approval',
      request,
    });
    await ARN.waitFor((x) => x.intelRequests.find((q) => q.id === request)?.status === 'approved');
  });
});

describe('a tearline to a nation outside REL TO', () => {
  it('Arnholm may not have the report, but may have its tearline: it reads the tearline and not one byte of the report', async () => {
    await changesNothing(() => refused(BRV, { type: 'intel.share', intel: 'hw-int-05', to: ['ARN'] }, 'not_releasable'));
    await accepted(BRV, { type: 'intel.release_tearline', intel: 'hw-int-05', to: ['ARN'] });
    const v = await ARN.waitFor((x) => entry(x, 'hw-int-05') !== undefined);
    const e = entry(v, 'hw-int-05')!;
    expect(e.part).toBe('tearline');
    expect(JSON.stringify(e)).toContain(C.tearline);
    await flush(ARN);
    expect(seen(ARN, ['r05Title', 'r05Body', 'r05Truth'])).toEqual([]);
    expect(containsBytes(ARN.frames, 'sensitive sensor')).toBe(false);
  });

  it('Bravaria widens the report to Cosmara, then shares it in full', async () => {
    await changesNothing(() => refused(ARN, { type: 'intel.widen', intel: 'hw-int-05', relTo: ['ARN'] }, 'not_found'));
    await accepted(BRV, { type: 'intel.widen', intel: 'hw-int-05', relTo: ['CSM'], note: `Cosmara patrols it ${C.widenNote}` });
    await accepted(BRV, { type: 'intel.share', intel: 'hw-int-05', to: ['CSM'] });
    const v = await CSM.waitFor((x) => entry(x, 'hw-int-05')?.part === 'full');
    expect(JSON.stringify(entry(v, 'hw-int-05'))).toContain(C.r05Body);
    expect(entry(ARN.view(), 'hw-int-05')?.part).toBe('tearline');
  });
});

describe('an assessment, and what may not be shared', () => {
  it('Arnholm sends its own assessment to Bravaria; Cosmara never reads it', async () => {
    await accepted(ARN, {
      type: 'intel.assess',
      title: `Arnholm assessment ${C.assessTitle}`,
      classification: 'SECRET',
      controls: { relTo: ['BRV'], noforn: false, orcon: false },
      body: `The intrusion and the survey ship are one campaign. ${C.assessBody}`,
      cites: ['hw-int-03'],
      to: ['BRV'],
    });
    const v = await BRV.waitFor((x) => x.intel.some((e) => e.originator === 'ARN' && JSON.stringify(e).includes(C.assessBody)));
    expect(v.intel.filter((e) => e.originator === 'ARN').length).toBeGreaterThan(0);
  });

  it('a report one does not hold is answered as an unknown id; NOFORN is never shared; nothing changes', async () => {
    const unknown = await refused(CSM, { type: 'intel.share', intel: 'hw-nope', to: ['ARN'] }, 'not_found');
    let notHeld: { message: string; path?: string } = { message: '' };
    await changesNothing(async () => (notHeld = await refused(CSM, { type: 'intel.share', intel: 'hw-int-02', to: ['ARN'] }, 'not_found')));
    expect([notHeld.message, notHeld.path]).toEqual([unknown.message, unknown.path]);
    await changesNothing(() => refused(BRV, { type: 'intel.share', intel: 'hw-int-02', to: ['ARN'] }, 'noforn'));
    await changesNothing(() => refused(ARN, { type: 'intel.share', intel: 'hw-int-01', to: ['ARN'] }, 'unknown_nation'));
  });
});

describe('raw frames', () => {
  it('each canary reaches exactly the audiences entitled to it; the observer none', async () => {
    await flush(...t.audiences.map(([, p]) => p), t.control);
    // Control reads everything, so each canary is there to be found.
    expect(seen(t.control)).toEqual(ALL);
    expect(seen(t.observer)).toEqual([]);
    // Ground truth reaches no nation.
    for (const p of [ARN, BRV, CSM]) expect(seen(p, ['r03Truth', 'r05Truth'])).toEqual([]);
    // Arnholm: the forensics report (shared to it), its request and the answer, the tearline, its own assessment.
    expect(seen(ARN)).toEqual([
      'r03Title',
      'r03Body',
      'tearline',
      'shareNote',
      'requestReason',
      'approveNote',
      'assessTitle',
      'assessBody',
    ]);
    // Bravaria: the forensics report by approval (not Cosmara's note to Arnholm, nor Arnholm's
    // reason), its own report, and the assessment sent to it.
    expect(seen(BRV)).toEqual([
      'r03Title',
      'r03Body',
      'r05Title',
      'r05Body',
      'tearline',
      'approveNote',
      'widenNote',
      'assessTitle',
      'assessBody',
    ]);
    // Cosmara: its own report and every dissemination of it, the cable report shared to it, never the assessment.
    expect(seen(CSM)).toEqual(['r03Title', 'r03Body', 'r05Title', 'r05Body', 'tearline', 'shareNote', 'requestReason', 'approveNote']);
  });
});
