import { describe, expect, it } from 'vitest';
import { gameTimeAtEnd as engineGameTimeAtEnd, gameTimeOf, type AgreementClause } from '@concord/shared/engine/index';
import { CONTROL, nationAudience, project, type View } from '@concord/shared/views/index';
import { actors, harness, ofType } from '../../../../tests/helpers/harness.ts';
import {
  awaitsVote,
  clauseExtra,
  currentPosition,
  deadlineChoices,
  deadlineState,
  diffCounts,
  fieldKey,
  fieldMessage,
  gameTimeAtEnd,
  groupAgreements,
  movesFor,
  segments,
  turnStart,
  voteRows,
  type AgreementView,
} from './negotiation-model.ts';

const { ARN, BRV, CSM } = actors;
const basing: AgreementClause = { type: 'basing_access', title: 'Ports', text: 'Each party opens its ports.', regions: ['grey-sound'] };

/** ARN proposes to BRV and CSM under a rule; returns the harness and the agreement id. */
function proposed(rule: 'consensus' | 'majority' | 'silence') {
  const h = harness();
  h.advanceTo(1, 'consult');
  const [p] = ofType(
    h.ok(ARN, { type: 'agreement.propose', title: 'Grey Sound accord', parties: ['BRV', 'CSM'], clauses: [basing], rule }),
    'agreement.proposed',
  );
  return { h, id: p!.agreement };
}
const viewOf = (h: ReturnType<typeof harness>, nation: string | null): View => project(h.state, nation ? nationAudience(nation) : CONTROL);
const agreementIn = (v: View, id: string): AgreementView => v.agreements.find((a) => a.id === id)!;

describe('grouping agreements by state', () => {
  it('puts each status in its group, newest first, and final ones under "closed"', () => {
    const list = [
      { id: 'a', status: 'negotiating' },
      { id: 'b', status: 'in_force' },
      { id: 'c', status: 'rejected' },
      { id: 'd', status: 'negotiating' },
      { id: 'e', status: 'suspended' },
      { id: 'f', status: 'terminated' },
      { id: 'g', status: 'lapsed' },
      { id: 'h', status: 'abandoned' },
    ] as const;
    const g = groupAgreements(list);
    expect(g.negotiating.map((a) => a.id)).toEqual(['d', 'a']);
    expect(g.in_force.map((a) => a.id)).toEqual(['b']);
    expect(g.suspended.map((a) => a.id)).toEqual(['e']);
    expect(g.closed.map((a) => a.id)).toEqual(['h', 'g', 'f', 'c']);
  });
});

