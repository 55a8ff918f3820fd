import { describe, expect, it } from 'vitest';
import type { View } from '@concord/shared/views/index';
import {
  actionTypeLabel,
  AGREEMENT_RULES,
  agreementStatusLabel,
  assetName,
  citationLabel,
  CLASSIFICATIONS,
  CLAUSE_TYPES,
  clauseTypeLabel,
  MOTIONS,
  ruleExplain,
  ruleLabel,
  STANCES,
  stanceLabel,
  withNames,
  channelTitle,
  injectLabel,
  intelTitle,
  nationName,
  nationsLabel,
  phaseLabel,
  positionTitle,
  regionName,
  seatLabel,
} from './labels.ts';

const view = {
  exercise: {
    phases: [
      { id: 'brief', label: 'Situation brief' },
      { id: 'consult', label: 'Consultation and negotiation' },
    ],
  },
  nations: [
    {
      id: 'KST',
      name: 'Republic of Kestria',
      positions: [
        { id: 'hog', title: 'President' },
        { id: 'fm', title: 'Minister of Foreign Affairs' },
      ],
    },
    {
      id: 'CAL',
      name: 'Republic of Calvaria',
      positions: [
        { id: 'hog', title: 'Prime Minister' },
        { id: 'fm', title: 'Minister of Foreign Affairs' },
      ],
    },
    { id: 'LND', name: 'Kingdom of Lindmark', positions: [{ id: 'stratcom', title: 'Head of Government Communications' }] },
  ],
  adversary: { id: 'VRK', name: 'Varkan Federation' },
  map: { regions: [{ id: 'sarn-gap', name: 'Sarn Gap' }] },
  assets: [{ id: 'kst-2-mech', name: '2nd Mechanised Brigade' }],
  injects: [{ id: 'nl-inj-03', number: 3, subject: 'Gas pressure drops' }],
  intel: [{ id: 'nl-int-01', title: 'Varkan armour near the Sarn Gap' }],
  outcomes: [{ id: 'O7', title: 'Varkan units pull back' }],
  agreements: [{ id: 'AG3', title: 'Sarn Gap air policing' }],
  consultations: [{ id: 'C9', treatyName: 'Saltmere Compact', article: 'Art. 4', clauseTitle: 'Consultation' }],
} as unknown as View;

describe('names for the ids a view carries', () => {
  it('names nations and the adversary, and keeps an unknown id', () => {
    expect(nationName(view, 'KST')).toBe('Republic of Kestria');
    expect(nationName(view, 'VRK')).toBe('Varkan Federation');
    expect(nationName(view, 'XYZ')).toBe('XYZ');
  });

  it('says who a list of nations is: everyone, nobody, or their names', () => {
    expect(nationsLabel(view, 'ALL')).toBe('everyone');
    expect(nationsLabel(view, ['ALL'])).toBe('everyone');
    expect(nationsLabel(view, ['KST', 'ALL'])).toBe('everyone');
    expect(nationsLabel(view, [])).toBe('nobody');
    expect(nationsLabel(view, ['KST', 'CAL'])).toBe('Republic of Kestria, Republic of Calvaria');
  });

  it("titles positions within the nation's team", () => {
    expect(positionTitle(view, 'KST', 'hog')).toBe('President');
    expect(positionTitle(view, 'CAL', 'hog')).toBe('Prime Minister');
    expect(positionTitle(view, null, 'stratcom')).toBe('Head of Government Communications');
    expect(positionTitle(view, 'KST', 'chod')).toBe('chod');
  });

  it('labels seats: the nation and position for a team, the role for everyone else', () => {
    expect(seatLabel(view, { role: 'nation', nation: 'KST', position: 'fm' })).toBe('Republic of Kestria — Minister of Foreign Affairs');
    expect(seatLabel(view, { role: 'nation', nation: 'KST', position: null })).toBe('Republic of Kestria');
    expect(seatLabel(view, { role: 'facilitator', nation: null, position: null })).toBe('Exercise control');
    expect(seatLabel(view, { role: 'evaluator', nation: null, position: null })).toBe('Evaluator');
    expect(seatLabel(view, { role: 'observer', nation: null, position: null })).toBe('Observer');
    expect(seatLabel(view, { role: 'observer', nation: 'CAL', position: null })).toBe('Observer, Republic of Calvaria');
    expect(seatLabel(null, { role: 'nation', nation: 'KST', position: 'fm' })).toBe('Nation team');
  });

  it('names channels by their other members', () => {
    expect(channelTitle(view, ['CAL', 'KST'], 'CAL')).toBe('Republic of Kestria');
    expect(channelTitle(view, ['CAL', 'KST', 'LND'], 'KST')).toBe('Republic of Calvaria · Kingdom of Lindmark');
    expect(channelTitle(view, ['CAL', 'KST'], null)).toBe('Republic of Calvaria · Republic of Kestria');
  });

  it('names regions, assets, injects, reports and phases', () => {
    expect(regionName(view, 'sarn-gap')).toBe('Sarn Gap');
    expect(assetName(view, 'kst-2-mech')).toBe('2nd Mechanised Brigade');
    expect(injectLabel(view, 'nl-inj-03')).toBe('Inject #3: Gas pressure drops');
    expect(intelTitle(view, 'nl-int-01')).toBe('Varkan armour near the Sarn Gap');
    expect(phaseLabel(view, 'consult')).toBe('Consultation and negotiation');
    expect(regionName(view, 'nowhere')).toBe('nowhere');
  });

  it('labels action types', () => {
    expect(actionTypeLabel('military')).toBe('Military');
    expect(actionTypeLabel('something_new')).toBe('Something new');
  });
});

