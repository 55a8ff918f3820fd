/** The details of a selected region: who holds it, how stable it is, what is there, what happened. */
import type { View } from '@concord/shared/views/index';
import { channelLabel } from '../format.ts';
import { h } from './dom.ts';
import { nationName } from './labels.ts';

export function regionCard(view: View, id: string, close: () => void): HTMLElement {
  const r = view.map.regions.find((x) => x.id === id);
  if (!r) return h('div', {}, 'Unknown region');
  const owner = r.controller === null ? 'Contested / none' : nationName(view, r.controller);
  const assets = view.assets.filter((a) => a.region === id);
  const injects = view.injects
    .filter((x) => x.regions.includes(id))
    .slice(-5)
    .reverse();
  const actions = view.actions
    .filter((a) => a.regions.includes(id))
    .slice(-5)
    .reverse();
  const outcomes = view.outcomes
    .filter((o) => o.effects.some((e) => (e.kind === 'region' ? e.region === id : e.region === id)))
    .slice(-5)
    .reverse();
  return h(
    'div',
    { 'data-region': id },
    h('button', { class: 'close link', 'aria-label': 'Close', onclick: close }, '✕'),
    h('h3', {}, r.name),
    h('p', { class: 'meta' }, `${r.domain} · ${owner}${r.population ? ` · ${r.population.toLocaleString()}k people` : ''}`),
    h(
      'div',
      { class: 'stability', title: `Stability ${r.stability}/100` },
      h('span', { style: `width:${r.stability}%` }),
      h('em', {}, `Stability ${r.stability}`),
    ),
    r.infrastructure.length
      ? h('p', { class: 'meta' }, `Infrastructure: ${r.infrastructure.map((i) => i.replace(/_/g, ' ')).join(', ')}`)
      : null,
    h('h4', {}, `Assets (${assets.length})`),
    assets.length
      ? h(
          'ul',
          {},
          ...assets.map((a) =>
            h(
              'li',
              {},
              `${a.name} — ${nationName(view, a.owner)}, ${a.type.replace(/_/g, ' ')}, strength ${a.strength}, ${a.readiness.replace('_', ' ')}${a.hidden ? ' (hidden)' : ''}`,
            ),
          ),
        )
      : h('p', { class: 'empty' }, 'None known.'),
    injects.length || actions.length || outcomes.length ? h('h4', {}, 'Recent events') : null,
    h(
      'ul',
      {},
      ...injects.map((x) => h('li', {}, `${channelLabel(x.channel)}: ${x.subject}`)),
      ...actions.map((a) => h('li', {}, `Action (${nationName(view, a.nation)}): ${a.title}`)),
      ...outcomes.map((o) => h('li', {}, `Outcome: ${o.title}`)),
    ),
  );
}
