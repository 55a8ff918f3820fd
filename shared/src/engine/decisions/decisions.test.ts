/** The decision log: a team records what it decided and why; it reads its own log, control reads all. */
import { describe, expect, it } from 'vitest';
import { actors, harness, ofType } from '../../../../tests/helpers/harness.ts';
import { CONTROL, EVALUATOR, nationAudience, project, PUBLIC } from '../../views/index.ts';

const { facilitator, ARN, BRV } = actors;

describe('decision.record', () => {
  it('records the decision, the options, the rationale, the dissent and what it relied on', () => {
    const h = harness();
    h.advanceTo(1, 'consult');
    const [e] = ofType(
      h.ok(ARN, {
        type: 'decision.record',
        title: 'Support consultations under Article 2',
        options: ['Support', 'Abstain', 'Oppose'],
        rationale: 'The incursion threatens Bravaria.',
        dissent: 'The defence minister preferred to wait.',
        relied: [
          { kind: 'inject', id: 'hw-inj-01' },
          { kind: 'report', id: 'hw-int-01' },
        ],
      }),
      'decision.recorded',
    );
    expect(e).toMatchObject({ nation: 'ARN', turn: 1, about: null });
    expect(h.state.decisions[0]).toMatchObject({
      id: e!.decision,
      author: { nation: 'ARN', position: 'hog', name: 'Arnholm Prime Minister' },
    });
    expect(project(h.state, nationAudience('ARN')).decisions).toHaveLength(1);
    expect(project(h.state, nationAudience('BRV')).decisions).toEqual([]);
    expect(project(h.state, PUBLIC).decisions).toEqual([]);
    expect(project(h.state, CONTROL).decisions).toHaveLength(1);
    expect(project(h.state, EVALUATOR).decisions).toHaveLength(1);
  });

  it('a team may rely only on what it holds, and hears the same for what it does not hold as for nothing', () => {
    const h = harness();
    h.advanceTo(1, 'consult');
    const base = { type: 'decision.record', title: 'x', rationale: 'y' } as const;
    // hw-int-01 is ARN's, REL TO BRV: Cosmara does not hold it.
    const held = h.reject(actors.CSM, { ...base, relied: [{ kind: 'report', id: 'hw-int-01' }] }, 'not_found');
    const none = h.reject(actors.CSM, { ...base, relied: [{ kind: 'report', id: 'no-such' }] }, 'not_found');
    expect(held).toEqual(none);
    expect(h.reject(BRV, { ...base, about: { kind: 'agreement', id: 'AG1' } }, 'not_found').path).toBe('about.id');
    h.reject(facilitator, base, 'forbidden');
    h.reject(ARN, { ...base, rationale: '' }, 'malformed');
  });
});
