import { describe, expect, it } from 'vitest';
import { CONTROL, nationAudience, project } from '@concord/shared/views/index';
import { actors, harness, ofType } from '../../../../tests/helpers/harness.ts';
import { aboutChoices, decisionsByNation, reliedChoices } from './decisions.ts';

const { ARN, BRV } = actors;

describe('the decision log', () => {
  it("groups every team's decisions by nation for control, newest first, with the nations that have none", () => {
    const h = harness();
    h.advanceTo(1, 'consult');
    h.ok(ARN, { type: 'decision.record', title: 'First', rationale: 'Because.' });
    h.ok(BRV, { type: 'decision.record', title: 'Bravaria decides', rationale: 'Because.', options: ['Wait', 'Act'] });
    h.ok(ARN, { type: 'decision.record', title: 'Second', rationale: 'Because.', dissent: 'The defence minister.' });
    const groups = decisionsByNation(project(h.state, CONTROL));
    expect(groups.map((g) => [g.name, g.decisions.map((d) => d.title)])).toEqual([
      ['Arnholm', ['Second', 'First']],
      ['Bravaria', ['Bravaria decides']],
      ['Cosmara', []],
    ]);
    // A team reads only its own.
    expect(project(h.state, nationAudience('BRV')).decisions.map((d) => d.title)).toEqual(['Bravaria decides']);
  });

  it('offers what the team holds to rely on, and its agreements to be about', () => {
    const h = harness();
    h.advanceTo(1, 'consult');
    const [p] = ofType(
      h.ok(ARN, {
        type: 'agreement.propose',
        title: 'Grey Sound accord',
        parties: ['BRV'],
        clauses: [{ type: 'consultation', title: 'Consult' }],
        rule: 'consensus',
      }),
      'agreement.proposed',
    );
    const arn = project(h.state, nationAudience('ARN'));
    const groups = reliedChoices(arn);
    expect(groups.map((g) => g.group)).toEqual(['Injects', 'Reports', 'Outcomes']);
    const injects = groups[0]!.items;
    expect(injects.length).toBeGreaterThan(0);
    expect(injects.map((i) => i.cite.id)).toEqual([...arn.injects].sort((a, b) => a.number - b.number).map((i) => i.id));
    for (const i of injects) expect(i.label).toMatch(/^Inject #\d+: /);
    expect(groups[1]!.items.length).toBeGreaterThan(0);
    expect(groups[1]!.items.map((i) => i.cite.id)).toEqual(arn.intel.map((r) => r.id));
    expect(aboutChoices(arn)).toEqual([{ cite: { kind: 'agreement', id: p!.agreement }, label: 'Agreement: Grey Sound accord' }]);
    // CSM is not a party: nothing to be about.
    expect(aboutChoices(project(h.state, nationAudience('CSM')))).toEqual([]);
  });
});
