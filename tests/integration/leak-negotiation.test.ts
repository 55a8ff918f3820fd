/**
 * The raw-frame leak test for negotiation, by the method of leak.test.ts: every WebSocket frame
 * each client receives is recorded, and searched for canaries, distinctive words planted in
 * every part of a draft between Arnholm and Bravaria (titles, texts, clause titles and texts,
 * amendment notes, reservations, the reason silence was broken, a rejection's reason). No frame
 * reaching Cosmara (not a party) or the public may carry one while the agreement is a draft.
 * Once it is in force and published they read the text in force, and still never an earlier
 * version, a note or a reason. And a consultation that cites a report one member does not hold
 * never sends that member the report's id or title. Positive checks prove the recording sees
 * each canary where it is allowed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { View } from '../../shared/src/views/index.ts';
import {
  accepted,
  advanceTo,
  containsBytes,
  createExercise,
  flush,
  seatEveryone,
  stateAs,
  useServer,
  type Player,
  type Table,
} from './support.ts';

const live = useServer({ rate: { perSecond: 1000, burst: 1000 } });

/** Canaries: single words (no punctuation, so a word diff never splits one), none inside another. */
const C = {
  v1Title: 'ZQCANARYVONETITLE',
  v1Text: 'ZQCANARYVONETEXT',
  v1ClauseTitle: 'ZQCANARYVONECLAUSETITLE',
  v1ClauseText: 'ZQCANARYVONECLAUSEBODY',
  v1Reservation: 'ZQCANARYVONERESERVATION',
  breakReason: 'ZQCANARYBREAKREASON',
  v2Title: 'ZQCANARYVTWOTITLE',
  v2Text: 'ZQCANARYVTWOTEXT',
  v2ClauseTitle: 'ZQCANARYVTWOCLAUSETITLE',
  v2ClauseText: 'ZQCANARYVTWOCLAUSEBODY',
  v2Note: 'ZQCANARYVTWONOTE',
  v2Reservation: 'ZQCANARYVTWORESERVATION',
  rejectedTitle: 'ZQCANARYREJECTEDTITLE',
  rejectedText: 'ZQCANARYREJECTEDTEXT',
  rejectionReason: 'ZQCANARYREJECTIONREASON',
  grounds: 'ZQCANARYGROUNDS',
} as const;
type Canary = keyof typeof C;

/** What a non-party reads once the agreement is published: the text in force and its signature. */
const IN_FORCE: readonly Canary[] = ['v2Title', 'v2Text', 'v2ClauseTitle', 'v2ClauseText', 'v2Reservation'];
const DRAFT: readonly Canary[] = (Object.keys(C) as Canary[]).filter((k) => k !== 'grounds');
const NEVER_PUBLIC: readonly Canary[] = DRAFT.filter((k) => !IN_FORCE.includes(k));

const REPORT_01 = { id: 'hw-int-01', title: 'Submarine contact near the Drex March', marker: 'MARKER-HW-INT-01' }; // ARN's, REL TO BRV
const REPORT_03 = { id: 'hw-int-03', title: 'Forensics of the port systems intrusion', marker: 'MARKER-HW-INT-03' }; // CSM's, REL TO ARN

let t: Table;
let ARN: Player;
let BRV: Player;
let CSM: Player;
let observer: Player;
/** How many frames each client had received just before the agreement was published. */
const beforePublication = new Map<Player, number>();
let consultation = '';

const framesOf = (p: Player, upTo?: number) => (upTo === undefined ? p.frames : p.frames.slice(0, upTo));
const seen = (p: Player, keys: readonly Canary[], upTo?: number) => keys.filter((k) => containsBytes(framesOf(p, upTo), C[k]));

