/**
 * Message threads as the Channels panel lists them: between nations, with a persona (played by
 * exercise control), or a team's thread with exercise control itself. Pure: which threads a
 * reader has, what each is called, and what a reply or a new message sends.
 */
import type { View } from '@concord/shared/views/index';
import { channelTitle, nationName, nationsLabel } from '../labels.ts';

export type ThreadKind = 'nations' | 'persona' | 'control';
type Message = View['messages'][number];
export type Counterpart = Message['counterpart'];

export interface Thread {
  /** The channel id, as the engine names it ("CAL+KST", "KST@ledger", "KST@control"). */
  id: string;
  kind: ThreadKind;
  /** The nations on the thread, sorted. */
  members: readonly string[];
  persona: string | null;
  /** Sequence number of the last message (0 for a thread with none yet). */
  last: number;
  count: number;
}

/** The engine's channel id of a set of nations and a counterpart (messaging/decide.ts `channelId`). */
export function threadId(members: readonly string[], counterpart: Counterpart): string {
  const base = [...new Set(members)].sort().join('+');
  if (counterpart === null) return base;
  return `${base}@${counterpart.kind === 'persona' ? counterpart.persona : 'control'}`;
}

const kindOf = (c: Counterpart): ThreadKind => (c === null ? 'nations' : c.kind);

/**
 * The reader's threads, most recent first. A nation always has its thread with exercise control,
 * even before anything is written on it; threads with no messages come last.
 */
export function threadsOf(view: Pick<View, 'messages'>, self: string | null): Thread[] {
  const byId = new Map<string, Thread>();
  for (const m of view.messages) {
    const t = byId.get(m.channel);
    if (t) {
      t.last = Math.max(t.last, m.seq);
      t.count++;
    } else
      byId.set(m.channel, {
        id: m.channel,
        kind: kindOf(m.counterpart),
        members: m.members,
        persona: m.counterpart?.kind === 'persona' ? m.counterpart.persona : null,
        last: m.seq,
        count: 1,
      });
  }
  if (self !== null) {
    const own = threadId([self], { kind: 'control' });
    if (!byId.has(own)) byId.set(own, { id: own, kind: 'control', members: [self], persona: null, last: 0, count: 0 });
  }
  return [...byId.values()].sort((a, b) => b.last - a.last || a.id.localeCompare(b.id));
}

type Cast = Pick<View, 'nations' | 'adversary' | 'personas'>;

/** A thread's title and a line about it, by name: "The Saltmere Ledger", "Independent newspaper · with Kestria". */
export function threadTitle(
  view: Cast,
  t: Pick<Thread, 'kind' | 'members' | 'persona'>,
  self: string | null,
): { title: string; detail: string } {
  const others = t.members.filter((m) => m !== self);
  switch (t.kind) {
    case 'nations':
      return { title: channelTitle(view, t.members, self), detail: t.members.length > 2 ? 'Multilateral' : 'Bilateral' };
    case 'persona': {
      const p = view.personas.find((x) => x.id === t.persona);
      const who = self === null ? nationsLabel(view, t.members) : others.length ? `with ${nationsLabel(view, others)}` : null;
      return { title: p?.name ?? 'A persona', detail: [p?.affiliation ?? null, who].filter(Boolean).join(' · ') };
    }
    case 'control':
      return self === null
        ? {
            title: `${t.members.map((m) => nationName(view, m)).join(' · ')} — exercise control`,
            detail: "The team's thread with the white cell",
          }
        : {
            title: 'Exercise control',
            detail: others.length ? `The white cell · with ${nationsLabel(view, others)}` : 'The white cell',
          };
  }
}

/** Who a message goes to: the other nations on the thread, and the persona or exercise control. */
export interface Address {
  to: string[];
  persona?: string;
  control?: true;
}

/**
 * What a reply in a thread sends. A nation answers on the same thread: to the other nations on
 * it (possibly none), with the persona or `control: true`. Exercise control answers a team's
 * control thread as itself (to that team, no persona), a persona thread as the persona, and a
 * thread between nations as itself or as the persona it chooses (`writeAs`), which opens that
 * counterpart's thread with the same nations.
 */
export function replyAddress(t: Pick<Thread, 'kind' | 'members' | 'persona'>, self: string | null, writeAs: string | null = null): Address {
  const to = t.members.filter((m) => m !== self);
  if (self !== null) {
    if (t.kind === 'persona' && t.persona !== null) return { to, persona: t.persona };
    if (t.kind === 'control') return { to, control: true };
    return { to };
  }
  if (t.kind === 'persona' && t.persona !== null) return { to, persona: t.persona };
  if (t.kind === 'control') return { to };
  return writeAs ? { to, persona: writeAs } : { to };
}

/** The thread a message with this address lands on (the engine's rule: sender's nation plus the recipients). */
export function threadOf(a: Address, self: string | null, nations: readonly string[]): string {
  const members = new Set<string>(self !== null ? [self] : []);
  for (const t of a.to) {
    if (t === 'ALL') for (const n of nations) members.add(n);
    else members.add(t);
  }
  const counterpart: Counterpart =
    a.persona !== undefined ? { kind: 'persona', persona: a.persona } : self === null || a.control ? { kind: 'control' } : null;
  return threadId([...members], counterpart);
}
