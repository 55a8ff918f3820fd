/**
 * Which side panels each audience sees: one table, read by the shell. Each entry names the
 * concern it presents, the audiences that get its tab (and where the tab sits for each), its
 * tab label, and how to load it. Panel modules are loaded on demand, only for the audience on
 * screen, so a nation's browser never downloads exercise control's console.
 *
 * To add a panel: write it in this folder (a function returning a `Panel`) and add one entry.
 */
import type { Ctx, Panel } from '../panel.ts';

/**
 * The engine's concerns (shared/src/engine/*, in the order of its CONCERNS list), each of which a
 * panel may present. registry.test.ts holds this list to the engine's.
 */
export const ENGINE_CONCERNS = [
  'lifecycle',
  'turns',
  'clock',
  'intel',
  'injects',
  'messaging',
  'negotiation',
  'treaties',
  'decisions',
  'forces',
  'operations',
  'actions',
  'adjudication',
  'escalation',
  'cohesion',
  'evaluation',
] as const;
export type EngineConcern = (typeof ENGINE_CONCERNS)[number];

/**
 * Concerns of the client alone: the scenario's brief, the seats (join codes and participants,
 * served over HTTP), exercise control's console (lifecycle and turns, presence, dice), and the
 * public feed (what is released to everyone).
 */
export type ClientConcern = 'brief' | 'seats' | 'console' | 'feed';
export type Concern = EngineConcern | ClientConcern;

/**
 * Who is looking: the four roles on their own screens, and exercise control or an evaluator
 * looking, read-only, through a nation's eyes ('as-nation') or the public's ('as-public').
 */
