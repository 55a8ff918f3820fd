/** The public feed for observers: news, social media and outcomes released to everyone. */
import type { View } from '@concord/shared/views/index';
import { channelLabel, gameClock } from '../../format.ts';
import { fill, h } from '../dom.ts';
import { empty, type Ctx, type Panel } from '../panel.ts';

export function feedPanel(): Panel {
  const list = h('div', { class: 'list feed' });
  return {
    mount(root) {
      fill(root, list);
    },
    update(view: View, _ctx: Ctx) {
      const items = [
        ...view.injects.map((x) => ({
          seq: x.releasedSeq ?? 0,
          node: h(
            'article',
            { class: 'item' },
            h('span', { class: `tag ch-${x.channel}` }, channelLabel(x.channel)),
            h('h3', {}, x.subject),
            h('p', { class: 'meta' }, `${x.from.name} · ${gameClock(view.exercise, x.releasedAt)}`),
            h('p', {}, x.message),
          ),
        })),
        ...view.outcomes.map((o) => ({
          seq: o.seq,
          node: h(
            'article',
            { class: 'item outcome' },
            h('span', { class: 'tag' }, 'Outcome'),
            h('h3', {}, o.title),
            h('p', {}, o.outcome),
          ),
        })),
      ].sort((a, b) => b.seq - a.seq);
      fill(list, items.length ? items.map((i) => i.node) : empty('No public news yet.'));
    },
  };
}
