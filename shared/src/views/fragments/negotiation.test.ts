/**
 * Who sees an agreement: its parties and control, everything; a former party, the agreement as it
 * stood when it left; once published, everyone the text in force; anyone else, nothing at all.
 */
import { describe, expect, it } from 'vitest';
import { actors, harness, ofType } from '../../../../tests/helpers/harness.ts';
import { CONTROL, nationAudience, project, PUBLIC } from '../project.ts';
import type { AgreementVersion } from '../../engine/index.ts';
import { versionChanges } from './negotiation.ts';

const { ARN, BRV, CSM } = actors;
const clause = { type: 'basing_access', title: 'Ports', text: 'Each party opens its ports.' } as const;

function threeWay() {
  const h = harness();
  h.advanceTo(1, 'consult');
  const [p] = ofType(
    h.ok(ARN, {
      type: 'agreement.propose',
      title: 'Draft CANARY-TITLE-1',
      text: 'CANARY-TEXT-1',
      parties: ['BRV'],
      clauses: [clause],
      rule: 'majority',
    }),
    'agreement.proposed',
  );
  return { h, id: p!.agreement };
}

describe('agreement views', () => {
  it('a non-party and the public see nothing of a draft; parties and control see every version and vote', () => {
    const { h, id } = threeWay();
    h.ok(BRV, { type: 'agreement.amend', agreement: id, version: 1, text: 'CANARY-TEXT-2', note: 'CANARY-NOTE' });
    h.ok(BRV, { type: 'agreement.reject', agreement: id, version: 2, reason: 'CANARY-REASON' });
    for (const a of [nationAudience('CSM'), PUBLIC]) {
      const v = project(h.state, a);
      expect(v.agreements).toEqual([]);
      expect(JSON.stringify(v)).not.toMatch(/CANARY|AG\d/);
    }
    for (const a of [nationAudience('ARN'), nationAudience('BRV'), CONTROL]) {
      const [ag] = project(h.state, a).agreements;
      expect(ag?.versions.map((v) => v.text)).toEqual(['CANARY-TEXT-1', 'CANARY-TEXT-2']);
      expect(ag?.versions[1]?.changes?.text).toEqual([
        { value: 'CANARY-TEXT-' },
        { value: '1', removed: true },
        { value: '2', added: true },
      ]);
      expect(ag?.status).toBe('rejected');
    }
  });

  it('a former party sees the agreement as it stood when it withdrew, nothing after', () => {
    const h = harness();
    h.advanceTo(1, 'consult');
    const [p] = ofType(
      h.ok(ARN, { type: 'agreement.propose', title: 'Three-way', parties: ['BRV', 'CSM'], clauses: [clause], rule: 'consensus' }),
      'agreement.proposed',
    );
    const id = p!.agreement;
    h.ok(CSM, { type: 'agreement.withdraw', agreement: id, reason: 'Not for us.' });
    h.ok(BRV, { type: 'agreement.amend', agreement: id, version: 1, title: 'Two-way AFTER-LEAVING' });
    const [csm] = project(h.state, nationAudience('CSM')).agreements;
    expect(csm?.access).toBe('former');
    expect(csm?.versions.map((v) => v.title)).toEqual(['Three-way']);
    expect(csm?.parties).toEqual(['ARN', 'BRV', 'CSM']);
    expect(JSON.stringify(csm)).not.toContain('AFTER-LEAVING');
    h.reject(CSM, { type: 'agreement.sign', agreement: id, version: 2 }, 'not_party');
    expect(project(h.state, nationAudience('ARN')).agreements[0]?.parties).toEqual(['ARN', 'BRV']);
  });

  it('a former party does not see a deadline control moved after it left', () => {
    const h = harness();
    h.advanceTo(1, 'consult');
    const [p] = ofType(
      h.ok(ARN, {
        type: 'agreement.propose',
        title: 'Three-way',
        parties: ['BRV', 'CSM'],
        clauses: [clause],
        rule: 'consensus',
        deadline: { turn: 2, phase: 'consult' },
      }),
      'agreement.proposed',
    );
    const id = p!.agreement;
    h.ok(CSM, { type: 'agreement.withdraw', agreement: id });
    const before = JSON.stringify(project(h.state, nationAudience('CSM')).agreements);
    h.ok(actors.facilitator, { type: 'agreement.extend', agreement: id, deadline: { turn: 3, phase: 'consult' } });
    expect(JSON.stringify(project(h.state, nationAudience('CSM')).agreements)).toBe(before);
    expect(project(h.state, nationAudience('ARN')).agreements[0]?.versions[0]?.deadline).toMatchObject({ turn: 3, phase: 'consult' });
  });

  it('published: every nation and the public read the text in force and its signatories, never the drafts', () => {
    const { h, id } = threeWay();
    h.ok(BRV, { type: 'agreement.amend', agreement: id, version: 1, title: 'Final title', text: 'FINAL-TEXT', note: 'DRAFT-NOTE' });
    h.ok(ARN, { type: 'agreement.sign', agreement: id, version: 2, reservations: 'On our terms.' });
    expect(h.state.agreements[id]!.status).toBe('negotiating');
    h.ok(BRV, { type: 'agreement.sign', agreement: id, version: 2 });
    expect(h.state.agreements[id]!.status).toBe('in_force');
    expect(project(h.state, PUBLIC).agreements).toEqual([]);
    h.ok(BRV, { type: 'agreement.publish', agreement: id });
    for (const a of [nationAudience('CSM'), PUBLIC]) {
      const [ag] = project(h.state, a).agreements;
      expect(ag).toMatchObject({ access: 'public', status: 'in_force', parties: ['ARN', 'BRV'] });
      expect(ag?.versions).toHaveLength(1);
      expect(ag?.versions[0]?.text).toBe('FINAL-TEXT');
      expect(Object.keys(ag?.versions[0]?.ballot.votes ?? {})).toEqual(['ARN', 'BRV']);
      expect(JSON.stringify(ag)).not.toMatch(/CANARY|DRAFT-NOTE/);
    }
    h.reject(CSM, { type: 'agreement.sign', agreement: id, version: 2 }, 'not_party');
  });

  it('versionChanges diffs clauses one by one', () => {
    const { h, id } = threeWay();
    h.ok(BRV, {
      type: 'agreement.amend',
      agreement: id,
      version: 1,
      clauses: [
        { ...clause, regions: ['bravaria'] },
        { type: 'mutual_aid', title: 'Aid' },
      ],
    });
    const [v1, v2] = h.state.agreements[id]!.versions;
    const c = versionChanges(v1, v2!);
    expect(c?.title).toBeNull();
    expect(c?.clauses.map((x) => [x.index, x.change])).toEqual([
      [0, 'changed'],
      [1, 'added'],
    ]);
    expect(versionChanges(undefined, v1!)).toBeNull();
  });
});

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