export const AUDIENCES = ['facilitator', 'nation', 'evaluator', 'observer', 'as-nation', 'as-public'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** Audiences that may not act: their panels hide forms and buttons that send commands. */
const READ_ONLY: ReadonlySet<Audience> = new Set<Audience>(['evaluator', 'observer', 'as-nation', 'as-public']);

export const isReadOnly = (a: Audience): boolean => READ_ONLY.has(a);

/** Whose screen this is: the participant's role, or what control or an evaluator views it as (a nation id, 'public', or null for their own). */
export function audienceOf(role: Ctx['role'], viewingAs: string | null): Audience {
  if (viewingAs === null || viewingAs === 'control') return role;
  return viewingAs === 'public' ? 'as-public' : 'as-nation';
}

export type PanelFactory = () => Panel;

export interface PanelEntry {
  /** Stable id: the tab's `data-panel`, the body's `panel-<id>` class. */
  id: string;
  concern: Concern;
  /** The tab's label. */
  label: string;
  /** A different label for some audiences. */
  labelFor?: Partial<Record<Audience, string>>;
  /** The audiences that get this tab, each with the tab's place among theirs (lower first). */
  order: Partial<Record<Audience, number>>;
  /** Load the panel's module; resolves to the function that makes a fresh panel. */
  load(): Promise<PanelFactory>;
}

export const PANELS: readonly PanelEntry[] = [
  {
    id: 'control',
    concern: 'console',
    label: 'Control',
    labelFor: { evaluator: 'Status' },
    order: { facilitator: 10, evaluator: 20 },
    load: () => import('./control.ts').then((m) => m.controlPanel),
  },
  {
    id: 'notes',
    concern: 'evaluation',
    label: 'Notes',
    order: { evaluator: 10 },
    load: () => import('./notes.ts').then((m) => m.notesPanel),
  },
  {
    id: 'inbox',
    concern: 'injects',
    label: 'Inbox',
    order: { nation: 10, 'as-nation': 10 },
    load: () => import('./inbox.ts').then((m) => m.inboxPanel),
  },
  {
    id: 'injects',
    concern: 'injects',
    label: 'Injects',
    order: { facilitator: 20, evaluator: 30 },
    load: () => import('./injects.ts').then((m) => m.injectsPanel),
  },
  {
    id: 'feed',
    concern: 'feed',
    label: 'Public feed',
    order: { observer: 10, 'as-public': 10 },
    load: () => import('./feed.ts').then((m) => m.feedPanel),
  },
  {
    id: 'adjudication',
    concern: 'adjudication',
    label: 'Adjudication',
    order: { facilitator: 30 },
    load: () => import('./adjudication.ts').then((m) => m.adjudicationPanel),
  },
  {
    id: 'intel',
    concern: 'intel',
    label: 'Intel',
    order: { facilitator: 50, nation: 20, 'as-nation': 20, evaluator: 60 },
    load: () => import('./intel.ts').then((m) => m.intelPanel),
  },
  {
    id: 'channels',
    concern: 'messaging',
    label: 'Channels',
    order: { facilitator: 40, nation: 30, 'as-nation': 30, evaluator: 50 },
    load: () => import('./channels.ts').then((m) => m.channelsPanel),
  },
  {
    id: 'negotiation',
    concern: 'negotiation',
    label: 'Negotiation',
    labelFor: { facilitator: 'Negotiations', evaluator: 'Negotiations', observer: 'Agreements', 'as-public': 'Agreements' },
    order: { facilitator: 45, nation: 35, 'as-nation': 35, evaluator: 55, observer: 35, 'as-public': 35 },
    load: () => import('./negotiation.ts').then((m) => m.negotiationPanel),
  },
  {
    id: 'decisions',
    concern: 'decisions',
    label: 'Decision log',
    order: { facilitator: 65, nation: 60, 'as-nation': 60, evaluator: 75 },
    load: () => import('./decisions.ts').then((m) => m.decisionsPanel),
  },
  {
    id: 'actions',
    concern: 'actions',
    label: 'Actions',
    order: { nation: 40, 'as-nation': 40, evaluator: 40 },
    load: () => import('./actions.ts').then((m) => m.actionsPanel),
  },
  {
    id: 'outcomes',
    concern: 'adjudication',
    label: 'Outcomes',
    order: { facilitator: 60, nation: 50, 'as-nation': 50, evaluator: 70 },
    load: () => import('./outcomes.ts').then((m) => m.outcomesPanel),
  },
  {
    id: 'seats',
    concern: 'seats',
    label: 'Seats',
    order: { facilitator: 70 },
    load: () => import('./seats.ts').then((m) => m.seatsPanel),
  },
  {
    id: 'treaties',
    concern: 'treaties',
    label: 'Treaties',
    order: { facilitator: 47, nation: 37, 'as-nation': 37, evaluator: 57 },
    load: () => import('./treaties.ts').then((m) => m.treatiesPanel),
  },
  {
    id: 'alliance',
    concern: 'escalation',
    label: 'Alliance',
    order: { facilitator: 62, evaluator: 72 },
    load: () => import('./escalation.ts').then((m) => m.alliancePanel),
  },
  {
    id: 'allies',
    concern: 'cohesion',
    label: 'Allies',
    order: { nation: 39, 'as-nation': 39 },
    load: () => import('./allies.ts').then((m) => m.alliesPanel),
  },
  {
    id: 'operations',
    concern: 'operations',
    label: 'Operations',
    labelFor: { facilitator: 'Joint operations', evaluator: 'Joint operations' },
    order: { facilitator: 48, nation: 38, 'as-nation': 38, evaluator: 58 },
    load: () => import('./operations.ts').then((m) => m.operationsPanel),
  },
  {
    id: 'brief',
    concern: 'brief',
    label: 'Brief',
    order: { facilitator: 90, nation: 90, 'as-nation': 90, evaluator: 90, observer: 90, 'as-public': 90 },
    load: () => import('./brief.ts').then((m) => m.briefPanel),
  },
];

/** A tab as the shell shows it: the registry's entry, its label for this audience, and a fresh panel. */
export interface Tab {
  id: string;
  concern: Concern;
  label: string;
  panel: Panel;
}

/** The entries this audience gets, in tab order. */
export function entriesFor(audience: Audience, table: readonly PanelEntry[] = PANELS): PanelEntry[] {
  const placed: Array<{ entry: PanelEntry; at: number }> = [];
  for (const entry of table) {
    const at = entry.order[audience];
    if (at !== undefined) placed.push({ entry, at });
  }
  return placed.sort((a, b) => a.at - b.at).map((p) => p.entry);
}

/** Load this audience's panels (in parallel) and make a fresh one of each. */
export function loadTabs(audience: Audience, table: readonly PanelEntry[] = PANELS): Promise<Tab[]> {
  return Promise.all(
    entriesFor(audience, table).map(async (e) => {
      const make = await e.load();
      return { id: e.id, concern: e.concern, label: e.labelFor?.[audience] ?? e.label, panel: make() };
    }),
  );
}
