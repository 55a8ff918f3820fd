/**
 * Negotiation and treaties played end to end: the real server over a SQLite file in a temporary
 * folder, one real @colyseus/sdk client per seat (exercise control, each nation, an observer),
 * and every check read from what a client received (its mirrored view), not from the server's
 * state. Flows: a multilateral agreement amended twice and signed by all whose basing clause
 * opens an ally's region; a veto; a silence broken and one adopted when the host's own timer fires
 * the deadline; collective defence from an attack to activation and a deployment on that basis;
 * consultations declined; bad input that changes nothing; persona and control threads; and the
 * replay of the stored log, which shows each nation at every point the negotiation it saw then.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { View } from '../../shared/src/views/index.ts';
import { nationAudience, PUBLIC, type Audience } from '../../shared/src/views/index.ts';
import type { CommandDraft } from '../../shared/src/protocol/index.ts';
import type { Scenario } from '../../shared/src/scenario/index.ts';
import { loadHarbourWatch } from '../helpers/harness.ts';
import {
  accepted,
  advanceTo,
  createExercise,
  createExerciseFrom,
  flush,
  lastSeq,
  refused,
  replayOf,
  seatEveryone,
  snapshot,
  stateAs,
  useServer,
  type Player,
  type Table,
} from './support.ts';

/**
 * The server's clock runs `skew` ms ahead of the wall clock. A test moves it forward to bring a
 * deadline close; the host's timer (real setTimeout) then fires it by itself.
 */
let skew = 0;
const live = useServer({ rate: { perSecond: 1000, burst: 1000 }, now: () => Date.now() + skew });

const NATIONS = ['ARN', 'BRV', 'CSM'] as const;
type Agreement = View['agreements'][number];
type Consultation = View['consultations'][number];

const basing = {
  type: 'basing_access',
  title: 'Ports and airfields',
  text: 'Each party opens its ports and airfields to the forces of the others.',
} as const;

const agreementOf = (v: View, title: string): Agreement | undefined => v.agreements.find((a) => a.title === title);
const consultationOf = (v: View, id: string): Consultation | undefined => v.consultations.find((c) => c.id === id);
const plain = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/** Wait until every one of these clients' views satisfies the condition. */
const everyone = (players: readonly Player[], pred: (v: View) => boolean) => Promise.all(players.map((p) => p.waitFor(pred)));

/** Open a table on a new exercise of harbour-watch (or a variant), started. */
async function table(seed: number, scenario?: Scenario): Promise<Table> {
  const ex = scenario ? await createExerciseFrom(live.url, scenario, seed) : await createExercise(live.url, 'harbour-watch', seed);
  const t = await seatEveryone(live.url, ex, NATIONS);
  await accepted(t.control, { type: 'exercise.start' });
  await t.control.waitFor((v) => v.exercise.status === 'running');
  return t;
}

/** Propose an agreement and return its id, once every party's client shows it. */
async function propose(t: Table, from: string, draft: Omit<Extract<CommandDraft, { type: 'agreement.propose' }>, 'type'>): Promise<string> {
  await accepted(t.nations[from]!, { type: 'agreement.propose', ...draft });
  const parties = [from, ...draft.parties].map((n) => t.nations[n]!);
  const [v] = await everyone(parties, (v) => agreementOf(v, draft.title) !== undefined);
  return agreementOf(v!, draft.title)!.id;
}

/**
 * Run a refused command and check it changed nothing: the server's state (control's picture and
 * its seq) and every client's mirrored view are as before.
 */
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

/** Every agreements list a client received, with the seq it was projected at. */
type History = Array<{ seq: number; agreements: Agreement[] }>;
function record(p: Player): History {
  const history: History = [{ seq: p.mirror.seq, agreements: structuredClone(p.view().agreements) }];
  p.mirror.onChange((v, seq) => history.push({ seq, agreements: structuredClone(v.agreements) }));
  return history;
}

