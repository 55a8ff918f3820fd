/** Allies' positions: a nation reads the actions its allies shared with the alliance, marked as theirs, without their argument. */
import { describe, expect, it } from 'vitest';
import { nationAudience, PUBLIC, project } from '../index.ts';
import { actors, harness, ofType } from '../../../../tests/helpers/harness.ts';

const { ARN } = actors;

describe('allied shared actions', () => {
  it('reach the other allies only when shared, marked as the ally’s, without the matrix argument', () => {
    const h = harness();
    h.advanceTo(1, 'submit');
    const [shared] = ofType(
      h.ok(ARN, {
        type: 'action.submit',
        actionType: 'diplomatic',
        title: 'Joint statement',
        text: 'We stand together.',
        shareWithAllies: true,
        argument: { result: 'ARGUMENT-MARK', reasons: ['REASON-MARK'] },
      }),
      'action.submitted',
    );
    h.ok(ARN, { type: 'action.submit', actionType: 'military', title: 'SECRET-PLAN', text: 'Alone.' });
    const brv = project(h.state, nationAudience('BRV'));
    expect(brv.actions).toEqual([expect.objectContaining({ id: shared!.id, nation: 'ARN', ally: true, argument: null })]);
    const text = JSON.stringify(brv);
    expect(text).not.toContain('SECRET-PLAN');
    expect(text).not.toContain('ARGUMENT-MARK');
    expect(project(h.state, PUBLIC).actions).toEqual([]);
    // The nation's own shared action is its own, argument and all.
    expect(project(h.state, nationAudience('ARN')).actions.find((a) => a.id === shared!.id)).not.toHaveProperty('ally');
    expect(project(h.state, nationAudience('ARN')).allies?.map((a) => a.nation)).toEqual(['BRV', 'CSM']);
  });
});
