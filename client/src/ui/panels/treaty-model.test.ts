import { describe, expect, it } from 'vitest';
import {
  checkCitations,
  checkDeadline,
  defaultDeadline as engineDefault,
  deadlinePassed as enginePassed,
  gameTimeAtEnd as engineGameTime,
} from '@concord/shared/engine/index';
import { CONTROL, nationAudience, project } from '@concord/shared/views/index';
import { actors, harness, nationActor, ofType } from '../../../../tests/helpers/harness.ts';
import { withNames } from '../labels.ts';
import {
  activationNote,
  citedLabel,
  citationOptions,
  deadlineOptions,
  deadlinePassed,
  defaultDeadline,
  describeDeadline,
  dueIn,
  extendable,
  gameTimeAtEnd,
  parseDeadline,
  positionRows,
  ruleInWords,
  takesPositions,
  tallyLine,
} from './treaty-model.ts';

const { ARN, BRV, CSM, facilitator } = actors;
const PHASES = ['brief', 'consult', 'submit', 'adjudicate', 'outcome'] as const;

describe('deadlines in game time, as the engine reckons them', () => {
  it('agrees with the engine on the default deadline, what has passed and the game time, at every phase', () => {
    const h = harness();
    const check = () => {
      const ex = project(h.state, nationAudience('ARN')).exercise;
      expect(defaultDeadline(ex)).toEqual(engineDefault(h.state));
      for (let turn = 1; turn <= 3; turn++)
        for (const phase of PHASES) {
          const d = { turn, phase };
          expect(deadlinePassed(ex, d), `${turn}/${phase}`).toBe(enginePassed(h.state, d));
          expect(gameTimeAtEnd(ex, d), `${turn}/${phase}`).toBe(engineGameTime(h.scenario, d));
        }
      // Every option offered is one the engine accepts, and every deadline it accepts is offered.
      const offered = deadlineOptions(ex).map((o) => o.value);
      const accepted = [1, 2, 3].flatMap((turn) =>
        PHASES.filter((phase) => checkDeadline(h.state, { turn, phase }, 'deadline') === null).map((phase) => `${turn}/${phase}`),
      );
      expect(offered).toEqual(accepted);
    };
    check();
    h.advanceTo(1, 'brief');
    check();
    h.advanceTo(1, 'submit');
    check();
    h.advanceTo(2, 'consult');
    check();
    h.advanceTo(3, 'outcome');
    check();
  });

  it('offers only later deadlines for an extension, and reads them in words', () => {
    const h = harness();
    h.advanceTo(1, 'consult');
    const ex = project(h.state, CONTROL).exercise;
    const later = deadlineOptions(ex, { turn: 1, phase: 'submit' });
    expect(later[0]?.value).toBe('1/adjudicate');
    expect(later.at(-1)?.value).toBe('3/outcome');
    expect(describeDeadline(ex, { turn: 1, phase: 'consult' })).toBe('end of Allied consultation, turn 1 (14 Mar 2031 12:00Z)');
    expect(parseDeadline(ex, '2/submit')).toEqual({ turn: 2, phase: 'submit' });
    expect(parseDeadline(ex, '2/lunch')).toBeNull();
    expect(parseDeadline(ex, 'x/submit')).toBeNull();
  });
});