describe('a multilateral agreement, a veto, publication and withdrawal', () => {
  let t: Table;
  const histories = new Map<string, History>();
  /** Pictures captured at chosen moments: each audience's mirrored view, and the seq it stood at. */
  const moments = new Map<string, { seq: number; views: Map<string, View> }>();
  const ids = new Map<string, string>();

  async function capture(name: string, seq: number): Promise<void> {
    await flush(...t.audiences.map(([, p]) => p));
    moments.set(name, { seq, views: new Map(t.audiences.map(([label, p]) => [label, snapshot(p)])) });
  }

  beforeAll(async () => {
    t = await table(11);
    for (const [label, p] of t.audiences) histories.set(label, record(p));
    await advanceTo(t.control, 1, 'consult');
  });

  it('is drafted, amended twice by different parties, signed by all and in force; its basing clause then lets an asset into an ally', async () => {
    const { ARN, BRV, CSM } = t.nations as Record<(typeof NATIONS)[number], Player>;
    const parties = [ARN, BRV, CSM];
    const id = await propose(t, 'ARN', {
      title: 'Grey Sound accord',
      text: 'The parties will act together in the Grey Sound.',
      parties: ['BRV', 'CSM'],
      clauses: [basing],
      rule: 'consensus',
    });
    ids.set('accord', id);
    await accepted(BRV, { type: 'agreement.sign', agreement: id, version: 1 });
    await accepted(CSM, {
      type: 'agreement.amend',
      agreement: id,
      version: 1,
      text: 'Concerned by the drills, the parties will act together in the Grey Sound.',
      note: 'A preamble on why',
    });
    // The amendment superseded version 1, and Bravaria's signature with it.
    await refused(BRV, { type: 'agreement.sign', agreement: id, version: 1 }, 'superseded');
    await accepted(BRV, {
      type: 'agreement.amend',
      agreement: id,
      version: 2,
      clauses: [basing, { type: 'consultation', title: 'Weekly consultations', text: 'The parties consult every week.' }],
      note: 'Consult weekly as well',
    });
    await accepted(ARN, { type: 'agreement.sign', agreement: id, version: 3 });
    await refused(ARN, { type: 'agreement.sign', agreement: id, version: 3 }, 'already_signed');

    // Version 3 waits for two signatures: the agreement is not in force, so Bravaria is closed.
    await advanceTo(t.control, 1, 'submit');
    const [pending] = await everyone(parties, (v) => agreementOf(v, 'Grey Sound accord')?.current === 3);
    expect(agreementOf(pending!, 'Grey Sound accord')).toMatchObject({ status: 'negotiating', bound: [] });
    await changesNothing(t, async () => {
      const r = await refused(ARN, { type: 'asset.deploy', asset: 'arn-fighters', region: 'bravaria' }, 'no_access');
      expect(r.path).toBe('region');
    });

    await accepted(BRV, { type: 'agreement.sign', agreement: id, version: 3, reservations: 'Subject to approval by parliament.' });
    await accepted(CSM, { type: 'agreement.sign', agreement: id, version: 3 });
    const views = await everyone([...parties, t.control], (v) => agreementOf(v, 'Grey Sound accord')?.status === 'in_force');

    // Every party's client and control's received the whole negotiation, the same for each.
    const seen = views.map((v) => plain(agreementOf(v, 'Grey Sound accord')!));
    for (const a of seen.slice(1)) expect(a).toEqual(seen[0]);
    const a = seen[0]!;
    expect(a).toMatchObject({
      id,
      access: 'party',
      proposer: 'ARN',
      rule: 'consensus',
      status: 'in_force',
      parties: ['ARN', 'BRV', 'CSM'],
      bound: ['ARN', 'BRV', 'CSM'],
      current: 3,
      inForce: { version: 3 },
      deadline: null,
    });
    expect(a.versions.map((v) => [v.number, v.author.nation, v.note])).toEqual([
      [1, 'ARN', ''],
      [2, 'CSM', 'A preamble on why'],
      [3, 'BRV', 'Consult weekly as well'],
    ]);
    expect(a.versions[0]!.changes).toBeNull();
    const textDiff = a.versions[1]!.changes?.text ?? [];
    expect(
      textDiff
        .filter((p) => p.added)
        .map((p) => p.value)
        .join(''),
    ).toContain('Concerned by the drills');
    expect(
      textDiff
        .filter((p) => !p.added && !p.removed)
        .map((p) => p.value)
        .join(''),
    ).toContain('will act together in the Grey Sound.');
    expect(a.versions[1]!.changes?.clauses).toEqual([]);
    expect(a.versions[2]!.changes).toMatchObject({
      title: null,
      text: null,
      clauses: [{ index: 1, change: 'added', type: 'consultation', title: 'Weekly consultations', parts: null }],
    });
    // Bravaria's signature of version 1 stays on version 1; version 3 carries all three.
    expect(Object.keys(a.versions[0]!.ballot.votes)).toEqual(['BRV']);
    expect(a.versions[2]!.ballot.votes).toMatchObject({
      ARN: { stance: 'support', reservations: '' },
      BRV: { stance: 'support', reservations: 'Subject to approval by parliament.' },
      CSM: { stance: 'support' },
    });
    expect(a.settlements).toMatchObject([{ version: 3, outcome: 'in_force', reason: 'Consensus: no party objected.' }]);
    // A draft is not public: the observer has no agreement at all.
    await flush(t.observer);
    expect(t.observer.view().agreements).toEqual([]);

    // Now the basing clause opens Bravaria to Arnholm's forces.
    await accepted(ARN, { type: 'asset.deploy', asset: 'arn-fighters', region: 'bravaria', note: 'Forward to Bravaria' });
    const basis = { kind: 'agreement', agreement: id };
    const arn = await ARN.waitFor((v) => v.deployments.length === 1);
    expect(arn.deployments).toMatchObject([{ asset: 'arn-fighters', nation: 'ARN', from: 'arnholm', to: 'bravaria', basis }]);
    expect(arn.assets.find((x) => x.id === 'arn-fighters')?.region).toBe('bravaria');
    expect(arn.access).toContainEqual({ user: 'ARN', host: 'BRV', basis });
    // The host sees the asset arrive and the right it granted, not Arnholm's deployment log.
    const brv = await BRV.waitFor((v) => v.assets.find((x) => x.id === 'arn-fighters')?.region === 'bravaria');
    expect(brv.access).toContainEqual({ user: 'ARN', host: 'BRV', basis });
    expect(brv.deployments).toEqual([]);
    expect(t.observer.view().access).toEqual([]);
  });

  it('a veto under consensus rejects it for every party; it can no longer be signed', async () => {
    const { ARN, BRV, CSM } = t.nations as Record<(typeof NATIONS)[number], Player>;
    const id = await propose(t, 'ARN', {
      title: 'Joint patrol accord',
      parties: ['BRV', 'CSM'],
      clauses: [{ type: 'mutual_aid', title: 'Joint patrols', text: 'The parties patrol the Sound together.' }],
      rule: 'consensus',
    });
    await accepted(BRV, { type: 'agreement.sign', agreement: id, version: 1 });
    await accepted(CSM, { type: 'agreement.reject', agreement: id, version: 1, reason: 'Our navy cannot spare the ships.' });
    const views = await everyone([ARN, BRV, CSM], (v) => agreementOf(v, 'Joint patrol accord')?.status === 'rejected');
    for (const v of views) {
      const a = agreementOf(v, 'Joint patrol accord')!;
      expect(a.settlements).toMatchObject([{ version: 1, outcome: 'rejected', reason: 'Vetoed by CSM.' }]);
      expect(a.versions[0]!.ballot.votes).toMatchObject({
        BRV: { stance: 'support' },
        CSM: { stance: 'oppose', statement: 'Our navy cannot spare the ships.' },
      });
      expect(a.versions[0]!.closed).toEqual({ result: 'declined', reason: 'Vetoed by CSM.' });
      expect(a.bound).toEqual([]);
    }
    await changesNothing(t, () => refused(ARN, { type: 'agreement.sign', agreement: id, version: 1 }, 'closed'));
    await changesNothing(t, () => refused(ARN, { type: 'agreement.amend', agreement: id, version: 1, title: 'Try again' }, 'closed'));
  });

  it('a bilateral agreement, published once in force; a party withdraws from another, which goes on without it', async () => {
    const { ARN, BRV, CSM } = t.nations as Record<(typeof NATIONS)[number], Player>;
    // X: Arnholm and Bravaria only. Cosmara is not a party.
    const x = await propose(t, 'ARN', {
      title: 'Northern sea protocol',
      text: 'Draft text: shared patrol boxes north of the Sound.',
      parties: ['BRV'],
      clauses: [{ type: 'intel_sharing', title: 'Contact reports', text: 'Contacts are shared within the hour.', upTo: 'SECRET' }],
      rule: 'consensus',
    });
    ids.set('x', x);
    await accepted(BRV, {
      type: 'agreement.amend',
      agreement: x,
      version: 1,
      text: 'Agreed text: shared patrol boxes north and east of the Sound.',
      note: 'Bravaria patrols the east too',
    });
    await accepted(ARN, { type: 'agreement.sign', agreement: x, version: 2 });
    const signed = await accepted(BRV, { type: 'agreement.sign', agreement: x, version: 2, reservations: 'Peacetime only.' });
    await everyone([ARN, BRV], (v) => agreementOf(v, 'Northern sea protocol')?.status === 'in_force');
    await capture('before publication', lastSeq(signed));
    const published = await accepted(ARN, { type: 'agreement.publish', agreement: x });
    await everyone([CSM, t.observer], (v) => v.agreements.some((a) => a.id === x));
    await capture('after publication', lastSeq(published));

    // Y: all three; Cosmara amends, then withdraws; the other two amend again and sign.
    const y = await propose(t, 'ARN', {
      title: 'Harbour logistics pact',
      text: 'Fuel and repairs for each other’s ships.',
      parties: ['BRV', 'CSM'],
      clauses: [{ type: 'mutual_aid', title: 'Fuel and repairs', text: 'At cost.' }],
      rule: 'majority',
    });
    ids.set('y', y);
    const amended = await accepted(CSM, {
      type: 'agreement.amend',
      agreement: y,
      version: 1,
      clauses: [{ type: 'mutual_aid', title: 'Fuel and repairs', text: 'Free of charge in a crisis.' }],
      note: 'No charge in a crisis',
    });
    await everyone([ARN, BRV, CSM], (v) => agreementOf(v, 'Harbour logistics pact')?.current === 2);
    await capture('before withdrawal', lastSeq(amended));
    await accepted(CSM, { type: 'agreement.withdraw', agreement: y, reason: 'Cosmara cannot commit its dockyards.' });
    await accepted(ARN, {
      type: 'agreement.amend',
      agreement: y,
      version: 2,
      text: 'Fuel and repairs for each other’s ships, between Arnholm and Bravaria.',
      note: 'Without Cosmara',
    });
    await accepted(ARN, { type: 'agreement.sign', agreement: y, version: 3 });
    const last = await accepted(BRV, { type: 'agreement.sign', agreement: y, version: 3 });
    await everyone([ARN, BRV], (v) => agreementOf(v, 'Harbour logistics pact')?.status === 'in_force');
    await capture('end', lastSeq(last));

    // What the former party's client holds: the pact as it stood when Cosmara left.
    const csm = CSM.view();
    const pact = agreementOf(csm, 'Harbour logistics pact')!;
    expect(pact).toMatchObject({ access: 'former', status: 'negotiating', current: 2, bound: [], inForce: null });
    expect(pact.versions.map((v) => v.number)).toEqual([1, 2]);
    expect(pact.withdrawn).toMatchObject([{ nation: 'CSM', reason: 'Cosmara cannot commit its dockyards.' }]);
    expect(JSON.stringify(pact)).not.toContain('Without Cosmara');
    expect(JSON.stringify(pact)).not.toContain('between Arnholm and Bravaria');
    // Withdrawn, it can no longer act on it; what it hears says only that.
    await changesNothing(t, () => refused(CSM, { type: 'agreement.sign', agreement: y, version: 3 }, 'not_party'));

    // Z: Cosmara leaves first; what Bravaria does after (leaving too, which abandons it) never reaches Cosmara.
    const z = await propose(t, 'ARN', {
      title: 'Cable repair pact',
      parties: ['BRV', 'CSM'],
      clauses: [{ type: 'mutual_aid', title: 'Cable ships', text: 'Cable ships are lent on request.' }],
      rule: 'consensus',
    });
    await accepted(CSM, { type: 'agreement.withdraw', agreement: z, reason: 'No cable ships to lend.' });
    const left = await CSM.waitFor((v) => agreementOf(v, 'Cable repair pact')?.access === 'former');
    const asLeft = plain(agreementOf(left, 'Cable repair pact')!);
    expect(asLeft.versions[0]!.ballot.voters).toEqual(['ARN', 'BRV', 'CSM']);
    await accepted(BRV, { type: 'agreement.withdraw', agreement: z, reason: 'Nor do we.' });
    await ARN.waitFor((v) => agreementOf(v, 'Cable repair pact')?.status === 'abandoned');
    await flush(CSM);
    expect(plain(agreementOf(CSM.view(), 'Cable repair pact'))).toEqual(asLeft);
  });

  it('a former party does not learn what happens after it left an agreement in force during an open motion', async () => {
    const { ARN, BRV, CSM } = t.nations as Record<(typeof NATIONS)[number], Player>;
    const title = 'Fishery protection accord';
    const w = await propose(t, 'ARN', {
      title,
      parties: ['BRV', 'CSM'],
      clauses: [{ type: 'non_aggression', title: 'No harassment', text: 'No party harasses the fishing fleets of another.' }],
      rule: 'consensus',
    });
    for (const p of [ARN, BRV, CSM]) await accepted(p, { type: 'agreement.sign', agreement: w, version: 1 });
    await everyone([ARN, BRV, CSM], (v) => agreementOf(v, title)?.status === 'in_force');
    await accepted(ARN, { type: 'agreement.motion', agreement: w, motion: 'suspend', reason: 'The fleets are in port for the winter.' });
    await everyone([BRV, CSM], (v) => agreementOf(v, title)?.motions.length === 1);
    await accepted(CSM, { type: 'agreement.withdraw', agreement: w, reason: 'Cosmara leaves the accord.' });
    const left = await CSM.waitFor((v) => agreementOf(v, title)?.access === 'former');
    const asLeft = plain(agreementOf(left, title)!);
    expect(asLeft).toMatchObject({ status: 'in_force', bound: [], parties: ['ARN', 'BRV', 'CSM'] });
    expect(asLeft.motions).toMatchObject([{ kind: 'suspend', result: null, ballot: { voters: ['ARN', 'BRV', 'CSM'] } }]);
    // Bravaria leaves too: fewer than two bound, so it ends. Cosmara's client hears nothing of it.
    await accepted(BRV, { type: 'agreement.withdraw', agreement: w, reason: 'Bravaria leaves as well.' });
    await ARN.waitFor((v) => agreementOf(v, title)?.status === 'terminated');
    await flush(CSM);
    expect(plain(agreementOf(CSM.view(), title))).toEqual(asLeft);
  });

  it('the replay of the stored log shows each nation, at every point, exactly the agreements its client had', async () => {
    const replay = await replayOf(live.url, t.control.joined.token, t.ex.id);
    const audience = (label: string): Audience => (label === 'public' ? PUBLIC : nationAudience(label));
    const at = (seq: number, label: string) => plain(replay.viewAt(seq, audience(label)).agreements);

    // Every picture a client received, replayed at its seq.
    for (const [label, history] of histories) {
      expect(history.length).toBeGreaterThan(label === 'public' ? 1 : 5);
      for (const h of history) expect(at(h.seq, label), `${label} at ${h.seq}`).toEqual(plain(h.agreements));
    }
    for (const [name, m] of moments)
      for (const [label, v] of m.views) expect(at(m.seq, label), `${label} ${name}`).toEqual(plain(v.agreements));

    const x = ids.get('x')!;
    const y = ids.get('y')!;
    const ofX = (seq: number, label: string) => at(seq, label).find((a) => a.id === x);
    const ofY = (seq: number, label: string) => at(seq, label).find((a) => a.id === y);

    // Before publication: a non-party and the public see nothing of X, not even that it exists.
    const before = moments.get('before publication')!.seq;
    expect(ofX(before, 'CSM')).toBeUndefined();
    expect(at(before, 'public')).toEqual([]);
    expect(ofX(before, 'ARN')?.versions.map((v) => v.number)).toEqual([1, 2]);

    // After: everyone reads the text in force and its signatories, never the draft or the notes.
    const after = moments.get('after publication')!.seq;
    for (const label of ['CSM', 'public']) {
      const a = ofX(after, label)!;
      expect(a).toMatchObject({ access: 'public', status: 'in_force', parties: ['ARN', 'BRV'], current: 2 });
      expect(a.versions).toHaveLength(1);
      expect(a.versions[0]).toMatchObject({
        number: 2,
        text: 'Agreed text: shared patrol boxes north and east of the Sound.',
        note: '',
        changes: null,
      });
      expect(JSON.stringify(a)).not.toContain('Draft text');
      expect(JSON.stringify(a)).not.toContain('Bravaria patrols the east too');
    }
    expect(ofX(after, 'CSM')).toEqual(ofX(after, 'public'));
    expect(ofX(after, 'ARN')).toMatchObject({ access: 'party', published: { seq: after } });
    expect(ofX(after, 'ARN')?.versions).toHaveLength(2);

    // Y: a party until it withdrew, then the pact only as it stood then; the others see all of it.
    const beforeWithdrawal = moments.get('before withdrawal')!.seq;
    const end = moments.get('end')!.seq;
    expect(ofY(beforeWithdrawal, 'CSM')).toMatchObject({ access: 'party', parties: ['ARN', 'BRV', 'CSM'], current: 2 });
    const former = ofY(end, 'CSM')!;
    expect(former).toMatchObject({ access: 'former', current: 2, status: 'negotiating' });
    expect(former.versions).toEqual(ofY(beforeWithdrawal, 'CSM')!.versions);
    expect(ofY(end, 'ARN')).toMatchObject({ access: 'party', status: 'in_force', current: 3, parties: ['ARN', 'BRV'] });
    expect(ofY(end, 'public')).toBeUndefined();
    // And the end of the log, replayed, is what each client holds now.
    for (const [label, p] of t.audiences) expect(at(replay.lastSeq, label), label).toEqual(plain(p.view().agreements));
  });
});