describe('negotiation labels', () => {
  it('labels every clause type, rule, status, stance and motion', () => {
    expect(CLAUSE_TYPES.map((t) => t.label)).toEqual([
      'Consultation',
      'Collective defence',
      'Intelligence sharing',
      'Basing and access',
      'Burden sharing',
      'Sanctions coordination',
      'Mutual aid',
      'Non-aggression',
    ]);
    expect(clauseTypeLabel('basing_access')).toBe('Basing and access');
    expect(AGREEMENT_RULES.map((r) => r.id)).toEqual(['consensus', 'majority', 'silence']);
    for (const r of AGREEMENT_RULES) expect(r.explain.length, r.id).toBeGreaterThan(20);
    expect(ruleLabel('silence')).toBe('Silence procedure');
    expect(ruleLabel('unilateral')).toBe('Unilateral');
    expect(ruleExplain('consensus')).toMatch(/veto/);
    expect(agreementStatusLabel('negotiating')).toBe('In negotiation');
    expect(agreementStatusLabel('in_force')).toBe('In force');
    expect(STANCES.map((s) => s.label)).toEqual(['Support', 'Oppose', 'Abstain']);
    expect(stanceLabel('abstain')).toBe('Abstain');
    expect(MOTIONS.map((m) => m.id)).toEqual(['suspend', 'resume', 'terminate']);
    expect(CLASSIFICATIONS).toEqual(['UNCLASSIFIED', 'RESTRICTED', 'CONFIDENTIAL', 'SECRET', 'TOP SECRET']);
  });

  it("puts names in the engine's sentences, leaving other capitals alone", () => {
    expect(withNames(view, 'Vetoed by CAL.')).toBe('Vetoed by Republic of Calvaria.');
    expect(withNames(view, 'KST withdrew; fewer than two parties are left.')).toBe(
      'Republic of Kestria withdrew; fewer than two parties are left.',
    );
    expect(withNames(view, 'Silence broken by KST, LND.')).toBe('Silence broken by Republic of Kestria, Kingdom of Lindmark.');
    expect(withNames(view, 'The GDP and NATO stay; VRK moves.')).toBe('The GDP and NATO stay; Varkan Federation moves.');
  });

  it('names what a citation cites', () => {
    expect(citationLabel(view, { kind: 'inject', id: 'nl-inj-03' })).toBe('Inject #3: Gas pressure drops');
    expect(citationLabel(view, { kind: 'report', id: 'nl-int-01' })).toBe('Report: Varkan armour near the Sarn Gap');
    expect(citationLabel(view, { kind: 'outcome', id: 'O7' })).toBe('Outcome: Varkan units pull back');
    expect(citationLabel(view, { kind: 'agreement', id: 'AG3' })).toBe('Agreement: Sarn Gap air policing');
    expect(citationLabel(view, { kind: 'consultation', id: 'C9' })).toBe('Consultation: Saltmere Compact, Art. 4 Consultation');
  });
});
