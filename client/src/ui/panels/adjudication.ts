/**
 * Free adjudication for exercise control: pick the submitted actions an outcome settles, write
 * what happened, set effects on regions and assets, and choose who reads it. Also the adversary's
 * own moves, submitted by control.
 */
import type { Effect } from '@concord/shared/engine/index';
import type { Readiness } from '@concord/shared/common';
import type { View } from '@concord/shared/views/index';
import { ACTION_TYPES, READINESS } from '../labels.ts';
import { field, fill, h, select } from '../dom.ts';
import { empty, statusSlot, type Ctx, type Panel } from '../panel.ts';

export function adjudicationPanel(): Panel {
  const queue = h('div', { class: 'list queue' });
  const slot = statusSlot();
  const title = h('input', { type: 'text', maxlength: 160, required: true, name: 'outcome-title' });
  const outcome = h('textarea', {
    rows: 3,
    maxlength: 8000,
    required: true,
    name: 'outcome',
    placeholder: 'What happened, as the players will read it',
  });
  const rationale = h('textarea', { rows: 2, maxlength: 4000, name: 'rationale', placeholder: 'Why (control only)' });
  const effectsBox = h('div', { class: 'effects-builder' });
  const visAll = h('input', { type: 'checkbox', checked: true, name: 'vis-all' });
  const visNations = h('div', { class: 'checks' });
  const recordBtn = h('button', { type: 'submit', class: 'primary' }, 'Record outcome');
  const form = h(
    'form',
    { class: 'adjudication-form', 'aria-label': 'Record an outcome' },
    field('Outcome title', title),
    field('Outcome', outcome),
    field('Rationale', rationale),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Effects'),
      effectsBox,
      h(
        'div',
        { class: 'row' },
        h('button', { type: 'button', onclick: () => addEffect('region') }, '+ Region effect'),
        h('button', { type: 'button', onclick: () => addEffect('asset') }, '+ Asset effect'),
      ),
    ),
    h('fieldset', {}, h('legend', {}, 'Who reads it'), h('label', { class: 'check' }, visAll, ' Everyone'), visNations),
    h('div', { class: 'row' }, recordBtn, slot),
  );
  const advSlot = statusSlot();
  const advType = select(ACTION_TYPES.map((t) => ({ value: t.id, label: t.label })));
  const advTitle = h('input', { type: 'text', maxlength: 160, required: true });
  const advText = h('textarea', { rows: 2, maxlength: 4000, required: true });
  const advRegion = select([]);
  const advFields = h(
    'form',
    {},
    field('Type', advType),
    field('Title', advTitle),
    field('Region', advRegion),
    field('Details', advText),
    h('div', { class: 'row' }, h('button', { type: 'submit' }, 'Submit move'), advSlot),
  );
  const advForm = h('details', { class: 'adversary' }, h('summary', {}, 'Submit an adversary move'), advFields);
  let view: View | null = null;
  let ctxRef: Ctx | null = null;
  const picked = new Set<string>();
  let optionsFor = '';

  function addEffect(kind: 'region' | 'asset') {
    if (!view) return;
    const v = view;
    const remove = h('button', { type: 'button', class: 'link', 'aria-label': 'Remove effect', onclick: () => row.remove() }, '✕');
    let row: HTMLElement;
    if (kind === 'region') {
      const region = select(
        v.map.regions.map((r) => ({ value: r.id, label: r.name })),
        { 'data-k': 'region', 'aria-label': 'Region' },
      );
      const controller = select(
        [
          { value: '', label: '(no change)' },
          { value: 'none', label: 'Contested (no one)' },
          ...v.nations.map((n) => ({ value: n.id, label: n.name })),
          { value: v.adversary.id, label: v.adversary.name },
        ],
        { 'data-k': 'controller', 'aria-label': 'Controller' },
      );
      const stability = h('input', {
        type: 'number',
        min: 0,
        max: 100,
        placeholder: 'stability',
        'data-k': 'stability',
        'aria-label': 'Stability',
      });
      row = h(
        'div',
        { class: 'effect', 'data-kind': 'region' },
        'Region ',
        region,
        ' controller ',
        controller,
        ' stability ',
        stability,
        remove,
      );
    } else {
      const asset = select(
        v.assets.map((a) => ({ value: a.id, label: `${a.name} (${a.owner})` })),
        { 'data-k': 'asset', 'aria-label': 'Asset' },
      );
      const region = select([{ value: '', label: '(stays)' }, ...v.map.regions.map((r) => ({ value: r.id, label: r.name }))], {
        'data-k': 'region',
        'aria-label': 'Move to',
      });
      const strength = h('input', {
        type: 'number',
        min: 0,
        max: 100,
        placeholder: 'strength',
        'data-k': 'strength',
        'aria-label': 'Strength',
      });
      const readiness = select([{ value: '', label: '(no change)' }, ...READINESS.map((r) => ({ value: r.id, label: r.label }))], {
        'data-k': 'readiness',
        'aria-label': 'Readiness',
      });
      row = h(
        'div',
        { class: 'effect', 'data-kind': 'asset' },
        'Asset ',
        asset,
        ' to ',
        region,
        ' strength ',
        strength,
        ' readiness ',
        readiness,
        remove,
      );
    }
    effectsBox.append(row);
  }

  const readEffects = (): Effect[] =>
    [...effectsBox.querySelectorAll<HTMLElement>('.effect')].map((row) => {
      const val = (k: string) => row.querySelector<HTMLInputElement | HTMLSelectElement>(`[data-k="${k}"]`)?.value ?? '';
      const num = (k: string) => (val(k) === '' ? undefined : Number(val(k)));
      if (row.dataset.kind === 'region') {
        const c = val('controller');
        return {
          kind: 'region',
          region: val('region'),
          ...(c === '' ? {} : { controller: c === 'none' ? null : c }),
          ...(num('stability') === undefined ? {} : { stability: num('stability') }),
        };
      }
      const r = val('readiness');
      return {
        kind: 'asset',
        asset: val('asset'),
        ...(val('region') ? { region: val('region') } : {}),
        ...(num('strength') === undefined ? {} : { strength: num('strength') }),
        ...(r ? { readiness: r as Readiness } : {}),
      };
    });

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (!ctxRef) return;
    const visibleTo = visAll.checked ? 'ALL' : [...visNations.querySelectorAll<HTMLInputElement>('input:checked')].map((c) => c.value);
    void ctxRef
      .run(slot, {
        type: 'adjudication.record',
        actions: [...picked],
        title: title.value,
        outcome: outcome.value,
        rationale: rationale.value,
        effects: readEffects(),
        visibleTo,
      })
      .then((r) => {
        if (r.ok) {
          picked.clear();
          title.value = '';
          outcome.value = '';
          rationale.value = '';
          effectsBox.replaceChildren();
        }
      });
  });
  advFields.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (!ctxRef || !view) return;
    void ctxRef.run(advSlot, {
      type: 'action.submit',
      as: view.adversary.id,
      actionType: advType.value as (typeof ACTION_TYPES)[number]['id'],
      title: advTitle.value,
      text: advText.value,
      regions: advRegion.value ? [advRegion.value] : [],
    });
  });

  return {
    badge: (v) => v.actions.filter((a) => a.status === 'submitted').length,
    mount(root) {
      fill(root, h('h3', {}, 'Queue: submitted actions'), queue, form, advForm);
    },
    update(v: View, ctx: Ctx) {
      view = v;
      ctxRef = ctx;
      const open = v.actions.filter((a) => a.status === 'submitted');
      for (const id of [...picked]) if (!open.some((a) => a.id === id)) picked.delete(id);
      fill(
        queue,
        open.length
          ? open.map((a) =>
              h(
                'label',
                { class: 'item queue-item', 'data-action': a.id },
                h('input', {
                  type: 'checkbox',
                  checked: picked.has(a.id),
                  onchange: (e: Event) => ((e.target as HTMLInputElement).checked ? picked.add(a.id) : picked.delete(a.id)),
                }),
                h('span', { class: 'tag' }, a.nation),
                h('strong', {}, ` ${a.title} `),
                h('span', { class: 'tag' }, a.type),
                h(
                  'span',
                  { class: 'meta' },
                  ` T${a.turn}${a.regions.length ? ` · ${a.regions.join(', ')}` : ''}${a.assets.length ? ` · ${a.assets.join(', ')}` : ''}`,
                ),
                h('p', {}, a.text),
              ),
            )
          : empty('No actions waiting.'),
      );
      const key = v.nations.map((n) => n.id).join(',');
      if (key !== optionsFor) {
        optionsFor = key;
        fill(
          visNations,
          ...v.nations.map((n) => h('label', { class: 'check' }, h('input', { type: 'checkbox', value: n.id }), ` ${n.id}`)),
        );
        fill(advRegion, h('option', { value: '' }, '(none)'), ...v.map.regions.map((r) => h('option', { value: r.id }, r.name)));
      }
      form.hidden = ctx.readOnly;
      advForm.hidden = ctx.readOnly;
    },
  };
}
