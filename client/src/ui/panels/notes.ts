/** Evaluator notes: time-stamped, linked to an inject and a team, never shown to players. */
import type { View } from '@concord/shared/views/index';
import { gameClock } from '../../format.ts';
import { field, fill, h, select } from '../dom.ts';
import { injectLabel, nationName } from '../labels.ts';
import { empty, statusSlot, type Ctx, type Panel } from '../panel.ts';

export function notesPanel(): Panel {
  const slot = statusSlot();
  const text = h('textarea', { rows: 3, maxlength: 4000, required: true, name: 'note' });
  const inject = select([]);
  const nation = select([]);
  const form = h(
    'form',
    { class: 'notes-form', 'aria-label': 'Record a note' },
    field('Observation', text),
    field('About inject', inject),
    field('About team', nation),
    h('div', { class: 'row' }, h('button', { type: 'submit', class: 'primary' }, 'Save note'), slot),
  );
  const list = h('div', { class: 'list' });
  let ctxRef: Ctx | null = null;
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (!ctxRef) return;
    void ctxRef
      .run(slot, {
        type: 'note.record',
        text: text.value,
        ...(inject.value ? { inject: inject.value } : {}),
        ...(nation.value ? { nation: nation.value } : {}),
      })
      .then((r) => {
        if (r.ok) text.value = '';
      });
  });
  return {
    mount(root) {
      fill(root, form, h('h3', {}, 'Notes'), list);
    },
    update(view: View, ctx: Ctx) {
      ctxRef = ctx;
      if (inject.options.length !== view.injects.length + 1) {
        const keep = inject.value;
        fill(
          inject,
          h('option', { value: '' }, '(none)'),
          ...view.injects.map((x) => h('option', { value: x.id }, injectLabel(view, x.id))),
        );
        inject.value = keep;
      }
      if (nation.options.length === 0)
        fill(nation, h('option', { value: '' }, '(none)'), ...view.nations.map((n) => h('option', { value: n.id }, n.name)));
      const notes = [...(view.control?.notes ?? [])].reverse();
      fill(
        list,
        notes.length
          ? notes.map((n) =>
              h(
                'article',
                { class: 'item note' },
                h(
                  'p',
                  { class: 'meta' },
                  `T${n.turn} ${gameClock(view.exercise, n.at)} · ${n.author}${n.nation ? ` · ${nationName(view, n.nation)}` : ''}${n.inject ? ` · ${injectLabel(view, n.inject)}` : ''}`,
                ),
                h('p', {}, n.text),
              ),
            )
          : empty('No notes yet.'),
      );
    },
  };
}
