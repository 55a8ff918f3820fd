/** Evaluation notes: written by evaluators (and control), read only by them. */
import { describe, expect, it } from 'vitest';
import { actors, harness, only } from '../../../../tests/helpers/harness.ts';
import { CONTROL, nationAudience, project, PUBLIC } from '../../views/index.ts';

const { facilitator, evaluator, observer, ARN } = actors;

describe('note.record', () => {
  it('records a time-stamped note linked to an inject and a team, visible only to control', () => {
    const h = harness();
    h.ok(facilitator, { type: 'exercise.start' });
    const e = only(
      h.ok(evaluator, {
        type: 'note.record',
        text: 'EVAL-NOTE ARN read the periscope report within minutes.',
        inject: 'hw-inj-01',
        nation: 'ARN',
      }),
      'note.recorded',
    );
    expect(e).toMatchObject({ turn: 1, inject: 'hw-inj-01', nation: 'ARN' });
    expect(h.state.notes).toHaveLength(1);
    expect(h.state.notes[0]).toMatchObject({ author: evaluator.name, role: 'evaluator' });
    expect(JSON.stringify(project(h.state, CONTROL))).toContain('EVAL-NOTE');
    expect(JSON.stringify(project(h.state, nationAudience('ARN')))).not.toContain('EVAL-NOTE');
    expect(JSON.stringify(project(h.state, PUBLIC))).not.toContain('EVAL-NOTE');
  });

  it('refuses unknown references and non-evaluators, changing nothing', () => {
    const h = harness();
    h.reject(evaluator, { type: 'note.record', text: 'x', inject: 'nope' }, 'unknown_inject');
    h.reject(evaluator, { type: 'note.record', text: 'x', nation: 'XYZ' }, 'unknown_nation');
    h.reject(ARN, { type: 'note.record', text: 'x' }, 'forbidden');
    h.reject(observer, { type: 'note.record', text: 'x' }, 'forbidden');
    h.reject(evaluator, { type: 'note.record', text: '' }, 'malformed');
  });
});
