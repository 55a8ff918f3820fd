import { describe, expect, it } from 'vitest';
import type { AgreementVersion } from '../../engine/index.ts';
import { versionChanges } from './negotiation.ts';

const version = (number: number, regions: string[]): AgreementVersion => ({
  number,
  title: 'Basing',
  text: '',
  clauses: [{ type: 'basing_access', title: 'Access', text: 'Forces may enter.', regions }],
  author: { nation: 'ARN', position: null, name: 'A' },
  note: '',
  ballot: { rule: 'consensus', voters: ['ARN', 'BRV'], votes: {}, deadline: null },
  closed: null,
  seq: number,
  at: number,
  turn: 1,
});

describe('versionChanges', () => {
  it('diffs a basing clause by region names, never ids', () => {
    const names: Record<string, string> = { 'sarn-gap': 'Sarn Gap', koldar: 'Koldar Oblast' };
    const c = versionChanges(version(1, ['sarn-gap']), version(2, ['sarn-gap', 'koldar']), (id) => names[id] ?? id);
    const text = c!.clauses[0]!.parts!.map((p) => p.value).join('');
    expect(text).toContain('Sarn Gap, Koldar Oblast');
    expect(text).not.toContain('sarn-gap');
    expect(c!.clauses[0]!.parts!.filter((p) => p.added).map((p) => p.value)).toEqual([', Koldar Oblast']);
  });
});
