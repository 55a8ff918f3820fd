/** Adjudicated outcomes visible to this audience, newest first. */
import type { View } from '@concord/shared/views/index';
import { gameClock } from '../../format.ts';
import { fill, h } from '../dom.ts';
import { assetName, nationName, nationsLabel, regionName } from '../labels.ts';
import { empty, type Ctx, type Panel } from '../panel.ts';

export function describeEffect(e: View['outcomes'][number]['effects'][number], view: View): string {
  if (e.kind === 'region') {
    const parts: string[] = [];
    if (e.controller !== undefined)
      parts.push(`now controlled by ${e.controller === null ? 'no one (contested)' : nationName(view, e.controller)}`);
    if (e.stability !== undefined) parts.push(`stability ${e.stability}`);
    return `${regionName(view, e.region)}: ${parts.join(', ')}`;
  }
  const parts: string[] = [];
  if (e.region !== undefined) parts.push(`moves to ${regionName(view, e.region)}`);
  if (e.strength !== undefined) parts.push(`strength ${e.strength}`);
  if (e.readiness !== undefined) parts.push(`readiness ${e.readiness.replace('_', ' ')}`);
  if (e.hidden === false) parts.push('revealed');
  return `${assetName(view, e.asset)}: ${parts.join(', ')}`;
}

export function outcomesPanel(): Panel {
  const list = h('div', { class: 'list' });
  return {
    mount(root) {
      fill(root, list);
    },
    update(view: View, _ctx: Ctx) {
      const items = [...view.outcomes].sort((a, b) => b.seq - a.seq);
      fill(
        list,
        items.length
          ? items.map((o) =>
              h(
                'article',
                { class: 'item outcome', 'data-outcome': o.id },
                h('h3', {}, o.title),
                h('p', { class: 'meta' }, `Turn ${o.turn} · ${gameClock(view.exercise, o.at)} · to ${nationsLabel(view, o.visibleTo)}`),
                h('p', { class: 'message' }, o.outcome),
                o.effects.length ? h('ul', { class: 'effects' }, ...o.effects.map((e) => h('li', {}, describeEffect(e, view)))) : null,
                'rationale' in o && typeof o.rationale === 'string' && o.rationale
                  ? h('p', { class: 'control-only' }, h('strong', {}, 'Rationale (control only): '), o.rationale)
                  : null,
              ),
            )
          : empty('No outcomes yet.'),
      );
    },
  };
}