describe('the silence procedure', () => {
  let t: Table;
  beforeAll(async () => {
    t = await table(12);
  });

  it('broken: back to negotiation for every party; adopted when the clock fires its deadline; breaking it then is refused', async () => {
    const { ARN, BRV, CSM } = t.nations as Record<(typeof NATIONS)[number], Player>;
    const parties = [ARN, BRV, CSM];
    const title = 'Joint statement on the drills';
    // In the brief: silence runs by default to the end of this turn's consultation phase.
    const id = await propose(t, 'ARN', {
      title,
      text: 'The parties call on the Directorate to end its drills.',
      parties: ['BRV', 'CSM'],
      clauses: [{ type: 'sanctions_coordination', title: 'Measures', text: 'Measures will follow.' }],
      rule: 'silence',
    });
    const [v0] = await everyone(parties, (v) => agreementOf(v, title)?.deadline !== null);
    expect(agreementOf(v0!, title)!.deadline).toMatchObject({
      of: 'signature',
      turn: 1,
      phase: 'consult',
      phaseLabel: 'Allied consultation',
      dueAt: null, // its phase has not begun
    });

    await accepted(CSM, { type: 'agreement.silence.break', agreement: id, version: 1, reason: 'Measures must be named.' });
    const broken = await everyone(parties, (v) => agreementOf(v, title)?.settlements.length === 1);
    for (const v of broken) {
      const a = agreementOf(v, title)!;
      expect(a).toMatchObject({ status: 'negotiating', deadline: null, bound: [] });
      expect(a.settlements).toMatchObject([{ version: 1, outcome: 'reopened', reason: 'Silence broken by CSM.' }]);
      expect(a.versions[0]!.closed).toEqual({ result: 'declined', reason: 'Silence broken by CSM.' });
      expect(a.versions[0]!.ballot.votes.CSM).toMatchObject({ stance: 'oppose', statement: 'Measures must be named.' });
    }
    await changesNothing(t, () =>
      refused(CSM, { type: 'agreement.silence.break', agreement: id, version: 1, reason: 'Again.' }, 'not_under_silence'),
    );
    await changesNothing(t, () => refused(BRV, { type: 'agreement.reject', agreement: id, version: 1, reason: 'No.' }, 'wrong_rule'));

    // Amended, silence runs again, to the end of the consultation phase.
    await accepted(CSM, {
      type: 'agreement.amend',
      agreement: id,
      version: 1,
      clauses: [{ type: 'sanctions_coordination', title: 'Measures', text: 'Port calls by Drexan ships are suspended.' }],
      note: 'Measures named',
    });
    await advanceTo(t.control, 1, 'consult');
    const phaseEnd = t.control.view().exercise.deadline!;
    expect(t.control.view().exercise.autoAdvance).toBe(false);
    const running = await everyone(parties, (v) => agreementOf(v, title)?.deadline?.dueAt === phaseEnd);
    for (const v of running) expect(agreementOf(v, title)).toMatchObject({ current: 2, status: 'negotiating' });

    // The server's clock jumps to 1.5 s before the phase ends; the next command sets the host's
    // timer from it, and nobody sends anything more: the timer submits clock.tick by itself.
    skew = phaseEnd - 1_500 - Date.now();
    await accepted(ARN, { type: 'message.send', to: ['BRV', 'CSM'], body: 'Arnholm keeps silence.' });
    const adopted = await Promise.all(parties.map((p) => p.waitFor((v) => agreementOf(v, title)?.status === 'in_force', 8_000)));
    for (const v of adopted) {
      const a = agreementOf(v, title)!;
      expect(a.bound).toEqual(['ARN', 'BRV', 'CSM']);
      expect(a.settlements.at(-1)).toMatchObject({ version: 2, outcome: 'in_force', reason: 'Nobody broke silence before the deadline.' });
      expect(a.settlements.at(-1)!.at).toBeGreaterThanOrEqual(phaseEnd);
      expect(a.deadline).toBeNull();
    }
    // The log holds the tick: the system actor settled it, at the deadline.
    const replay = await replayOf(live.url, t.control.joined.token, t.ex.id);
    const settled = replay.events.filter((e) => e.type === 'agreement.settled');
    expect(settled.map((e) => [e.by.role, e.cmd?.startsWith('tick-')])).toEqual([
      ['nation', false],
      ['system', true],
    ]);

    await changesNothing(t, () =>
      refused(BRV, { type: 'agreement.silence.break', agreement: id, version: 2, reason: 'Too late?' }, 'closed'),
    );
  });
});