describe('votes and moves on a real agreement', () => {
  it('under consensus: every party may sign or reject until it votes; a signature carries its reservations', () => {
    const { h, id } = proposed('consensus');
    let v = viewOf(h, 'BRV');
    let a = agreementIn(v, id);
    expect(movesFor(a, 'BRV', false)).toMatchObject({
      sign: true,
      reject: true,
      breakSilence: false,
      amend: true,
      withdraw: true,
      publish: false,
    });
    expect(awaitsVote(a, 'BRV')).toBe(true);
    expect(movesFor(a, 'BRV', true).sign).toBe(false);
    h.ok(BRV, { type: 'agreement.sign', agreement: id, version: 1, reservations: 'Subject to parliament.' });
    v = viewOf(h, 'BRV');
    a = agreementIn(v, id);
    expect(movesFor(a, 'BRV', false)).toMatchObject({ sign: false, reject: false, amend: true });
    expect(awaitsVote(a, 'BRV')).toBe(false);
    expect(voteRows(a.versions[0]!.ballot)).toEqual([
      { nation: 'ARN', state: 'pending', text: '', by: null },
      { nation: 'BRV', state: 'signed', text: 'Subject to parliament.', by: { name: BRV.name, position: 'dm', turn: 1 } },
      { nation: 'CSM', state: 'pending', text: '', by: null },
    ]);
    h.ok(CSM, { type: 'agreement.reject', agreement: id, version: 1, reason: 'Not now.' });
    a = agreementIn(viewOf(h, 'CSM'), id);
    expect(voteRows(a.versions[0]!.ballot).find((r) => r.nation === 'CSM')).toMatchObject({ state: 'rejected', text: 'Not now.' });
    // Vetoed: closed, nothing left to do but read it.
    expect(a.status).toBe('rejected');
    expect(movesFor(a, 'ARN', false)).toMatchObject({ sign: false, reject: false, amend: false, withdraw: false });
  });

  it('under silence: no rejection, break silence instead, recorded as "broke silence"', () => {
    const { h, id } = proposed('silence');
    let a = agreementIn(viewOf(h, 'CSM'), id);
    expect(movesFor(a, 'CSM', false)).toMatchObject({ sign: true, reject: false, breakSilence: true });
    expect(a.deadline).toMatchObject({ of: 'signature', turn: 1, phase: 'consult' });
    h.ok(CSM, { type: 'agreement.silence.break', agreement: id, version: 1, reason: 'We object.' });
    a = agreementIn(viewOf(h, 'CSM'), id);
    expect(voteRows(a.versions[0]!.ballot).find((r) => r.nation === 'CSM')).toMatchObject({ state: 'broke_silence', text: 'We object.' });
    expect(movesFor(a, 'CSM', false)).toMatchObject({ sign: false, breakSilence: false, amend: true });
  });

  it('in force: bound parties may publish and move to suspend or terminate; an open motion awaits the others', () => {
    const { h, id } = proposed('consensus');
    for (const n of [ARN, BRV, CSM]) h.ok(n, { type: 'agreement.sign', agreement: id, version: 1 });
    let a = agreementIn(viewOf(h, 'ARN'), id);
    expect(a.status).toBe('in_force');
    expect(movesFor(a, 'ARN', false)).toMatchObject({
      sign: false,
      amend: false,
      publish: true,
      motions: ['suspend', 'terminate'],
      withdraw: true,
    });
    h.ok(ARN, { type: 'agreement.motion', agreement: id, motion: 'suspend', reason: 'Cooling off.' });
    a = agreementIn(viewOf(h, 'BRV'), id);
    expect(movesFor(a, 'BRV', false)).toMatchObject({ motions: [], motionVote: true });
    expect(awaitsVote(a, 'BRV')).toBe(true);
    expect(movesFor(agreementIn(viewOf(h, 'ARN'), id), 'ARN', false).motionVote).toBe(false);
  });

  it('under majority, a party that did not sign may accede to the text in force', () => {
    const { h, id } = proposed('majority');
    h.ok(ARN, { type: 'agreement.sign', agreement: id, version: 1 });
    h.ok(BRV, { type: 'agreement.sign', agreement: id, version: 1 });
    const a = agreementIn(viewOf(h, 'CSM'), id);
    expect(a.status).toBe('in_force');
    expect(movesFor(a, 'CSM', false)).toMatchObject({ accede: true, sign: false, publish: false, motions: [] });
    expect(movesFor(a, 'BRV', false)).toMatchObject({ accede: false, publish: true });
  });

  it('a former party and exercise control may do nothing with it', () => {
    const { h, id } = proposed('consensus');
    h.ok(CSM, { type: 'agreement.withdraw', agreement: id, reason: 'Leaving.' });
    const a = agreementIn(viewOf(h, 'CSM'), id);
    expect(a.access).toBe('former');
    expect(movesFor(a, 'CSM', false)).toMatchObject({ sign: false, amend: false, withdraw: false });
    const c = agreementIn(viewOf(h, null), id);
    expect(movesFor(c, null, false)).toMatchObject({ sign: false, amend: false, withdraw: false, motions: [] });
  });
});

describe('word diffs', () => {
  it('turns diff parts into marked segments, merging neighbours of one kind', () => {
    expect(
      segments([
        { value: 'The parties ' },
        { value: 'agree', removed: true },
        { value: 'undertake', added: true },
        { value: ' ', added: true },
        { value: 'to consult.' },
        { value: '' },
      ]),
    ).toEqual([
      { text: 'The parties ', kind: 'same' },
      { text: 'agree', kind: 'del' },
      { text: 'undertake ', kind: 'ins' },
      { text: 'to consult.', kind: 'same' },
    ]);
    expect(segments(null)).toEqual([]);
    expect(diffCounts([{ value: 'a b', added: true }, { value: 'c' }, { value: 'd', removed: true }])).toEqual({ inserted: 2, deleted: 1 });
  });

  it("marks an amendment's changes as the view gives them", () => {
    const { h, id } = proposed('consensus');
    h.ok(BRV, { type: 'agreement.amend', agreement: id, version: 1, text: 'Preamble: the parties agree.', note: 'Add a preamble' });
    const v2 = agreementIn(viewOf(h, 'ARN'), id).versions[1]!;
    expect(v2.note).toBe('Add a preamble');
    expect(segments(v2.changes!.text)).toEqual([{ text: 'Preamble: the parties agree.', kind: 'ins' }]);
  });
});

