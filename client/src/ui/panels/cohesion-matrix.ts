/**
 * Trust between allies. Control sees a matrix (nations × nations, values coloured), picks a pair
 * to read its history with causes and to set its value with a reason. A nation sees its own pairs
 * the scenario shows it: the value and trend, or the trend only.
 */
import type { View } from '@concord/shared/views/index';
import { gameClock } from '../../format.ts';
import { field, fill, h, select } from '../dom.ts';
import { nationName } from '../labels.ts';
import { statusSlot, type Ctx } from '../panel.ts';
import { trendBadge } from './escalation-widget.ts';

type Coh = NonNullable<View['cohesion']>;
type Pair = Coh['pairs'][number];

const key = (a: string, b: string) => (a < b ? `${a}+${b}` : `${b}+${a}`);
/** A colour band for a trust value: low (red) to high (green). */
export const trustBand = (v: number): string => (v < 35 ? 'low' : v < 55 ? 'fragile' : v < 75 ? 'fair' : 'high');

const RULE_WORDS = { veto: 'Veto', brokenPledge: 'Broken pledge', sharedReport: 'Shared report' } as const;

export function cohesionMatrix(): { root: HTMLElement; update(view: View, ctx: Ctx): void } {
  const root = h('section', { class: 'cohesion-matrix', 'aria-label': 'Cohesion' });
  const slot = statusSlot();
  const a = select([], { name: 'a' });
  const b = select([], { name: 'b' });
  const value = h('input', { type: 'number', name: 'value', min: 0, max: 100, step: 1, required: true });
  const reason = h('input', { type: 'text', name: 'reason', maxlength: 400, required: true, placeholder: 'Why trust changes' });
  const form = h(
    'form',
    { class: 'cohesion-form', 'aria-label': 'Set cohesion' },
    h('div', { class: 'row' }, field('Nation', a), field('and', b), field('Trust (0–100)', value)),
    field('Reason', reason),
    h('div', { class: 'row' }, h('button', { type: 'submit', class: 'primary' }, 'Set trust'), slot),
  );
  let ctxRef: Ctx | null = null;
  let nationsKey = '';
  let chosen: string | null = null;
  let last: View | null = null;
  const body = h('div', {});
  root.append(h('h3', {}, 'Cohesion'), body);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (!ctxRef) return;
    void ctxRef.run(slot, { type: 'cohesion.set', a: a.value, b: b.value, value: Number(value.value), reason: reason.value }).then((r) => {
      if (r.ok) reason.value = '';
    });
  });
  const choose = (x: string, y: string) => {
    chosen = key(x, y);
    a.value = x;
    b.value = y;
    const p = last?.cohesion?.pairs.find((q) => key(q.a, q.b) === chosen);
    if (p?.value !== undefined) value.value = String(p.value);
    if (last && ctxRef) render(last, ctxRef);
  };
  const render = (view: View, ctx: Ctx) => {
    const c = view.cohesion;
    if (c === null) return fill(body);
    if (c.show !== 'control') {
      const name = (p: Pair) => nationName(view, p.a === ctx.nation ? p.b : p.a);
      return fill(
        body,
        c.pairs.length
          ? h(
              'ul',
              { class: 'my-pairs' },
              ...c.pairs.map((p) =>
                h(
                  'li',
                  { 'data-pair': key(p.a, p.b) },
                  h('span', {}, `Trust with ${name(p)}`),
                  p.value !== undefined ? h('strong', { class: `trust band-${trustBand(p.value)}` }, String(p.value)) : null,
                  trendBadge(p.trend),
                ),
              ),
            )
          : h('p', { class: 'empty' }, 'The scenario does not show you how much your allies trust you.'),
      );
    }
    const ids = view.nations.map((n) => n.id);
    const byKey = new Map(c.pairs.map((p) => [key(p.a, p.b), p]));
    const table = h(
      'table',
      { class: 'matrix' },
      h(
        'thead',
        {},
        h('tr', {}, h('th', {}, ''), ...ids.map((id) => h('th', { scope: 'col', title: nationName(view, id) }, nationName(view, id)))),
      ),
      h(
        'tbody',
        {},
        ...ids.map((row) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, nationName(view, row)),
            ...ids.map((col) => {
              if (row === col) return h('td', { class: 'self' }, '—');
              const p = byKey.get(key(row, col));
              if (!p || p.value === undefined) return h('td', {}, '');
              const sel = chosen === key(row, col);
              return h(
                'td',
                { class: `cell band-${trustBand(p.value)}${sel ? ' chosen' : ''}${p.visible ? '' : ' hidden-pair'}` },
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'cell-btn',
                    title: `${nationName(view, row)} – ${nationName(view, col)}: ${p.value}${p.visible ? ' (shown to both)' : ' (hidden from them)'}`,
                    onclick: () => choose(row, col),
                  },
                  String(p.value),
                  p.trend !== 'steady' ? h('small', {}, p.trend === 'rising' ? ' ▲' : ' ▼') : null,
                ),
              );
            }),
          ),
        ),
      ),
    );
    const pairChanges = chosen ? (c.changes ?? []).filter((x) => key(x.a, x.b) === chosen).reverse() : [];
    const [ca, cb] = chosen ? chosen.split('+') : ['', ''];
    fill(
      body,
      table,
      h('p', { class: 'meta' }, 'Dashed cells are hidden from the two nations. Pick a cell for its history.'),
      ctx.readOnly ? null : form,
      chosen
        ? h(
            'div',
            { class: 'pair-history' },
            h('h4', {}, `${nationName(view, ca ?? '')} – ${nationName(view, cb ?? '')}`),
            pairChanges.length
              ? h(
                  'ol',
                  {},
                  ...pairChanges.map((x) =>
                    h(
                      'li',
                      {},
                      h(
                        'span',
                        { class: 'meta' },
                        `T${x.turn} ${gameClock(view.exercise, x.at)} · ${x.cause.kind === 'control' ? 'Exercise control' : `${RULE_WORDS[x.cause.rule]} (event ${x.cause.seq})`}`,
                      ),
                      h(
                        'div',
                        {},
                        h('strong', {}, `${x.from} → ${x.to}`),
                        x.clamped ? ' (stopped at the end of the scale)' : '',
                        ` — ${x.reason}`,
                      ),
                    ),
                  ),
                )
              : h('p', { class: 'empty' }, 'No change yet.'),
          )
        : null,
    );
  };
  return {
    root,
    update(view, ctx) {
      ctxRef = ctx;
      last = view;
      const nk = view.nations.map((n) => n.id).join(',');
      if (nk !== nationsKey) {
        nationsKey = nk;
        const opts = view.nations.map((n) => h('option', { value: n.id }, n.name));
        fill(a, ...opts);
        fill(b, ...view.nations.map((n) => h('option', { value: n.id }, n.name)));
        if (view.nations[1]) b.value = view.nations[1].id;
      }
      render(view, ctx);
    },
  };
}