describe('treaty invocation', () => {
  let t: Table;
  let attack = '';
  beforeAll(async () => {
    t = await table(13);
  });

  it('collective defence, from an armed attack to activation; a member then deploys into the attacked member on that basis', async () => {
    const { ARN, BRV, CSM } = t.nations as Record<(typeof NATIONS)[number], Player>;
    const members = [ARN, BRV, CSM];
    await advanceTo(t.control, 1, 'submit');
    await changesNothing(t, () => refused(ARN, { type: 'asset.deploy', asset: 'arn-fighters', region: 'bravaria' }, 'no_access'));

    await advanceTo(t.control, 1, 'adjudicate');
    await accepted(t.control, {
      type: 'adjudication.record',
      title: 'Bravarian frigate struck by a torpedo',
      outcome: 'A torpedo struck the frigate Valour in the Grey Sound; twelve sailors are missing.',
      visibleTo: 'ALL',
    });
    const [seen] = await everyone(members, (v) => v.outcomes.some((o) => o.title === 'Bravarian frigate struck by a torpedo'));
    attack = seen!.outcomes.find((o) => o.title === 'Bravarian frigate struck by a torpedo')!.id;

    await advanceTo(t.control, 1, 'outcome');
    await accepted(BRV, {
      type: 'treaty.invoke',
      treaty: 'harbour-compact',
      clause: 'hc-art3',
      grounds: 'The torpedoing of the Valour is an armed attack on Bravaria.',
      cites: [{ kind: 'outcome', id: attack }],
    });
    const opened = await everyone([...members, t.control], (v) => v.consultations.length === 1);
    const id = opened[0]!.consultations[0]!.id;
    for (const v of opened)
      expect(consultationOf(v, id)).toMatchObject({
        treatyName: 'Harbour Compact',
        article: 'Article 3',
        clauseType: 'collective_defence',
        rule: 'consensus',
        members: ['ARN', 'BRV', 'CSM'],
        invoker: { nation: 'BRV' },
        onBehalfOf: 'BRV',
        cites: [{ kind: 'outcome', id: attack, held: true }],
        positions: { BRV: { stance: 'support' } },
        tally: { support: ['BRV'], oppose: [], abstain: [], silent: ['ARN', 'CSM'] },
        deadline: { turn: 2, phase: 'consult', phaseLabel: 'Allied consultation' },
        status: 'open',
      });
    await flush(t.observer);
    expect(t.observer.view().consultations).toEqual([]);

    await accepted(ARN, { type: 'consultation.position', consultation: id, stance: 'support', statement: 'An attack on one is on all.' });
    await ARN.waitFor((v) => consultationOf(v, id)?.positions.ARN !== undefined);
    await accepted(CSM, { type: 'consultation.position', consultation: id, stance: 'support' });
    const activated = await everyone(members, (v) => consultationOf(v, id)?.status === 'activated');
    for (const v of activated) {
      expect(consultationOf(v, id)).toMatchObject({
        settled: { reason: 'Consensus: no party objected.', atDeadline: false },
        tally: { support: ['ARN', 'BRV', 'CSM'], silent: [] },
        positions: { ARN: { stance: 'support', statement: 'An attack on one is on all.' } },
      });
      expect(v.access).toContainEqual({
        user: v.audience === 'BRV' ? 'ARN' : v.audience,
        host: 'BRV',
        basis: { kind: 'collective_defence', consultation: id },
      });
    }

    await advanceTo(t.control, 2, 'submit');
    await accepted(ARN, { type: 'asset.deploy', asset: 'arn-fighters', region: 'bravaria', note: 'To defend Bravaria' });
    const arn = await ARN.waitFor((v) => v.deployments.length === 1);
    expect(arn.deployments).toMatchObject([
      { asset: 'arn-fighters', to: 'bravaria', basis: { kind: 'collective_defence', consultation: id }, note: 'To defend Bravaria' },
    ]);
    await BRV.waitFor((v) => v.assets.find((x) => x.id === 'arn-fighters')?.region === 'bravaria');
  });

  it('declined by one member under consensus; then a position is refused as settled', async () => {
    const { ARN, BRV, CSM } = t.nations as Record<(typeof NATIONS)[number], Player>;
    // Cosmara cites an inject only it received: the others read that a cited item exists, not which.
    await accepted(CSM, {
      type: 'treaty.invoke',
      treaty: 'harbour-compact',
      clause: 'hc-art3',
      grounds: 'The intrusion into our port systems is an armed attack.',
      cites: [{ kind: 'inject', id: 'hw-inj-03' }],
    });
    const [v] = await everyone([ARN, BRV, CSM], (v) => v.consultations.length === 2);
    const id = v!.consultations[1]!.id;
    expect(consultationOf(CSM.view(), id)?.cites).toEqual([{ kind: 'inject', id: 'hw-inj-03', held: true }]);
    for (const p of [ARN, BRV]) expect(consultationOf(p.view(), id)?.cites).toEqual([{ kind: 'inject', id: null, held: false }]);

    await accepted(BRV, {
      type: 'consultation.position',
      consultation: id,
      stance: 'oppose',
      statement: 'A cyber intrusion is not an armed attack.',
    });
    const declined = await everyone([ARN, BRV, CSM], (v) => consultationOf(v, id)?.status === 'declined');
    for (const x of declined)
      expect(consultationOf(x, id)).toMatchObject({ settled: { reason: 'Vetoed by BRV.', atDeadline: false }, tally: { oppose: ['BRV'] } });
    await changesNothing(t, () => refused(ARN, { type: 'consultation.position', consultation: id, stance: 'support' }, 'settled'));
    // Declined, it opens nothing: Cosmara's regions stay closed to its allies.
    expect(ARN.view().access.some((r) => r.host === 'CSM')).toBe(false);
  });

  it('declined when the deadline passes without the positions it needs (the clock fires it); a late position is refused', async () => {
    const { ARN, BRV, CSM } = t.nations as Record<(typeof NATIONS)[number], Player>;
    await accepted(ARN, {
      type: 'treaty.invoke',
      treaty: 'harbour-compact',
      clause: 'hc-art5',
      grounds: 'Each party should raise its defence spending now.',
      deadline: { turn: 2, phase: 'submit' },
    });
    const [v] = await everyone([ARN, BRV, CSM], (v) => v.consultations.length === 3);
    const id = v!.consultations[2]!.id;
    await accepted(BRV, { type: 'consultation.position', consultation: id, stance: 'abstain', statement: 'After our budget.' });
    await ARN.waitFor((v) => consultationOf(v, id)?.positions.BRV !== undefined);
    // Control moves on: the deadline is past, and the host's timer fires it at once.
    await advanceTo(t.control, 2, 'adjudicate');
    const declined = await everyone([ARN, BRV, CSM], (v) => consultationOf(v, id)?.status === 'declined');
    for (const x of declined)
      expect(consultationOf(x, id)).toMatchObject({
        settled: { reason: 'No consensus by the deadline: CSM did not answer.', atDeadline: true },
        tally: { support: ['ARN'], abstain: ['BRV'], silent: ['CSM'] },
      });
    const replay = await replayOf(live.url, t.control.joined.token, t.ex.id);
    expect(replay.events.filter((e) => e.type === 'consultation.settled').map((e) => e.by.role)).toEqual(['nation', 'nation', 'system']);

    await changesNothing(t, async () => {
      const r = await refused(CSM, { type: 'consultation.position', consultation: id, stance: 'support' }, 'deadline_passed');
      expect(r.message).toContain('"Submit actions" on turn 2');
    });
  });
});

