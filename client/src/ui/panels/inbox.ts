/** A nation's inbox: released injects by channel, unread until the team opens them. */
import type { View } from '@concord/shared/views/index';
import { channelLabel, gameClock } from '../../format.ts';
import { fill, h } from '../dom.ts';
import { intelTitle, positionTitle, regionName } from '../labels.ts';
import { empty, statusSlot, type Ctx, type Panel } from '../panel.ts';

type Inject = View['injects'][number];

export function inboxPanel(): Panel {
  let filter = 'all';
  let open: string | null = null;
  const tabs = h('div', { class: 'chips', role: 'tablist', 'aria-label': 'Channels' });
  const list = h('div', { class: 'list' });
  const slot = statusSlot();
  let last: View | null = null;

  const render = (view: View, ctx: Ctx) => {
    last = view;
    const injects = [...view.injects].sort((a, b) => (b.releasedSeq ?? 0) - (a.releasedSeq ?? 0));
    const channels = [...new Set(injects.map((x) => x.channel))];
    const unread = (c: string) => injects.filter((x) => (c === 'all' || x.channel === c) && !x.acknowledged).length;
    fill(
      tabs,
      ...['all', ...channels].map((c) =>
        h(
          'button',
          {
            class: `chip${filter === c ? ' on' : ''}`,
            role: 'tab',
            'aria-selected': filter === c ? 'true' : 'false',
            onclick: () => {
              filter = c;
              render(view, ctx);
            },
          },
          c === 'all' ? 'All' : channelLabel(c),
          unread(c) ? h('span', { class: 'count' }, unread(c)) : null,
        ),
      ),
    );
    const shown = injects.filter((x) => filter === 'all' || x.channel === filter);
    fill(list, shown.length ? shown.map((x) => item(view, x, ctx)) : empty('Nothing has arrived yet.'));
  };

  const item = (view: View, x: Inject, ctx: Ctx) => {
    const expanded = open === x.id;
    const head = h(
      'button',
      {
        class: `item-head${x.acknowledged ? '' : ' unread'}`,
        'aria-expanded': expanded ? 'true' : 'false',
        'data-inject': x.id,
        onclick: () => {
          open = expanded ? null : x.id;
          if (!expanded && !x.acknowledged && !ctx.readOnly) void ctx.run(slot, { type: 'inject.acknowledge', inject: x.id });
          if (last) render(last, ctx);
        },
      },
      h('span', { class: `tag ch-${x.channel}` }, channelLabel(x.channel)),
      h('span', { class: 'subject' }, x.subject),
      h('span', { class: 'meta' }, `${x.from.name} · T${x.releasedTurn ?? '?'} ${gameClock(view.exercise, x.releasedAt)}`),
    );
    return h(
      'article',
      { class: 'item inject' },
      head,
      expanded
        ? h(
            'div',
            { class: 'item-body' },
            h('p', { class: 'message' }, x.message),
            x.positions.length
              ? h('p', { class: 'meta' }, `For: ${x.positions.map((p) => positionTitle(view, ctx.nation, p)).join(', ')}`)
              : null,
            x.regions.length
              ? h(
                  'p',
                  { class: 'regions' },
                  'Where: ',
                  ...x.regions.map((r) => h('button', { class: 'chip', onclick: () => ctx.selectRegion(r) }, regionName(view, r))),
                )
              : null,
            x.intel ? h('p', { class: 'meta' }, `Attached intelligence report: ${intelTitle(view, x.intel)} (see Intel)`) : null,
          )
        : null,
    );
  };

  return {
    badge: (view) => view.injects.filter((x) => !x.acknowledged).length,
    mount(root) {
      fill(root, tabs, slot, list);
    },
    update: render,
  };
}