describe('a consultation as the Treaties panel reads it', () => {
  const setup = () => {
    const h = harness();
    h.advanceTo(1, 'consult');
    // Cosmara's hw-int-03 (REL TO Arnholm) reaches Arnholm by a share.
    h.ok(actors.CSM, { type: 'intel.share', intel: 'hw-int-03', to: ['ARN'] });
    const [opened] = ofType(
      h.ok(ARN, {
        type: 'treaty.invoke',
        treaty: 'harbour-compact',
        clause: 'hc-art3',
        grounds: 'A Drexan submarine fired on a Bravarian frigate.',
        onBehalfOf: 'BRV',
        cites: [
          { kind: 'report', id: 'hw-int-03' },
          { kind: 'inject', id: 'hw-inj-01' },
        ],
      }),
      'consultation.opened',
    );
    return { h, id: opened!.consultation };
  };

  it('names every member with its stance and who stated it, and counts them', () => {
    const { h, id } = setup();
    h.ok(nationActor('BRV', 'dm', 'Lena Holt'), {
      type: 'consultation.position',
      consultation: id,
      stance: 'support',
      statement: 'We were attacked.',
    });
    const view = project(h.state, nationAudience('CSM'));
    const c = view.consultations.find((x) => x.id === id)!;
    const rows = positionRows(view, c);
    expect(rows.map((r) => [r.name, r.stance, r.by])).toEqual([
      ['Arnholm', 'support', 'Arnholm Prime Minister, Prime Minister'],
      ['Bravaria', 'support', 'Lena Holt, Defence Minister'],
      ['Cosmara', null, null],
    ]);
    expect(rows[1]?.statement).toBe('We were attacked.');
    expect(tallyLine(c)).toBe('2 support · 0 oppose · 1 not yet');
    expect(takesPositions(c, view.exercise)).toBe(true);
    expect(ruleInWords(c.rule)).toMatch(/^Consensus: .*any member can block it\.$/);
  });

  it('shows a citation the reader does not hold as such, and the others by title', () => {
    const { h, id } = setup();
    const bravaria = project(h.state, nationAudience('BRV'));
    const c = bravaria.consultations.find((x) => x.id === id)!;
    // hw-int-03 was shared with Arnholm only (Cosmara's report): Bravaria does not hold it.
    expect(c.cites.map((x) => citedLabel(bravaria, x))).toEqual([
      'a report you do not hold',
      'Inject #1: Periscope sighted off the Drex March, ferry passengers say',
    ]);
    const arnholm = project(h.state, nationAudience('ARN'));
    const own = arnholm.consultations.find((x) => x.id === id)!;
    expect(citedLabel(arnholm, own.cites[0]!)).toBe('Report: Forensics of the port systems intrusion');
  });

  it('lists for citation exactly what the nation holds', () => {
    const { h } = setup();
    const view = project(h.state, nationAudience('BRV'));
    const opts = citationOptions(view);
    expect(opts.report.map((r) => r.id).sort()).toEqual(view.intel.map((r) => r.id).sort());
    expect(opts.report.map((r) => r.id)).not.toContain('hw-int-03');
    for (const o of [...opts.inject, ...opts.report, ...opts.outcome])
      expect(checkCitations(h.state, 'BRV', [{ kind: o.kind, id: o.id }], 'cites'), o.label).toBeNull();
  });

  it('settles by the rule: a veto declines it, and the reason names the nation', () => {
    const { h, id } = setup();
    h.ok(CSM, { type: 'consultation.position', consultation: id, stance: 'oppose', statement: 'Not an armed attack.' });
    const view = project(h.state, nationAudience('BRV'));
    const c = view.consultations.find((x) => x.id === id)!;
    expect(c.status).toBe('declined');
    expect(withNames(view, c.settled!.reason)).toBe('Vetoed by Cosmara.');
    expect(takesPositions(c, view.exercise)).toBe(false);
    expect(extendable(c, view.exercise)).toBe(false);
    expect(activationNote(view, c)).toBeNull();
  });

  it('says plainly what collective defence activated allows', () => {
    const { h, id } = setup();
    h.ok(BRV, { type: 'consultation.position', consultation: id, stance: 'support', statement: '' });
    h.ok(CSM, { type: 'consultation.position', consultation: id, stance: 'support', statement: '' });
    const view = project(h.state, nationAudience('CSM'));
    const c = view.consultations.find((x) => x.id === id)!;
    expect(c.status).toBe('activated');
    expect(activationNote(view, c)).toBe(
      "Collective defence is activated for Bravaria: every member may now commit forces to Bravaria's regions (Bravaria) without further consent.",
    );
  });

  it('counts down once the deadline phase runs, and stops taking positions when it has passed', () => {
    const { h, id } = setup();
    let view = project(h.state, nationAudience('CSM'));
    let c = view.consultations.find((x) => x.id === id)!;
    expect(c.deadline).toMatchObject({ turn: 1, phase: 'consult' });
    const ex = view.exercise;
    if (c.deadline.dueAt === null) expect(dueIn(c, ex, Date.now())).toBe('due when exercise control ends the phase');
    else {
      expect(dueIn(c, ex, c.deadline.dueAt - 61_000)).toBe('1:01 left');
      expect(dueIn(c, ex, c.deadline.dueAt + 1)).toBe('due now');
    }
    expect(dueIn({ deadline: { ...c.deadline, turn: 2 } }, ex, 0)).toBeNull();
    h.ok(facilitator, { type: 'consultation.extend', consultation: id, deadline: { turn: 1, phase: 'submit' } });
    h.advanceTo(1, 'adjudicate');
    view = project(h.state, nationAudience('CSM'));
    c = view.consultations.find((x) => x.id === id)!;
    expect(takesPositions(c, view.exercise)).toBe(false);
    h.reject(CSM, { type: 'consultation.position', consultation: id, stance: 'support', statement: '' }, 'deadline_passed');
  });
});
