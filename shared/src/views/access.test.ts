/** The one policy for viewing as another audience and for presence. */
import { describe, expect, it } from 'vitest';
import { harness } from '../../../tests/helpers/harness.ts';
import { mayViewAs, receivesPresence, viewAs } from './access.ts';
import { CONTROL, nationAudience, PUBLIC, type Audience } from './audience.ts';

const EVALUATOR: Audience = { kind: 'control', role: 'evaluator' };
const ALL: Audience[] = [CONTROL, EVALUATOR, PUBLIC, nationAudience('ARN'), nationAudience('BRV')];
const seat = (role: 'facilitator' | 'evaluator' | 'nation' | 'observer', nation: string | null = null) => ({ role, nation });

describe('mayViewAs', () => {
  it('lets facilitators and evaluators look through any audience', () => {
    for (const viewer of [seat('facilitator'), seat('evaluator')]) for (const a of ALL) expect(mayViewAs(viewer, a)).toBe(true);
  });

  it('lets a nation and an observer see only their own audience', () => {
    const allowed = (viewer: ReturnType<typeof seat>) => ALL.filter((a) => mayViewAs(viewer, a));
    expect(allowed(seat('nation', 'ARN'))).toEqual([nationAudience('ARN')]);
    expect(allowed(seat('observer'))).toEqual([PUBLIC]);
    expect(allowed(seat('observer', 'BRV'))).toEqual([nationAudience('BRV')]);
  });
});

describe('receivesPresence', () => {
  it('is for exercise control only', () => {
    expect([seat('facilitator'), seat('evaluator'), seat('nation', 'ARN'), seat('observer')].map(receivesPresence)).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });
});

describe('viewAs', () => {
  const { state } = harness();
  it('without a label: the viewer’s own audience', () => {
    expect(viewAs(state, seat('nation', 'ARN'), undefined)).toEqual({ ok: true, audience: nationAudience('ARN') });
    expect(viewAs(state, seat('evaluator'), undefined)).toEqual({ ok: true, audience: EVALUATOR });
  });

  it('an unknown audience is refused as such, to anyone, before the role is looked at', () => {
    for (const label of ['DRX', 'ZZZ', 'nobody!', '']) {
      for (const viewer of [seat('facilitator'), seat('nation', 'ARN')]) {
        const r = viewAs(state, viewer, label);
        expect(r).toMatchObject({ ok: false, code: 'unknown_audience' });
        expect(!r.ok && r.message).toContain(`"${label}"`);
      }
    }
    const long = viewAs(state, seat('facilitator'), 'x'.repeat(100));
    expect(!long.ok && long.message).toContain(`"${'x'.repeat(40)}..."`);
  });

  it('another audience is refused to a nation, granted to control', () => {
    expect(viewAs(state, seat('nation', 'ARN'), 'BRV')).toMatchObject({ ok: false, code: 'forbidden' });
    expect(viewAs(state, seat('nation', 'ARN'), 'arn')).toEqual({ ok: true, audience: nationAudience('ARN') });
    expect(viewAs(state, seat('observer'), 'facilitator')).toMatchObject({ ok: false, code: 'forbidden' });
    expect(viewAs(state, seat('evaluator'), 'BRV')).toEqual({ ok: true, audience: nationAudience('BRV') });
  });
});
