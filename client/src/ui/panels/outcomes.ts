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

type Outcome = View['outcomes'][number];

/** How the outcome was reached, for those who read it: "Table: Military — d100 62 → Success (40%)", "Matrix: 55% odds, rolled 31 → success". */
export function methodLine(o: Outcome): string | null {
  const m = o.method;
  if (!m) return null;
  const followed =
    m.method === 'matrix'
      ? `Matrix: ${m.odds ?? 0}% odds, rolled ${m.roll} → ${m.success ? 'success' : 'failure'}`
      : `Table: ${m.table ?? ''} — d100 ${m.roll}${m.modifier ? ` ${m.modifier > 0 ? '+' : '−'} ${Math.abs(m.modifier)} = ${m.adjusted}` : ''} → ${m.label ?? ''}${m.chance === null ? '' : ` (${m.chance}%)`}`;
  return m.departed && m.recorded !== null
    ? `${followed}; control recorded ${m.recorded} instead`
    : m.departed
      ? `${followed}; control departed from it`
      : followed;
}

/** Who reads an outcome, in words; nobody ticked is said so. */
export function readersLine(view: View, visibleTo: Outcome['visibleTo']): string {
  return visibleTo !== 'ALL' && visibleTo.length === 0 ? 'Read by exercise control only' : `to ${nationsLabel(view, visibleTo)}`;
}

/** The actions an outcome resolved, by title and nation, as far as this audience sees them. */
export function resolvedActions(view: View, o: Outcome): string[] {
  return o.actions.flatMap((id) => {
    const a = view.actions.find((x) => x.id === id);
    return a ? [`${a.title} (${nationName(view, a.nation)})`] : [];
  });
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
                h('p', { class: 'meta' }, `Turn ${o.turn} · ${gameClock(view.exercise, o.at)} · ${readersLine(view, o.visibleTo)}`),
                methodLine(o) ? h('p', { class: 'method' }, methodLine(o)) : null,
                h('p', { class: 'message' }, o.outcome),
                resolvedActions(view, o).length
                  ? h('p', { class: 'resolved' }, h('strong', {}, 'Resolved: '), resolvedActions(view, o).join('; '))
                  : null,
                o.effects.length ? h('ul', { class: 'effects' }, ...o.effects.map((e) => h('li', {}, describeEffect(e, view)))) : null,
                'rationale' in o && typeof o.rationale === 'string' && o.rationale
                  ? h('p', { class: 'control-only' }, h('strong', {}, 'Rationale (control only): '), o.rationale)
                  : null,
                'override' in o && typeof o.override === 'string' && o.override
                  ? h('p', { class: 'control-only' }, h('strong', {}, 'Override rationale (control only): '), o.override)
                  : null,
              ),
            )
          : empty('No outcomes yet.'),
      );
    },
  };
}
