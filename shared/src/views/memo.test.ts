/** The memo helper and the fragment list: cached per audience, one key per fragment. */
import { describe, expect, it } from 'vitest';
import { actors, harness } from '../../../tests/helpers/harness.ts';
import { memo } from './memo.ts';
import { viewCtx } from './context.ts';
import { CONTROL, FRAGMENTS, nationAudience, project, PUBLIC } from './project.ts';

describe('memo', () => {
  it('keys by the audience: one audience never gets what was built for another', () => {
    const owner = {};
    const a = memo(owner, nationAudience('ARN'), ['x'], () => ({ for: 'ARN' }));
    const b = memo(owner, nationAudience('BRV'), ['x'], () => ({ for: 'BRV' }));
    const c = memo(owner, PUBLIC, ['x'], () => ({ for: 'public' }));
    expect([a, b, c].map((v) => v.for)).toEqual(['ARN', 'BRV', 'public']);
    expect(memo(owner, nationAudience('ARN'), ['x'], () => ({ for: 'again' }))).toBe(a);
    expect(memo(owner, { kind: 'control', role: 'evaluator' }, ['x'], () => ({ for: 'evaluator' })).for).toBe('evaluator');
  });

  it('keys by every extra part, and parts cannot run into each other', () => {
    const owner = {};
    const a = memo(owner, PUBLIC, ['a|b', 'c'], () => 1);
    const b = memo(owner, PUBLIC, ['a', 'b|c'], () => 2);
    const c = memo(owner, PUBLIC, [null], () => 3);
    const d = memo(owner, PUBLIC, ['null'], () => 4);
    expect([a, b, c, d]).toEqual([1, 2, 3, 4]);
  });

  it('an unchanged record projects to the very same object, per audience', () => {
    const h = harness();
    h.start();
    const before = project(h.state, nationAudience('ARN'));
    h.ok(actors.ARN, { type: 'message.send', to: ['BRV'], body: 'hello' });
    const after = project(h.state, nationAudience('ARN'));
    expect(after.map.regions[0]).toBe(before.map.regions[0]);
    expect(after.injects[0]).toBe(before.injects[0]);
    expect(after.intel[0]).toBe(before.intel[0]);
    expect(project(h.state, nationAudience('BRV')).map.regions[0]).not.toBe(after.map.regions[0]);
  });
});

describe('fragments', () => {
  it('each gives one key of its own, and the view is exactly their keys after the audience', () => {
    const h = harness();
    h.start();
    for (const audience of [CONTROL, PUBLIC, nationAudience('ARN')]) {
      const ctx = viewCtx(h.state, audience);
      const keys = FRAGMENTS.map((f) => Object.keys(f(ctx)));
      for (const k of keys) expect(k).toHaveLength(1);
      expect(new Set(keys.flat()).size).toBe(FRAGMENTS.length);
      expect(Object.keys(project(h.state, audience))).toEqual(['audience', ...keys.flat()]);
    }
  });
});