beforeAll(async () => {
  t = await seatEveryone(live.url, await createExercise(live.url, 'harbour-watch', 21), ['ARN', 'BRV', 'CSM']);
  ({ ARN, BRV, CSM } = t.nations as Record<'ARN' | 'BRV' | 'CSM', Player>);
  observer = t.observer;
  await accepted(t.control, { type: 'exercise.start' });
  await t.control.waitFor((v) => v.exercise.status === 'running');

  // In the brief: a draft under silence (until the end of this turn's consultation phase).
  await accepted(ARN, {
    type: 'agreement.propose',
    title: `Accord ${C.v1Title}`,
    text: `Preamble ${C.v1Text}`,
    parties: ['BRV'],
    clauses: [{ type: 'basing_access', title: `Access ${C.v1ClauseTitle}`, text: `Ports ${C.v1ClauseText}` }],
    rule: 'silence',
  });
  const draft = (v: View) => v.agreements.find((a) => a.title.includes(C.v1Title) || a.title.includes(C.v2Title));
  const id = draft(await BRV.waitFor((v) => draft(v) !== undefined))!.id;
  await accepted(ARN, { type: 'agreement.sign', agreement: id, version: 1, reservations: `Subject to ${C.v1Reservation}` });
  await accepted(BRV, { type: 'agreement.silence.break', agreement: id, version: 1, reason: `Because ${C.breakReason}` });
  await accepted(BRV, {
    type: 'agreement.amend',
    agreement: id,
    version: 1,
    title: `Accord ${C.v2Title}`,
    text: `Preamble ${C.v2Text}`,
    clauses: [{ type: 'basing_access', title: `Access ${C.v2ClauseTitle}`, text: `Ports ${C.v2ClauseText}` }],
    note: `Why ${C.v2Note}`,
  });
  await accepted(ARN, { type: 'agreement.sign', agreement: id, version: 2, reservations: `Subject to ${C.v2Reservation}` });

  // A second draft, vetoed: it never goes further than its two parties.
  await accepted(BRV, {
    type: 'agreement.propose',
    title: `Pact ${C.rejectedTitle}`,
    text: `Terms ${C.rejectedText}`,
    parties: ['ARN'],
    clauses: [{ type: 'mutual_aid', title: 'Aid', text: 'Aid on request.' }],
    rule: 'consensus',
  });
  const pact = (v: View) => v.agreements.find((a) => a.title.includes(C.rejectedTitle));
  const pactId = pact(await ARN.waitFor((v) => pact(v) !== undefined))!.id;
  await accepted(ARN, { type: 'agreement.reject', agreement: pactId, version: 1, reason: `No: ${C.rejectionReason}` });

  // Control moves past the consultation phase: the clock fires the silence deadline, adopting version 2.
  await advanceTo(t.control, 1, 'submit');
  await ARN.waitFor((v) => draft(v)?.status === 'in_force');
  await flush(...t.audiences.map(([, p]) => p), t.control);
  for (const [, p] of t.audiences) beforePublication.set(p, p.frames.length);

  await accepted(ARN, { type: 'agreement.publish', agreement: id });
  await Promise.all([CSM, observer].map((p) => p.waitFor((v) => draft(v)?.access === 'public')));

  // A consultation citing two reports: Bravaria does not hold Cosmara's, Cosmara does not hold Arnholm's.
  // Each originator first shares its report within its REL TO: Arnholm's with Bravaria, Cosmara's with Arnholm.
  await accepted(ARN, { type: 'intel.share', intel: REPORT_01.id, to: ['BRV'] });
  await accepted(CSM, { type: 'intel.share', intel: REPORT_03.id, to: ['ARN'] });
  await accepted(ARN, {
    type: 'treaty.invoke',
    treaty: 'harbour-compact',
    clause: 'hc-art2',
    grounds: `Threatened: ${C.grounds}`,
    cites: [
      { kind: 'report', id: REPORT_01.id },
      { kind: 'report', id: REPORT_03.id },
    ],
  });
  const [v] = await Promise.all([ARN, BRV, CSM].map((p) => p.waitFor((v) => v.consultations.length === 1)));
  consultation = v!.consultations[0]!.id;
  await flush(...t.audiences.map(([, p]) => p), t.control);
}, 30_000);

describe('raw frames of a negotiation', () => {
  it('the canaries are distinct words', () => {
    const words = Object.values(C);
    for (const a of words) for (const b of words) if (a !== b) expect(a.includes(b), `${b} inside ${a}`).toBe(false);
  });

  it('the parties and exercise control received every part of both drafts', () => {
    for (const p of [ARN, BRV, t.control]) expect(seen(p, DRAFT)).toEqual(DRAFT);
  });

  it('while the agreement was a draft, no frame reaching the third nation or the public carried a byte of it', () => {
    for (const p of [CSM, observer]) {
      const upTo = beforePublication.get(p)!;
      expect(upTo).toBeGreaterThan(5);
      expect(seen(p, DRAFT, upTo)).toEqual([]);
    }
  });

  it('once published, they read the text in force and its signature, never an earlier version, a note or a reason', () => {
    for (const p of [CSM, observer]) {
      expect(p.frames.length).toBeGreaterThan(beforePublication.get(p)!);
      expect(seen(p, IN_FORCE)).toEqual(IN_FORCE);
      expect(seen(p, NEVER_PUBLIC)).toEqual([]);
    }
    // What the client holds says the same.
    for (const p of [CSM, observer]) {
      const [a] = p.view().agreements;
      expect(p.view().agreements).toHaveLength(1);
      expect(a).toMatchObject({ access: 'public', status: 'in_force', parties: ['ARN', 'BRV'], current: 2 });
      expect(a!.versions).toHaveLength(1);
    }
  });

  it('a consultation reaches its members only, and a cited report only those who hold it', () => {
    // Every member reads the invocation; the public none of it.
    for (const p of [ARN, BRV, CSM]) expect(containsBytes(p.frames, C.grounds)).toBe(true);
    expect(containsBytes(observer.frames, C.grounds)).toBe(false);
    expect(observer.view().consultations).toEqual([]);

    const cites = (p: Player) => p.view().consultations.find((c) => c.id === consultation)!.cites;
    expect(cites(ARN)).toEqual([
      { kind: 'report', id: REPORT_01.id, held: true },
      { kind: 'report', id: REPORT_03.id, held: true },
    ]);
    expect(cites(BRV)).toEqual([
      { kind: 'report', id: REPORT_01.id, held: true },
      { kind: 'report', id: null, held: false },
    ]);
    expect(cites(CSM)).toEqual([
      { kind: 'report', id: null, held: false },
      { kind: 'report', id: REPORT_03.id, held: true },
    ]);
    const received = (p: Player, r: typeof REPORT_01) => [r.id, r.title, r.marker].map((s) => containsBytes(p.frames, s));
    expect(received(BRV, REPORT_03)).toEqual([false, false, false]);
    expect(received(CSM, REPORT_01)).toEqual([false, false, false]);
    expect(received(observer, REPORT_01)).toEqual([false, false, false]);
    expect(received(observer, REPORT_03)).toEqual([false, false, false]);
    // The holders did receive them, so these checks can fail.
    expect(received(BRV, REPORT_01)).toEqual([true, true, true]);
    expect(received(CSM, REPORT_03)).toEqual([true, true, true]);
  });

  it('each client holds exactly the picture the server shows its audience', async () => {
    for (const [label, p] of t.audiences) {
      const shown = await stateAs(live.url, t.control.joined.token, t.ex.id, label);
      expect(p.mirror.seq, label).toBe(shown.seq);
      expect(JSON.parse(JSON.stringify(p.view())), label).toEqual(shown.view);
    }
  });
});
