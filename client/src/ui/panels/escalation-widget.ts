/**
 * The escalation ladder widget. Control sees the whole ladder with the rung now highlighted, the
 * playbook for that rung and the rungs either side, every move with its reason and cause in game
 * time, and (facilitator only) a form to move it. A nation sees what the scenario shows it: the
 * rung and its place on the ladder, or only the trend, or nothing.
 */
import type { View } from '@concord/shared/views/index';
import { gameClock } from '../../format.ts';
import { field, fill, h, select } from '../dom.ts';
import { injectLabel } from '../labels.ts';
import { statusSlot, type Ctx } from '../panel.ts';

type Esc = NonNullable<View['escalation']>;
type ControlEsc = Extract<Esc, { show: 'control' }>;

const TREND_WORDS = { rising: 'Rising', steady: 'Steady', falling: 'Falling' } as const;
const TREND_ARROWS = { rising: '▲', steady: '▬', falling: '▼' } as const;
export const trendBadge = (t: keyof typeof TREND_WORDS): HTMLElement =>
  h('span', { class: `trend trend-${t}`, title: 'Since the start of the turn' }, `${TREND_ARROWS[t]} ${TREND_WORDS[t]}`);

const SHOW_WORDS = { level: 'the rung and its name', trend: 'only the trend', none: 'nothing' } as const;

function causeText(view: View, m: ControlEsc['moves'][number]): string {
  switch (m.cause.kind) {
    case 'control':
      return 'Exercise control';
    case 'inject':
      return `Inject ${injectLabel(view, m.cause.inject)}`;
    case 'outcome': {
      const id = m.cause.outcome;
      return `Outcome: ${view.outcomes.find((o) => o.id === id)?.title ?? id}`;
    }
  }
}

function ladderList(ladder: ReadonlyArray<{ level: number; name: string; description: string }>, level: number): HTMLElement {
  return h(
    'ol',
    { class: 'ladder', reversed: true, 'aria-label': 'Escalation ladder' },
    ...[...ladder]
      .reverse()
      .map((r) =>
        h(
          'li',
          { class: `rung${r.level === level ? ' current' : ''}`, 'data-level': r.level, 'aria-current': r.level === level ? 'step' : null },
          h('span', { class: 'rung-no' }, String(r.level)),
          h('span', { class: 'rung-name' }, r.name),
          r.level === level ? h('small', { class: 'rung-desc' }, r.description) : null,
        ),
      ),
  );
}

/** The widget: mounted once, refreshed from each view. */
export function escalationWidget(): { root: HTMLElement; update(view: View, ctx: Ctx): void } {
  const root = h('section', { class: 'escalation-widget', 'aria-label': 'Escalation' });
  const slot = statusSlot();
  const level = select([], { name: 'level' });
  const reason = h('input', { type: 'text', name: 'reason', maxlength: 400, required: true, placeholder: 'Why the adversary moves' });
  const form = h(
    'form',
    { class: 'escalation-form', 'aria-label': 'Move the escalation ladder' },
    field('Move to', level),
    field('Reason', reason),
    h('div', { class: 'row' }, h('button', { type: 'submit', class: 'primary' }, 'Move'), slot),
  );
  let ctxRef: Ctx | null = null;
  let rungsKey = '';
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (!ctxRef) return;
    void ctxRef.run(slot, { type: 'escalation.set', level: Number(level.value), reason: reason.value }).then((r) => {
      if (r.ok) reason.value = '';
    });
  });
  const body = h('div', {});
  root.append(h('h3', {}, 'Escalation'), body);
  return {
    root,
    update(view, ctx) {
      ctxRef = ctx;
      const e = view.escalation;
      if (e === null) {
        fill(body, h('p', { class: 'empty' }, 'The scenario does not show the escalation level to the nations.'));
        return;
      }
      if (e.show === 'trend') {
        fill(
          body,
          h('p', { class: 'esc-now' }, "The adversary's escalation: ", trendBadge(e.trend)),
          h('p', { class: 'meta' }, 'The level itself is not shown.'),
        );
        return;
      }
      const rung = e.ladder.find((r) => r.level === e.level);
      const now = h(
        'p',
        { class: 'esc-now' },
        h('strong', {}, `Level ${e.level} of ${e.ladder.length - 1}: ${rung?.name ?? ''}`),
        ' ',
        trendBadge(e.trend),
      );
      if (e.show === 'level') {
        fill(body, now, ladderList(e.ladder, e.level));
        return;
      }
      // Control.
      const key = e.ladder.map((r) => `${r.level}:${r.name}`).join('|');
      if (key !== rungsKey) {
        rungsKey = key;
        fill(level, ...e.ladder.map((r) => h('option', { value: String(r.level) }, `${r.level} — ${r.name}`)));
      }
      if (document.activeElement !== level) level.value = String(e.level);
      form.hidden = ctx.readOnly;
      const near = e.playbook.filter((p) => Math.abs(p.level - e.level) <= 1).sort((a, b) => b.level - a.level);
      const moves = [...e.moves].reverse();
      fill(
        body,
        now,
        h('p', { class: 'meta' }, `The nations are shown ${SHOW_WORDS[e.nations]}.`),
        h(
          'div',
          { class: 'esc-grid' },
          ladderList(e.ladder, e.level),
          h(
            'div',
            { class: 'playbook', 'aria-label': 'Playbook' },
            h('h4', {}, 'Playbook (control only)'),
            near.length
              ? near.map((p) =>
                  h(
                    'div',
                    { class: `play${p.level === e.level ? ' current' : ''}` },
                    h('strong', {}, `Level ${p.level} — ${e.ladder.find((r) => r.level === p.level)?.name ?? ''}`),
                    h('p', {}, p.moves),
                  ),
                )
              : h('p', { class: 'empty' }, 'No playbook entry for this rung or those next to it.'),
          ),
        ),
        form,
        h('h4', {}, 'History'),
        moves.length
          ? h(
              'ol',
              { class: 'esc-history' },
              ...moves.map((m) =>
                h(
                  'li',
                  {},
                  h('span', { class: 'meta' }, `T${m.turn} ${gameClock(view.exercise, m.at)} · ${causeText(view, m)}`),
                  h(
                    'div',
                    {},
                    h('strong', {}, m.from === m.to ? `Stays at ${m.to}` : `${m.from} → ${m.to}`),
                    m.clamped
                      ? h('span', { class: 'clamped' }, ` (asked ${m.delta > 0 ? '+' : ''}${m.delta}; stopped at the ladder's end)`)
                      : null,
                    ` — ${m.reason}`,
                  ),
                ),
              ),
            )
          : h('p', { class: 'empty' }, 'The ladder has not moved yet.'),
      );
    },
  };
}
