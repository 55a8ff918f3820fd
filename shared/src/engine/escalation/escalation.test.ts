/** Escalation: control moves the ladder, injects and outcomes move it (clamped), each move with its reason and cause. */
import { describe, expect, it } from 'vitest';
import { CONTROL, nationAudience, PUBLIC, project } from '../../views/index.ts';
import { actors, harness, loadHarbourWatch, ofType, type CommandOf } from '../../../../tests/helpers/harness.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { turnTrend } from './records.ts';

const { facilitator, ARN } = actors;
const showing = (show: 'level' | 'trend' | 'none'): Scenario => {
  const s = loadHarbourWatch();
  return { ...s, escalation: { ...s.escalation, show } };
};

describe('escalation.set', () => {
  it('moves the ladder with the reason, kept in the history with control as the cause', () => {
    const h = harness();
    h.advanceTo(1, 'consult');
    expect(h.state.escalationLevel).toBe(1);
    const [moved] = ofType(
      h.ok(facilitator, { type: 'escalation.set', level: 3, reason: 'Cable cut off Harbour Point' }),
      'escalation.moved',
    );
    expect(moved).toMatchObject({
      from: 1,
      to: 3,
      delta: 2,
      clamped: false,
      reason: 'Cable cut off Harbour Point',
      cause: { kind: 'control' },
    });
    expect(h.state.escalationLevel).toBe(3);
    expect(h.state.escalationMoves).toMatchObject([
      { turn: 1, from: 1, to: 3, reason: 'Cable cut off Harbour Point', cause: { kind: 'control' } },
    ]);
  });

  it('refuses a level not on the ladder, naming the rungs, and the same level; nothing changes', () => {
    const h = harness();
    h.advanceTo(1, 'consult');
    const seq = h.state.seq;
    const r = h.reject(facilitator, { type: 'escalation.set', level: 6, reason: 'Beyond war' }, 'not_on_ladder');
    expect(r.path).toBe('level');
    expect(r.message).toContain('0 (Competition)');
    expect(r.message).toContain('5 (Major war)');
    h.reject(facilitator, { type: 'escalation.set', level: 1, reason: 'Again' }, 'no_change');
    h.reject(ARN, { type: 'escalation.set', level: 2, reason: 'We say so' }, 'forbidden');
    expect(h.state.seq).toBe(seq);
    expect(h.state.escalationLevel).toBe(1);
    expect(h.state.escalationMoves).toEqual([]);
  });
});

describe('reactions', () => {
  it('an inject that carries a move moves the ladder when it is released, with the inject as the cause', () => {
    const h = harness();
    h.advanceTo(1, 'outcome');
    expect(h.state.escalationLevel).toBe(1);
    const events = h.advanceTo(2, 'brief');
    const moved = ofType(events, 'escalation.moved');
    expect(moved).toEqual([
      expect.objectContaining({
        from: 1,
        to: 2,
        delta: 1,
        clamped: false,
        reason: 'Drill area closed: Drakovia moves to coercive signalling.',
        cause: { kind: 'inject', inject: 'hw-inj-04' },
      }),
    ]);
    // The move comes right after the release that caused it.
    const release = events.findIndex((e) => e.type === 'inject.released' && e.inject === 'hw-inj-04');
    expect(events[release + 1]?.type === 'escalation.moved' || events.slice(release).some((e) => e.type === 'escalation.moved')).toBe(true);
    expect(h.state.escalationLevel).toBe(2);
  });

  it('an outcome with a move moves it; past the top it stops there and says so', () => {
    const h = harness();
    h.advanceTo(1, 'consult');
    h.ok(facilitator, { type: 'escalation.set', level: 4, reason: 'Seizure of a ferry' });
    h.advanceTo(1, 'adjudicate');
    const e = h.ok(facilitator, {
      type: 'adjudication.record',
      title: 'Strike on the radar',
      outcome: 'The radar is destroyed.',
      escalation: { delta: 3, reason: 'Open strike on allied territory' },
    });
    const rec = ofType(e, 'adjudication.recorded')[0]!;
    expect(ofType(e, 'escalation.moved')).toEqual([
      expect.objectContaining({
        from: 4,
        to: 5,
        delta: 3,
        clamped: true,
        reason: 'Open strike on allied territory',
        cause: { kind: 'outcome', outcome: rec.id },
      }),
    ]);
    expect(h.state.escalationLevel).toBe(5);
    // At the top already: the move is recorded, the level stays.
    const again = h.ok(facilitator, {
      type: 'adjudication.record',
      title: 'More',
      outcome: 'More strikes.',
      escalation: { delta: 1, reason: 'Again' },
    });
    expect(ofType(again, 'escalation.moved')[0]).toMatchObject({ from: 5, to: 5, clamped: true });
  });

  it('an ad hoc inject (inject.create) carrying a move moves the ladder when released: now, or at its later turn', () => {
    const h = harness();
    h.advanceTo(1, 'consult');
    const adhoc: CommandOf<'inject.create'> = {
      type: 'inject.create',
      from: 'drx-foreign-office',
      to: ['ALL'],
      channel: 'news',
      subject: 'Ultimatum',
      message: 'Withdraw.',
    };
    const now = h.ok(facilitator, { ...adhoc, escalation: { delta: 2, reason: 'Ultimatum on state radio' } });
    const created = ofType(now, 'inject.created')[0]!;
    expect(created.inject.escalation).toEqual({ delta: 2, reason: 'Ultimatum on state radio' });
    expect(now.map((e) => e.type)).toEqual(['inject.created', 'inject.released', 'escalation.moved']);
    expect(ofType(now, 'escalation.moved')[0]).toMatchObject({
      from: 1,
      to: 3,
      delta: 2,
      reason: 'Ultimatum on state radio',
      cause: { kind: 'inject', inject: created.inject.id },
    });
    const later = h.ok(facilitator, {
      ...adhoc,
      release: { turn: 1, phase: 'adjudicate' },
      escalation: { delta: -1, reason: 'Talks offered' },
    });
    expect(ofType(later, 'escalation.moved')).toEqual([]);
    const id = ofType(later, 'inject.created')[0]!.inject.id;
    const moved = ofType(h.advanceTo(1, 'adjudicate'), 'escalation.moved');
    expect(moved).toEqual([expect.objectContaining({ from: 3, to: 2, reason: 'Talks offered', cause: { kind: 'inject', inject: id } })]);
    // Without a move it moves nothing; a move of 0 is not a move.
    expect(ofType(h.ok(facilitator, adhoc), 'escalation.moved')).toEqual([]);
    const seq = h.state.seq;
    h.reject(facilitator, { ...adhoc, escalation: { delta: 0, reason: 'Nothing' } }, 'malformed');
    expect(h.state.seq).toBe(seq);
  });

  it('an outcome without a move leaves the ladder alone', () => {
    const h = harness();
    h.advanceTo(1, 'adjudicate');
    const e = h.ok(facilitator, { type: 'adjudication.record', title: 'Calm', outcome: 'Nothing happens.' });
    expect(ofType(e, 'escalation.moved')).toEqual([]);
  });
});

