import { describe, expect, it } from 'vitest';
import { AUDIENCES, audienceOf, ENGINE_CONCERNS, entriesFor, isReadOnly, PANELS, type Audience, type PanelEntry } from './registry.ts';

const tabsOf = (a: Audience) => entriesFor(a).map((e) => `${e.id}:${e.labelFor?.[a] ?? e.label}`);

describe('panel registry', () => {
  it('gives each audience its tabs in order, with their labels', () => {
    expect(tabsOf('facilitator')).toEqual([
      'control:Control',
      'injects:Injects',
      'adjudication:Adjudication',
      'channels:Channels',
      'treaties:Treaties',
      'intel:Intel',
      'outcomes:Outcomes',
      'seats:Seats',
      'brief:Brief',
    ]);
    expect(tabsOf('evaluator')).toEqual([
      'notes:Notes',
      'control:Status',
      'injects:Injects',
      'actions:Actions',
      'channels:Channels',
      'treaties:Treaties',
      'intel:Intel',
      'outcomes:Outcomes',
      'brief:Brief',
    ]);
    expect(tabsOf('nation')).toEqual([
      'inbox:Inbox',
      'intel:Intel',
      'channels:Channels',
      'treaties:Treaties',
      'actions:Actions',
      'outcomes:Outcomes',
      'brief:Brief',
    ]);
    expect(tabsOf('observer')).toEqual(['feed:Public feed', 'brief:Brief']);
  });

  it('shows "view as" the same tabs as the audience looked through, read-only', () => {
    expect(tabsOf('as-nation')).toEqual(tabsOf('nation'));
    expect(tabsOf('as-public')).toEqual(tabsOf('observer'));
    expect(audienceOf('facilitator', null)).toBe('facilitator');
    expect(audienceOf('facilitator', 'control')).toBe('facilitator');
    expect(audienceOf('facilitator', 'ARN')).toBe('as-nation');
    expect(audienceOf('evaluator', 'public')).toBe('as-public');
    expect(AUDIENCES.filter((a) => !isReadOnly(a))).toEqual(['facilitator', 'nation']);
  });

  it('has unique ids, no two tabs at one place, and a tab for every audience', () => {
    expect(new Set(PANELS.map((p) => p.id)).size).toBe(PANELS.length);
    for (const a of AUDIENCES) {
      const places = PANELS.map((p) => p.order[a]).filter((o) => o !== undefined);
      expect(new Set(places).size, a).toBe(places.length);
      expect(places.length, a).toBeGreaterThan(0);
    }
  });

  it('presents every engine concern except lifecycle and turns, which exercise control drives from its console', () => {
    const presented = new Set(PANELS.map((p) => p.concern));
    expect(ENGINE_CONCERNS.filter((c) => !presented.has(c))).toEqual(['lifecycle', 'turns']);
  });

  it('adding a panel for a new concern is one entry', () => {
    const extra: PanelEntry = {
      id: 'logistics',
      concern: 'actions',
      label: 'Logistics',
      order: { nation: 45 },
      load: () => Promise.resolve(() => ({ mount() {}, update() {} })),
    };
    expect(entriesFor('nation', [...PANELS, extra]).map((e) => e.id)).toEqual([
      'inbox',
      'intel',
      'channels',
      'treaties',
      'actions',
      'logistics',
      'outcomes',
      'brief',
    ]);
  });

  it('loads every panel module', async () => {
    for (const p of PANELS) expect(typeof (await p.load()), p.id).toBe('function');
  });
});
