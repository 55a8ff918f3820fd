import { describe, expect, it } from 'vitest';
import { CONCERNS } from '@concord/shared/engine/concerns';
import { AUDIENCES, audienceOf, ENGINE_CONCERNS, entriesFor, isReadOnly, PANELS, type Audience, type PanelEntry } from './registry.ts';

const tabsOf = (a: Audience) => entriesFor(a).map((e) => `${e.id}:${e.labelFor?.[a] ?? e.label}`);

describe('panel registry', () => {
  it('gives each audience its tabs in order, with their labels', () => {
    expect(tabsOf('facilitator')).toEqual([
      'control:Control',
      'injects:Injects',
      'adjudication:Adjudication',
      'channels:Channels',
      'negotiation:Negotiations',
      'treaties:Treaties',
      'operations:Joint operations',
      'intel:Intel',
      'outcomes:Outcomes',
      'alliance:Alliance',
      'decisions:Decision log',
      'seats:Seats',
      'brief:Brief',
    ]);
    expect(tabsOf('evaluator')).toEqual([
      'notes:Notes',
      'control:Status',
      'injects:Injects',
      'actions:Actions',
      'channels:Channels',
      'negotiation:Negotiations',
      'treaties:Treaties',
      'operations:Joint operations',
      'intel:Intel',
      'outcomes:Outcomes',
      'alliance:Alliance',
      'decisions:Decision log',
      'brief:Brief',
    ]);
    expect(tabsOf('nation')).toEqual([
      'inbox:Inbox',
      'intel:Intel',
      'channels:Channels',
      'negotiation:Negotiation',
      'treaties:Treaties',
      'operations:Operations',
      'allies:Allies',
      'actions:Actions',
      'outcomes:Outcomes',
      'decisions:Decision log',
      'brief:Brief',
    ]);
    expect(tabsOf('observer')).toEqual(['feed:Public feed', 'negotiation:Agreements', 'brief:Brief']);
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

  it("lists the engine's concerns, in the engine's order", () => {
    expect([...ENGINE_CONCERNS]).toEqual(CONCERNS.map((c) => c.name));
  });

  it('presents every engine concern except those exercise control drives from its console, and those still without a panel', () => {
    const presented = new Set(PANELS.map((p) => p.concern));
    // lifecycle, turns and clock: the console and the top bar. forces: the map draws access and
    // deployments, and the region card deploys.
    expect(ENGINE_CONCERNS.filter((c) => !presented.has(c))).toEqual(['lifecycle', 'turns', 'clock', 'forces']);
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
      'negotiation',
      'treaties',
      'operations',
      'allies',
      'actions',
      'logistics',
      'outcomes',
      'decisions',
      'brief',
    ]);
  });

  it('loads every panel module', async () => {
    for (const p of PANELS) expect(typeof (await p.load()), p.id).toBe('function');
  });
});
