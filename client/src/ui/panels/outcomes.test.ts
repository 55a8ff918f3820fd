import { describe, expect, it } from 'vitest';
import type { View } from '@concord/shared/views/index';
import { describeEffect } from './outcomes.ts';

const view = {
  nations: [{ id: 'KST', name: 'Republic of Kestria', positions: [] }],
  adversary: { id: 'VRK', name: 'Varkan Federation' },
  map: { regions: [{ id: 'sarn-gap', name: 'Sarn Gap' }] },
  assets: [{ id: 'kst-2-mech', name: '2nd Mechanised Brigade' }],
} as unknown as View;

describe('outcome effects', () => {
  it('name the region, the new controller and the asset', () => {
    expect(describeEffect({ kind: 'region', region: 'sarn-gap', controller: 'KST', stability: 55 }, view)).toBe(
      'Sarn Gap: now controlled by Republic of Kestria, stability 55',
    );
    expect(describeEffect({ kind: 'region', region: 'sarn-gap', controller: 'VRK' }, view)).toBe(
      'Sarn Gap: now controlled by Varkan Federation',
    );
    expect(describeEffect({ kind: 'region', region: 'sarn-gap', controller: null }, view)).toBe(
      'Sarn Gap: now controlled by no one (contested)',
    );
    expect(describeEffect({ kind: 'asset', asset: 'kst-2-mech', region: 'sarn-gap', readiness: 'not_ready' }, view)).toBe(
      '2nd Mechanised Brigade: moves to Sarn Gap, readiness not ready',
    );
  });
});