describe('clauses in words', () => {
  it("names a basing clause's regions, and says what an empty list opens", () => {
    const view = { map: { regions: [{ id: 'grey-sound', name: 'Grey Sound' }] } } as unknown as View;
    expect(clauseExtra(view, basing)).toBe("Opens to the other parties' forces: Grey Sound");
    expect(clauseExtra(view, { ...basing, regions: [] })).toBe("Opens every region a party controls to the other parties' forces");
    expect(clauseExtra(view, { type: 'intel_sharing', title: 'x', text: '', upTo: 'SECRET' })).toBe(
      'Shares reports up to SECRET with the other parties',
    );
    expect(clauseExtra(view, { type: 'burden_sharing', title: 'x', text: '', pledgePct: 2 })).toBe('Pledge: 2% of GDP on defence');
    expect(clauseExtra(view, { type: 'mutual_aid', title: 'x', text: '' })).toBeNull();
  });
});

describe('game time and deadlines', () => {
  it("computes the game time at the end of any phase exactly as the engine does, from the view's clock", () => {
    const h = harness();
    for (const [turn, phase] of [
      [1, 'brief'],
      [2, 'consult'],
      [3, 'outcome'],
    ] as const) {
      h.advanceTo(turn, phase);
      const clock = viewOf(h, 'ARN').exercise;
      for (let t = 1; t <= 3; t++) {
        expect(turnStart(clock, t)).toBe(gameTimeOf(h.state.scenario, t));
        for (const p of h.state.scenario.clock.phases)
          expect(gameTimeAtEnd(clock, { turn: t, phase: p.id }), `${t}/${p.id} seen on ${turn}/${phase}`).toBe(
            engineGameTimeAtEnd(h.state.scenario, { turn: t, phase: p.id }),
          );
      }
    }
  });

  it('offers the end of the current phase and later ones, or only those after a deadline being extended', () => {
    const h = harness();
    h.advanceTo(3, 'adjudicate');
    const clock = viewOf(h, 'ARN').exercise;
    expect(currentPosition(clock)).toBe(13);
    expect(deadlineChoices(clock).map((d) => `${d.turn}/${d.phase}`)).toEqual(['3/adjudicate', '3/outcome']);
    expect(deadlineChoices(clock, { turn: 3, phase: 'adjudicate' }).map((d) => `${d.turn}/${d.phase}`)).toEqual(['3/outcome']);
    expect(deadlineChoices(clock)[1]).toMatchObject({ label: 'Outcome brief', gameTime: '15 Mar 2031 18:00Z' });
  });

  it('counts a silence down while its phase runs, frozen while paused, and says when it has not begun', () => {
    const { h, id } = proposed('silence');
    const v = viewOf(h, 'BRV');
    const d = agreementIn(v, id).deadline!;
    expect(d.dueAt).toBe(v.exercise.deadline);
    const dueAt = d.dueAt!;
    expect(deadlineState(v.exercise, d, dueAt - 65_000)).toEqual({ kind: 'running', left: '1:05' });
    expect(deadlineState(v.exercise, d, dueAt + 1)).toEqual({ kind: 'due', left: null });
    expect(deadlineState({ ...v.exercise, status: 'paused', pausedAt: dueAt - 5_000 }, d, dueAt + 60_000)).toEqual({
      kind: 'running',
      left: '0:05',
    });
    expect(deadlineState(v.exercise, { ...d, turn: 2, dueAt: null }, dueAt)).toEqual({ kind: 'later', left: null });
    expect(deadlineState(v.exercise, { ...d, dueAt: null }, dueAt)).toEqual({ kind: 'control', left: null });
  });
});

describe('refusals next to their field', () => {
  it('finds the most specific field a path names', () => {
    const keys = ['title', 'clauses', 'clauses[1]', 'clauses[1].regions', 'deadline.turn'];
    expect(fieldKey('clauses[1].regions[0]', keys)).toBe('clauses[1].regions');
    expect(fieldKey('clauses[1].title', keys)).toBe('clauses[1]');
    expect(fieldKey('clauses[3].text', keys)).toBe('clauses');
    expect(fieldKey('deadline.turn', keys)).toBe('deadline.turn');
    expect(fieldKey('deadline', keys)).toBeNull();
    expect(fieldKey('parties[0]', keys)).toBeNull();
  });

  it("shows the schema's sentence without the command and path it starts with", () => {
    expect(fieldMessage({ message: 'agreement.propose: title: Too small', path: 'title' }, 'agreement.propose')).toBe('Too small');
    expect(fieldMessage({ message: 'There is no region "x".', path: 'clauses[0].regions[0]' }, 'agreement.propose')).toBe(
      'There is no region "x".',
    );
  });
});
