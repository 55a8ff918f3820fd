/** The MSEL for exercise control: every inject with its status and the controls to move it. */
import type { View } from '@concord/shared/views/index';
import { channelLabel, gameClock } from '../../format.ts';
import { CHANNELS, actionTypeLabel, nationsLabel, phaseLabel } from '../labels.ts';
import { field, fill, h, select } from '../dom.ts';
import { empty, statusSlot, type Ctx, type Panel } from '../panel.ts';

type Inject = View['injects'][number];

/** Who has read a released inject: nation names, or "nobody yet". */
const readers = (view: View, nations: readonly string[]) => (nations.length ? nationsLabel(view, nations) : 'nobody yet');

export function injectsPanel(): Panel {
  let turnFilter = 'current';
  const filter = select([], { 'aria-label': 'Show injects of' });
  const list = h('div', { class: 'list msel' });
  const adhoc = adHocForm();
  filter.addEventListener('change', () => {
    turnFilter = filter.value;
    if (last) render(last.view, last.ctx);
  });
  let last: { view: View; ctx: Ctx } | null = null;

  const row = (view: View, x: Inject, ctx: Ctx) => {
    const c = x.control;
    const s = statusSlot();
    const status = c?.status ?? 'released';
    const act = (draft: Parameters<Ctx['run']>[1]) => () => void ctx.run(s, draft);
    return h(
      'article',
      { class: `item inject-row st-${status}`, 'data-inject': x.id },
      h(
        'div',
        { class: 'item-head static' },
        h('span', { class: 'num' }, `#${x.number}`),
        h('span', { class: `tag st-${status}` }, status),
        h('span', { class: 'subject' }, x.subject),
        h(
          'span',
          { class: 'meta' },
          `T${c?.turn ?? '?'} ${c?.phase ? phaseLabel(view, c.phase) : ''} · ${channelLabel(x.channel)} · ${x.from.name} → ${nationsLabel(view, x.to)}`,
        ),
      ),
      h('p', { class: 'message' }, x.message),
      c?.expectedAction ? h('p', { class: 'meta' }, h('strong', {}, 'Expected: '), c.expectedAction) : null,
      c?.controlNotes ? h('p', { class: 'control-only' }, c.controlNotes) : null,
      c && c.trigger.type !== 'time'
        ? h(
            'p',
            { class: 'meta' },
            c.trigger.type === 'manual'
              ? 'Released by hand only.'
              : `Contingency: fires after turn ${c.trigger.deadline.turn} ${phaseLabel(view, c.trigger.deadline.phase)} unless a ${c.trigger.unlessAction.types.map((t) => actionTypeLabel(t).toLowerCase()).join('/')} action is taken.`,
          )
        : null,
      status === 'released'
        ? h(
            'p',
            { class: 'meta' },
            `Released ${gameClock(view.exercise, x.releasedAt)} (${c?.releaseReason ?? ''}) · read by ${readers(view, Object.keys(c?.acknowledgedBy ?? {}))}`,
          )
        : null,
      ctx.readOnly
        ? null
        : h(
            'div',
            { class: 'row' },
            status !== 'released' && status !== 'skipped'
              ? h('button', { class: 'primary', onclick: act({ type: 'inject.release', inject: x.id }) }, 'Release now')
              : null,
            status === 'scheduled' || status === 'draft'
              ? h('button', { onclick: act({ type: 'inject.hold', inject: x.id }) }, 'Hold')
              : null,
            status === 'held' || status === 'draft' || status === 'skipped'
              ? h('button', { onclick: act({ type: 'inject.schedule', inject: x.id }) }, 'Reschedule')
              : null,
            status !== 'released' && status !== 'skipped'
              ? h('button', { onclick: act({ type: 'inject.skip', inject: x.id }) }, 'Skip')
              : null,
            s,
          ),
    );
  };

  const render = (view: View, ctx: Ctx) => {
    last = { view, ctx };
    const turns = Array.from({ length: view.exercise.turns }, (_, i) => i + 1);
    if (filter.options.length !== turns.length + 2)
      fill(
        filter,
        h('option', { value: 'current' }, 'This turn'),
        h('option', { value: 'all' }, 'All turns'),
        ...turns.map((t) => h('option', { value: String(t) }, `Turn ${t}`)),
      );
    filter.value = turnFilter;
    const wanted = turnFilter === 'all' ? null : turnFilter === 'current' ? Math.max(1, view.exercise.turn) : Number(turnFilter);
    const shown = view.injects.filter(
      (x) => wanted === null || x.control?.turn === wanted || (x.control?.status === 'held' && turnFilter === 'current'),
    );
    fill(list, shown.length ? shown.map((x) => row(view, x, ctx)) : empty('No injects for this turn.'));
    adhoc.update(view, ctx);
  };

  return {
    badge: (view) => view.injects.filter((x) => x.control?.status === 'held').length,
    mount(root) {
      fill(root, h('div', { class: 'row' }, field('Show', filter)), list, adhoc.el);
    },
    update: render,
  };
}

function adHocForm() {
  const slot = statusSlot();
  const from = select([]);
  const channel = select(CHANNELS.map((c) => ({ value: c.id, label: c.label })));
  const subject = h('input', { type: 'text', maxlength: 200, required: true });
  const message = h('textarea', { rows: 3, maxlength: 8000, required: true });
  const to = h('fieldset', { class: 'checks' }, h('legend', {}, 'To'));
  const btn = h('button', { type: 'submit', class: 'primary' }, 'Release ad hoc inject');
  const form = h(
    'form',
    {},
    field('From (persona)', from),
    to,
    field('Channel', channel),
    field('Subject', subject),
    field('Message', message),
    h('div', { class: 'row' }, btn, slot),
  );
  const el = h('details', { class: 'adhoc' }, h('summary', {}, 'Write an ad hoc inject'), form);
  let ctxRef: Ctx | null = null;
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (!ctxRef) return;
    const recipients = [...to.querySelectorAll<HTMLInputElement>('input:checked')].map((c) => c.value);
    void ctxRef
      .run(slot, {
        type: 'inject.create',
        from: from.value,
        to: recipients,
        channel: channel.value as (typeof CHANNELS)[number]['id'],
        subject: subject.value,
        message: message.value,
      })
      .then((r) => {
        if (r.ok) {
          subject.value = '';
          message.value = '';
        }
      });
  });
  return {
    el,
    update(view: View, ctx: Ctx) {
      ctxRef = ctx;
      el.hidden = ctx.readOnly;
      if (from.options.length === 0) {
        fill(from, ...view.personas.map((p) => h('option', { value: p.id }, `${p.name} (${p.kind})`)));
        fill(
          to,
          h('legend', {}, 'To'),
          h('label', { class: 'check' }, h('input', { type: 'checkbox', value: 'ALL' }), ' All nations'),
          ...view.nations.map((n) => h('label', { class: 'check' }, h('input', { type: 'checkbox', value: n.id }), ` ${n.name}`)),
        );
      }
    },
  };
}
