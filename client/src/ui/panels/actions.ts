/** A nation's actions: the submission form (submit phase) and this team's actions by turn. */
import type { View } from '@concord/shared/views/index';
import { ACTION_TYPES, actionTypeLabel, nationName, phaseLabel, regionName } from '../labels.ts';
import { field, fill, h, select } from '../dom.ts';
import { empty, statusSlot, type Ctx, type Panel } from '../panel.ts';

/** "Resolved by: <outcome title>" when this audience reads the outcome (the view names it only then). */
function resolvedBy(view: View, outcome: string | null): HTMLElement | null {
  const o = outcome === null ? undefined : view.outcomes.find((x) => x.id === outcome);
  return o ? h('p', { class: 'resolved' }, h('strong', {}, 'Resolved by: '), o.title) : null;
}

export function actionsPanel(): Panel {
  const slot = statusSlot();
  const type = select(
    ACTION_TYPES.map((t) => ({ value: t.id, label: t.label })),
    { name: 'actionType' },
  );
  const title = h('input', { type: 'text', name: 'title', maxlength: 160, required: true });
  const text = h('textarea', {
    name: 'text',
    rows: 4,
    maxlength: 4000,
    required: true,
    placeholder: 'What you do, where, with what, and what you intend to achieve',
  });
  const regions = h('select', { name: 'regions', multiple: true, size: 5 });
  const assets = h('select', { name: 'assets', multiple: true, size: 5 });
  const argResult = h('textarea', {
    name: 'argument-result',
    rows: 2,
    maxlength: 2000,
    placeholder: 'What you argue will happen',
  });
  const argReasons = h('textarea', {
    name: 'argument-reasons',
    rows: 3,
    maxlength: 2400,
    placeholder: 'Why it should happen: one reason per line (up to six)',
  });
  const argLegend = h('legend', {}, 'Matrix argument');
  const argHint = h('small', { class: 'hint' });
  const argument = h(
    'fieldset',
    { class: 'argument-fields' },
    argLegend,
    argHint,
    field('Intended result', argResult),
    field('Reasons', argReasons),
  );
  const share = h('input', { type: 'checkbox', name: 'shareWithAllies' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Submit action');
  const phaseNote = h('p', { class: 'hint' });
  const form = h(
    'form',
    { class: 'action-form', 'aria-label': 'Submit an action' },
    field('Type', type),
    field('Title', title),
    field('Target regions', regions, 'Ctrl/Cmd-click to choose several'),
    field('Committed assets', assets, 'Your own assets only'),
    field('Intent and details', text),
    argument,
    h('label', { class: 'check' }, share, ' Show to allies'),
    h('div', { class: 'row' }, submit, slot),
    phaseNote,
  );
  const list = h('div', { class: 'list' });
  const heading = h('h3', {}, 'Your actions');
  let ctxRef: Ctx | null = null;
  let optionsFor = '';

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (!ctxRef) return;
    const picked = (s: HTMLSelectElement) => [...s.selectedOptions].map((o) => o.value);
    const reasons = argReasons.value
      .split('\n')
      .map((r) => r.trim())
      .filter((r) => r.length > 0);
    const argued = argResult.value.trim() !== '' || reasons.length > 0;
    void ctxRef
      .run(slot, {
        type: 'action.submit',
        actionType: type.value as (typeof ACTION_TYPES)[number]['id'],
        title: title.value,
        text: text.value,
        regions: picked(regions),
        assets: picked(assets),
        ...(argued ? { argument: { result: argResult.value, reasons } } : {}),
        shareWithAllies: share.checked,
      })
      .then((r) => {
        if (r.ok) {
          title.value = '';
          text.value = '';
          argResult.value = '';
          argReasons.value = '';
          share.checked = false;
          for (const o of [...regions.options, ...assets.options]) o.selected = false;
        }
      });
  });

  return {
    badge: (view, ctx) =>
      view.actions.filter((a) => a.turn === view.exercise.turn && a.nation === ctx.nation && a.status === 'submitted').length,
    mount(root) {
      fill(root, form, heading, list);
    },
    update(view: View, ctx: Ctx) {
      ctxRef = ctx;
      const key = `${view.map.regions.length}|${view.assets
        .filter((a) => a.owner === ctx.nation)
        .map((a) => a.id)
        .join(',')}`;
      if (key !== optionsFor) {
        optionsFor = key;
        fill(regions, ...view.map.regions.map((r) => h('option', { value: r.id }, r.name)));
        fill(
          assets,
          ...view.assets
            .filter((a) => a.owner === ctx.nation)
            .map((a) => h('option', { value: a.id }, `${a.name} (${a.type.replace('_', ' ')})`)),
        );
      }
      const inSubmit = view.exercise.phase === 'submit' && view.exercise.status === 'running';
      phaseNote.textContent = inSubmit
        ? ''
        : `Actions can be submitted during the "${phaseLabel(view, 'submit')}" phase; the server will tell you if it is not time yet.`;
      const matrix = view.exercise.adjudication === 'matrix';
      argResult.required = matrix;
      argReasons.required = matrix;
      argLegend.textContent = matrix ? 'Matrix argument (required)' : 'Matrix argument (optional)';
      argHint.textContent = matrix
        ? 'Control sets the odds from your argument, and a roll decides.'
        : 'Argue your case if you want control to weigh it with a matrix roll.';
      form.hidden = ctx.readOnly;
      heading.textContent = ctx.nation ? 'Your actions' : 'All actions';
      const mine = view.actions.filter((a) => ctx.nation === null || a.nation === ctx.nation).sort((a, b) => b.seq - a.seq);
      fill(
        list,
        mine.length
          ? mine.map((a) => {
              const s = statusSlot();
              return h(
                'article',
                { class: `item action st-${a.status}`, 'data-action': a.id },
                h(
                  'h4',
                  {},
                  ctx.nation ? null : h('span', { class: 'tag' }, nationName(view, a.nation)),
                  `${a.title} `,
                  h('span', { class: 'tag' }, actionTypeLabel(a.type)),
                  h('span', { class: `tag st-${a.status}` }, a.status),
                ),
                h(
                  'p',
                  { class: 'meta' },
                  `Turn ${a.turn} · ${a.submittedBy}${a.regions.length ? ` · ${a.regions.map((r) => regionName(view, r)).join(', ')}` : ''}`,
                ),
                h('p', {}, a.text),
                a.argument
                  ? h(
                      'div',
                      { class: 'argument' },
                      h('p', {}, h('strong', {}, 'Intended result: '), a.argument.result),
                      h('ul', {}, ...a.argument.reasons.map((r) => h('li', {}, r))),
                    )
                  : null,
                a.shared ? h('p', { class: 'meta' }, 'Shown to allies') : null,
                resolvedBy(view, a.adjudication),
                a.status === 'submitted' && a.turn === view.exercise.turn && !ctx.readOnly
                  ? h(
                      'div',
                      { class: 'row' },
                      h('button', { onclick: () => void ctx.run(s, { type: 'action.withdraw', action: a.id }) }, 'Withdraw'),
                      s,
                    )
                  : null,
              );
            })
          : empty('No actions yet.'),
      );
    },
  };
}