/** Harbour-watch with two more treaties that leave Cosmara out: an alliance and a side agreement. */
function withTreatiesWithoutCosmara(): Scenario {
  const s = loadHarbourWatch();
  const clause = {
    id: 'art-1',
    article: 'Article 1',
    title: 'Mutual defence',
    type: 'collective_defence',
    text: 'An attack on one is an attack on both.',
    trigger: 'An armed attack on either party',
    decisionRule: 'consensus',
  } as const;
  s.treaties.push(
    { id: 'strait-alliance', name: 'Strait Alliance', kind: 'alliance', parties: ['ARN', 'BRV'], clauses: [clause] },
    { id: 'north-pact', name: 'Northern Pact', kind: 'side_agreement', parties: ['ARN', 'BRV'], clauses: [clause] },
  );
  return s;
}

describe('bad input changes nothing, and tells a non-party nothing', () => {
  let t: Table;
  let id = '';
  beforeAll(async () => {
    t = await table(14, withTreatiesWithoutCosmara());
    await advanceTo(t.control, 1, 'consult');
    const { ARN, BRV } = t.nations as Record<(typeof NATIONS)[number], Player>;
    id = await propose(t, 'ARN', {
      title: 'Side accord on the strait',
      text: 'Arnholm and Bravaria close the strait together.',
      parties: ['BRV'],
      clauses: [basing],
      rule: 'consensus',
    });
    await accepted(ARN, {
      type: 'agreement.amend',
      agreement: id,
      version: 1,
      text: 'Arnholm and Bravaria watch the strait.',
      note: 'Watch',
    });
    await accepted(BRV, { type: 'agreement.sign', agreement: id, version: 2 });
    await ARN.waitFor((v) => Object.keys(agreementOf(v, 'Side accord on the strait')?.versions[1]?.ballot.votes ?? {}).length === 1);
  });

  it('a nation that is not a party hears not_found for every act on the agreement, exactly as for an id nobody uses', async () => {
    const CSM = t.nations.CSM!;
    expect(CSM.view().agreements).toEqual([]);
    const acts = (agreement: string): CommandDraft[] => [
      { type: 'agreement.sign', agreement, version: 2 },
      { type: 'agreement.amend', agreement, version: 2, title: 'Cosmara joins' },
      { type: 'agreement.reject', agreement, version: 2, reason: 'No.' },
      { type: 'agreement.silence.break', agreement, version: 2, reason: 'No.' },
      { type: 'agreement.withdraw', agreement },
      { type: 'agreement.motion', agreement, motion: 'suspend', reason: 'No.' },
      { type: 'agreement.motion.vote', agreement, stance: 'oppose' },
      { type: 'agreement.publish', agreement },
    ];
    await changesNothing(t, async () => {
      const unknown = acts('AG999');
      for (const [i, cmd] of acts(id).entries()) {
        const real = await refused(CSM, cmd, 'not_found');
        expect(real, cmd.type).toEqual(await refused(CSM, unknown[i]!, 'not_found'));
        expect(JSON.stringify(real)).not.toMatch(/strait|Side accord|watch/i);
      }
    });
  });

  it('signing twice, and signing a superseded version, are refused', async () => {
    const { ARN, BRV } = t.nations as Record<(typeof NATIONS)[number], Player>;
    await changesNothing(t, async () => {
      const twice = await refused(BRV, { type: 'agreement.sign', agreement: id, version: 2 }, 'already_signed');
      expect(twice.message).toBe('Your nation has already signed version 2.');
      const old = await refused(ARN, { type: 'agreement.sign', agreement: id, version: 1 }, 'superseded');
      expect(old).toMatchObject({ path: 'version', message: 'Version 1 has been superseded by version 2.' });
      await refused(BRV, { type: 'agreement.amend', agreement: id, version: 1, title: 'Old' }, 'superseded');
    });
  });

  it('invoking a clause of a treaty the nation is not a member of is refused; a side agreement it is not party to is unknown to it', async () => {
    const { ARN, CSM } = t.nations as Record<(typeof NATIONS)[number], Player>;
    // Cosmara sees the alliance it is not in, never the side agreement.
    expect(CSM.view().treaties.map((x) => x.id)).toEqual(['harbour-compact', 'strait-alliance']);
    expect(ARN.view().treaties.map((x) => x.id)).toEqual(['harbour-compact', 'strait-alliance', 'north-pact']);
    const invoke = (treaty: string, extra: Partial<Extract<CommandDraft, { type: 'treaty.invoke' }>> = {}): CommandDraft => ({
      type: 'treaty.invoke',
      treaty,
      clause: 'art-1',
      grounds: 'Cosmara is threatened.',
      ...extra,
    });
    await changesNothing(t, async () => {
      const alliance = await refused(CSM, invoke('strait-alliance'), 'not_member');
      expect(alliance).toMatchObject({ path: 'treaty', message: 'Your nation is not a member of the Strait Alliance.' });
      const side = await refused(CSM, invoke('north-pact'), 'not_found');
      expect(side).toEqual(await refused(CSM, invoke('no-such-treaty'), 'not_found'));
      expect(JSON.stringify(side)).not.toContain('Northern Pact');
      // A member cannot invoke it for a nation outside it either.
      expect(await refused(ARN, invoke('north-pact', { onBehalfOf: 'CSM' }), 'not_member')).toMatchObject({ path: 'onBehalfOf' });
      // Nor cite what it does not hold: answered as for an id nobody uses.
      // (Bravaria's report hw-int-02 is NOFORN: released, but Arnholm does not hold it.)
      const cite = await refused(ARN, invoke('north-pact', { cites: [{ kind: 'report', id: 'hw-int-02' }] }), 'not_found');
      expect(cite).toMatchObject({ path: 'cites[0].id' });
      expect(cite).toEqual(await refused(ARN, invoke('north-pact', { cites: [{ kind: 'report', id: 'hw-int-99' }] }), 'not_found'));
    });
  });

  it('a persona thread: control writes as the persona to two nations, one answers on that thread; a team writes to exercise control', async () => {
    const { ARN, BRV, CSM } = t.nations as Record<(typeof NATIONS)[number], Player>;
    const thread = 'BRV+CSM@harbour-herald';
    await accepted(t.control, {
      type: 'message.send',
      persona: 'harbour-herald',
      to: ['BRV', 'CSM'],
      subject: 'Interview request',
      body: 'Will your governments comment on the drills?',
    });
    const asked = await everyone([BRV, CSM], (v) => v.messages.some((m) => m.channel === thread));
    for (const v of asked)
      expect(v.messages.find((m) => m.channel === thread)).toMatchObject({
        members: ['BRV', 'CSM'],
        counterpart: { kind: 'persona', persona: 'harbour-herald' },
        from: { nation: null, persona: 'harbour-herald', name: 'The Harbour Herald' },
      });

    // Bravaria answers on the thread: the persona and the body, and the other nation on it.
    await accepted(BRV, { type: 'message.send', persona: 'harbour-herald', to: ['CSM'], body: 'No comment at this stage.' });
    const answered = await everyone([BRV, CSM, t.control], (v) => v.messages.filter((m) => m.channel === thread).length === 2);
    for (const v of answered)
      expect(v.messages.filter((m) => m.channel === thread).at(-1)).toMatchObject({
        counterpart: { kind: 'persona', persona: 'harbour-herald' },
        from: { nation: 'BRV', persona: null, position: 'fm', name: 'BRV minister' },
        body: 'No comment at this stage.',
      });
    // With only the persona and the body, Cosmara writes to the persona alone, on its own thread.
    await accepted(CSM, { type: 'message.send', persona: 'harbour-herald', body: 'Cosmara will comment tomorrow.' });
    const own = await CSM.waitFor((v) => v.messages.some((m) => m.channel === 'CSM@harbour-herald'));
    expect(own.messages.find((m) => m.channel === 'CSM@harbour-herald')).toMatchObject({
      members: ['CSM'],
      from: { nation: 'CSM' },
      body: 'Cosmara will comment tomorrow.',
    });
    await t.control.waitFor((v) => v.messages.some((m) => m.channel === 'CSM@harbour-herald'));

    // Arnholm writes to exercise control; control answers on that thread.
    await accepted(ARN, { type: 'message.send', control: true, body: 'May our fighters overfly the Sound?' });
    await t.control.waitFor((v) => v.messages.some((m) => m.channel === 'ARN@control'));
    await accepted(t.control, { type: 'message.send', to: ['ARN'], body: 'Yes, outside the drill area.' });
    const arn = await ARN.waitFor((v) => v.messages.filter((m) => m.channel === 'ARN@control').length === 2);
    expect(arn.messages.filter((m) => m.channel === 'ARN@control')).toMatchObject([
      { counterpart: { kind: 'control' }, from: { nation: 'ARN' }, members: ['ARN'] },
      { counterpart: { kind: 'control' }, from: { nation: null, persona: null }, body: 'Yes, outside the drill area.' },
    ]);

    // Nobody reads a thread they are not on.
    await flush(ARN, BRV, CSM, t.observer);
    expect(ARN.view().messages.map((m) => m.channel)).toEqual(['ARN@control', 'ARN@control']);
    expect(new Set(BRV.view().messages.map((m) => m.channel))).toEqual(new Set([thread]));
    expect(new Set(CSM.view().messages.map((m) => m.channel))).toEqual(new Set([thread, 'CSM@harbour-herald']));
    expect(t.observer.view().messages).toEqual([]);
  });
});