describe('what each audience sees', () => {
  it("show 'level': the nations see the rung, the ladder and the trend; never the playbook, reasons or causes", () => {
    const h = harness({ scenario: showing('level') });
    h.advanceTo(1, 'consult');
    h.ok(facilitator, { type: 'escalation.set', level: 2, reason: 'REASON-MARK' });
    const v = project(h.state, nationAudience('ARN'));
    expect(v.escalation).toMatchObject({ show: 'level', level: 2, trend: 'rising' });
    const text = JSON.stringify(v);
    expect(text).not.toContain('REASON-MARK');
    for (const p of h.scenario.escalation.playbook) expect(text).not.toContain(p.moves);
  });

  it("show 'trend': the nations see rising, steady or falling this turn, and no level", () => {
    const h = harness({ scenario: showing('trend') });
    h.advanceTo(1, 'consult');
    expect(project(h.state, nationAudience('ARN')).escalation).toEqual({ show: 'trend', trend: 'steady' });
    h.ok(facilitator, { type: 'escalation.set', level: 3, reason: 'x' });
    expect(project(h.state, nationAudience('ARN')).escalation).toEqual({ show: 'trend', trend: 'rising' });
    h.ok(facilitator, { type: 'escalation.set', level: 0, reason: 'x' });
    expect(project(h.state, nationAudience('ARN')).escalation).toEqual({ show: 'trend', trend: 'falling' });
    const text = JSON.stringify(project(h.state, nationAudience('ARN')));
    for (const r of h.scenario.escalation.ladder) expect(text).not.toContain(r.description);
    // A new turn starts steady.
    h.advanceTo(2, 'consult');
    expect(project(h.state, nationAudience('ARN')).escalation).toEqual({ show: 'trend', trend: 'rising' });
  });

  it("show 'none': nations and the public see nothing; control sees it all with the playbook", () => {
    const h = harness({ scenario: showing('none') });
    h.advanceTo(1, 'consult');
    expect(project(h.state, nationAudience('ARN')).escalation).toBeNull();
    expect(project(h.state, PUBLIC).escalation).toBeNull();
    expect(project(h.state, CONTROL).escalation).toMatchObject({
      show: 'control',
      nations: 'none',
      level: 1,
      playbook: h.scenario.escalation.playbook,
    });
  });

  it('the trend reads only the current turn’s moves', () => {
    const m = (turn: number, from: number, to: number) => ({
      seq: 1,
      at: 0,
      turn,
      from,
      to,
      delta: to - from,
      clamped: false,
      reason: '',
      cause: { kind: 'control' as const },
    });
    expect(turnTrend([m(1, 1, 3), m(2, 3, 2), m(2, 2, 4)], 2, 4)).toBe('rising');
    expect(turnTrend([m(1, 1, 3)], 2, 3)).toBe('steady');
    expect(turnTrend([m(2, 3, 2)], 2, 2)).toBe('falling');
  });
});
