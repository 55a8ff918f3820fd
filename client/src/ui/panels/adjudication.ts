/**
 * Control's adjudication: pick the open actions and launched operations an outcome settles, roll
 * on the scenario's table (every row's chance shown, the rolled row highlighted) or against the
 * odds control sets for the team's argument (matrix), or judge freely; preview the effects
 * (current value → new value); depart from the roll only with an override rationale (never in a
 * rigid scenario); choose who reads it (nobody ticked: exercise control only). Also the
 * adversary's own moves, submitted by control.
 */
import type { AdjudicationRollRecord, Effect } from '@concord/shared/engine/index';
import type { Readiness } from '@concord/shared/common';
import type { View } from '@concord/shared/views/index';
import { rowChances } from '@concord/shared/engine/adjudication/tables';
import { ACTION_TYPES, READINESS, actionTypeLabel, assetName, nationName, regionName } from '../labels.ts';
import { field, fill, h, select } from '../dom.ts';
import { empty, statusSlot, type Ctx, type Panel } from '../panel.ts';
import {
  departure,
  launchedOperations,
  previewLines,
  proposedEscalation,
  rollLine,
  rowProposal,
  waitingRoll,
  type OperationItem,
  type Table,
} from './adjudication-model.ts';

type Method = 'table' | 'matrix' | 'free';

export function adjudicationPanel(): Panel {
  const queue = h('div', { class: 'list queue' });
  const opsBox = h('div', { class: 'list queue' });
  const slot = statusSlot();
  const rollSlot = statusSlot();

  // Method ------------------------------------------------------------------------------------
  const methodRadios = (['table', 'matrix', 'free'] as const).map((m) =>
    h('input', { type: 'radio', name: 'adj-method', value: m, onchange: () => refresh() }),
  );
  const methodLabels: Record<Method, string> = { table: 'Table (d100)', matrix: 'Matrix (odds)', free: 'Free' };
  const methodBox = h(
    'div',
    { class: 'row method' },
    ...methodRadios.map((r) => h('label', { class: 'check' }, r, ` ${methodLabels[r.value as Method]}`)),
  );
  const styleNote = h('p', { class: 'hint' });
  const tableSel = select([], { name: 'table', 'aria-label': 'Table', onchange: () => refresh() });
  const modifier = h('input', { type: 'number', min: -50, max: 50, value: 0, name: 'modifier', oninput: () => refresh() });
  const odds = h('input', { type: 'number', min: 1, max: 99, name: 'odds', placeholder: '1–99' });
  const note = h('input', {
    type: 'text',
    maxlength: 2000,
    name: 'roll-note',
    placeholder: 'Why this table, modifier or odds (control only)',
  });
  const tableView = h('div', { class: 'adj-table' });
  const rollResult = h('p', { class: 'roll-result' });
  const rollBtn = h('button', { type: 'button', class: 'primary', name: 'roll' }, 'Roll');
  const tableFields = h('div', { class: 'table-fields' }, field('Table', tableSel), field('Modifier (−50 to +50)', modifier));
  const matrixFields = h('div', { class: 'matrix-fields' }, field('Odds of success (%)', odds));
  const rollBox = h(
    'div',
    { class: 'roll-box' },
    tableFields,
    matrixFields,
    field('Note', note),
    tableView,
    h('div', { class: 'row' }, rollBtn, rollSlot),
    rollResult,
  );

  // The outcome ------------------------------------------------------------------------------
  const recordRow = select([], { name: 'record-row', 'aria-label': 'Row recorded', onchange: () => refresh() });
  const recordResult = select(
    [
      { value: 'true', label: 'Success' },
      { value: 'false', label: 'Failure' },
    ],
    { name: 'record-result', 'aria-label': 'Result recorded', onchange: () => refresh() },
  );
  const useRow = h('input', { type: 'checkbox', checked: true, name: 'use-row', onchange: () => refresh() });
  const followBox = h(
    'div',
    { class: 'follow' },
    h('div', { class: 'table-follow' }, field('Row recorded', recordRow), h('label', { class: 'check' }, useRow, " Use the row's effects")),
    h('div', { class: 'matrix-follow' }, field('Result recorded', recordResult)),
  );
  const title = h('input', { type: 'text', maxlength: 160, required: true, name: 'outcome-title' });
  const outcome = h('textarea', {
    rows: 3,
    maxlength: 8000,
    required: true,
    name: 'outcome',
    placeholder: 'What happened, as the players will read it',
  });
  const rationale = h('textarea', { rows: 2, maxlength: 4000, name: 'rationale', placeholder: 'Why (control only)' });
  const override = h('textarea', {
    rows: 2,
    maxlength: 4000,
    name: 'override',
    placeholder: 'Why the outcome departs from the roll (control only)',
  });
  const overrideNote = h('p', { class: 'hint override-note' });
  const overrideField = h('div', { class: 'override' }, field('Override rationale', override), overrideNote);
  const effectsBox = h('div', { class: 'effects-builder' });
  const effectsSet = h(
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
  );
  const preview = h('div', { class: 'preview' });
  const visAll = h('input', { type: 'checkbox', name: 'vis-all', onchange: () => refresh() });
  const visNations = h('div', { class: 'checks', onchange: () => refresh() });
  const visWarn = h('p', { class: 'warning vis-warning' });
  const recordBtn = h('button', { type: 'submit', class: 'primary' }, 'Record outcome');
  const form = h(
    'form',
    { class: 'adjudication-form', 'aria-label': 'Record an outcome' },
    h('fieldset', {}, h('legend', {}, 'Method'), methodBox, styleNote, rollBox),
    followBox,
    field('Outcome title', title),
    field('Outcome', outcome),
    field('Rationale', rationale),
    effectsSet,
    h('fieldset', {}, h('legend', {}, 'Preview: current → new'), preview),
    overrideField,
    h('fieldset', {}, h('legend', {}, 'Who reads it'), h('label', { class: 'check' }, visAll, ' Everyone'), visNations, visWarn),
    h('div', { class: 'row' }, recordBtn, slot),
  );

  // The adversary's moves ---------------------------------------------------------------------
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
  const pickedOps = new Set<string>();
  let methodFor = '';
  let optionsFor = '';
  let rollFor = '';

  const tables = (): readonly Table[] => view?.control?.adjudicationTables ?? [];
  const method = (): Method => (methodRadios.find((r) => r.checked)?.value as Method | undefined) ?? 'table';
  const ops = (): OperationItem[] => (view ? launchedOperations(view).filter((o) => pickedOps.has(o.id)) : []);
  const currentRoll = (): AdjudicationRollRecord | null => (view ? waitingRoll(view, picked, pickedOps) : null);
  const tableOf = (id: string | null) => tables().find((t) => t.id === id);

  function addEffect(kind: 'region' | 'asset') {
    if (!view) return;
    const v = view;
    const remove = h(
      'button',
      { type: 'button', class: 'link', 'aria-label': 'Remove effect', onclick: () => (row.remove(), refresh()) },
      '✕',
    );
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
        v.assets.map((a) => ({ value: a.id, label: `${a.name} (${nationName(v, a.owner)})` })),
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
    row.addEventListener('input', () => refresh());
    row.addEventListener('change', () => refresh());
    effectsBox.append(row);
    refresh();
  }

  const builtEffects = (): Effect[] =>
    [...effectsBox.querySelectorAll<HTMLElement>('.effect')].flatMap((row): Effect[] => {
      const val = (k: string) => row.querySelector<HTMLInputElement | HTMLSelectElement>(`[data-k="${k}"]`)?.value ?? '';
      const num = (k: string) => (val(k) === '' ? undefined : Number(val(k)));
      if (row.dataset.kind === 'region') {
        const c = val('controller');
        const s = num('stability');
        if (c === '' && s === undefined) return [];
        return [
          {
            kind: 'region',
            region: val('region'),
            ...(c === '' ? {} : { controller: c === 'none' ? null : c }),
            ...(s === undefined ? {} : { stability: s }),
          },
        ];
      }
      const r = val('readiness');
      const st = num('strength');
      if (!val('region') && st === undefined && !r) return [];
      return [
        {
          kind: 'asset',
          asset: val('asset'),
          ...(val('region') ? { region: val('region') } : {}),
          ...(st === undefined ? {} : { strength: st }),
          ...(r ? { readiness: r as Readiness } : {}),
        },
      ];
    });

  /** The effects and escalation the outcome will carry, and whether it departs from the roll. */
  function plan() {
    const roll = currentRoll();
    const table = roll?.method === 'table' ? tableOf(roll.table) : undefined;
    const row = table && recordRow.value !== '' ? Number(recordRow.value) : null;
    const rowDef = table && row !== null ? table.outcomes[row] : undefined;
    const followRow = roll?.method === 'table' && useRow.checked && rowDef !== undefined;
    const effects = followRow && view ? rowProposal(view, rowDef, [...picked], ops()) : builtEffects();
    const escalation = followRow && table && row !== null ? proposedEscalation(table, row) : null;
    const success = roll?.method === 'matrix' ? recordResult.value === 'true' : null;
    const style = view?.exercise.adjudication ?? 'free';
    const departs = departure(style, roll, { row, success, useRowEffects: useRow.checked, settles: picked.size + pickedOps.size });
    return { roll, table, row, rowDef, effects, escalation, success, departs, style };
  }

  function renderTable(table: Table | undefined, chances: readonly number[], highlight: number | null) {
    if (!table) return fill(tableView, empty('No table for this type: pick one, or roll against odds.'));
    fill(
      tableView,
      h(
        'table',
        { class: 'teams roll-table' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', {}, 'd100'),
            h('th', {}, 'Result'),
            h('th', {}, 'Chance'),
            h('th', { title: 'Stability' }, 'Stab.'),
            h('th', { title: 'Strength' }, 'Str.'),
            h('th', { title: 'Escalation' }, 'Esc.'),
          ),
        ),
        h(
          'tbody',
          {},
          ...table.outcomes.map((o, i) =>
            h(
              'tr',
              { class: i === highlight ? 'rolled' : '', title: o.description },
              h('td', {}, `${o.range[0]}–${o.range[1]}`),
              h('td', {}, o.label),
              h('td', {}, `${chances[i] ?? 0}%`),
              h('td', {}, signed(o.stabilityDelta)),
              h('td', {}, signed(o.strengthDelta)),
              h('td', {}, signed(o.escalationDelta)),
            ),
          ),
        ),
      ),
    );
  }

  /** Re-derives everything that depends on the picks, the method and the roll. */
  function refresh() {
    const v = view;
    if (!v) return;
    const m = method();
    const p = plan();
    const rigid = p.style === 'rigid';
    methodRadios.find((r) => r.value === 'free')!.disabled = rigid;
    tableFields.hidden = m !== 'table' || p.roll !== null;
    matrixFields.hidden = m !== 'matrix' || p.roll !== null;
    rollBox.hidden = m === 'free';
    rollBtn.hidden = p.roll !== null;
    rollBtn.disabled = picked.size + pickedOps.size === 0;
    // The table: the one rolled, or the one that would be.
    if (m === 'table' || p.roll?.method === 'table') {
      const first = v.actions.find((a) => picked.has(a.id))?.type ?? ops()[0]?.actionType;
      const key = `${first ?? ''}`;
      if (key !== methodFor && p.roll === null) {
        methodFor = key;
        const def = first ? tables().find((t) => t.actionType === first) : undefined;
        if (def) tableSel.value = def.id;
      }
      const table = p.roll ? tableOf(p.roll.table) : tableOf(tableSel.value);
      renderTable(table, p.roll ? p.roll.chances : table ? rowChances(table, Number(modifier.value) || 0) : [], p.roll ? p.roll.row : null);
      tableView.hidden = false;
    } else tableView.hidden = true;
    rollResult.textContent = p.roll ? `Rolled: ${rollLine(p.roll, p.table?.title ?? null)}` : '';
    // Follow the roll.
    followBox.hidden = p.roll === null;
    (followBox.querySelector('.table-follow') as HTMLElement).hidden = p.roll?.method !== 'table';
    (followBox.querySelector('.matrix-follow') as HTMLElement).hidden = p.roll?.method !== 'matrix';
    effectsSet.hidden = p.roll?.method === 'table' && useRow.checked;
    // Preview.
    const lines = previewLines(v, p.effects);
    if (p.escalation) lines.push(`Escalation: ${signed(p.escalation.delta)} (${p.escalation.reason})`);
    fill(preview, lines.length ? h('ul', { class: 'effects' }, ...lines.map((l) => h('li', {}, l))) : empty('No effects.'));
    // Override.
    override.required = p.departs !== null && !rigid;
    overrideField.hidden = p.departs === null;
    overrideNote.textContent =
      p.departs === null ? '' : rigid ? `${p.departs} The scenario is rigid: the roll is binding.` : `${p.departs} Say why.`;
    recordBtn.disabled = rigid && p.departs !== null;
    // Who reads it.
    const anyone = visAll.checked || visNations.querySelector('input:checked') !== null;
    visWarn.textContent = anyone ? '' : 'Nobody ticked: only exercise control will read this outcome.';
    for (const c of visNations.querySelectorAll<HTMLInputElement>('input')) c.disabled = visAll.checked;
  }

  rollBtn.addEventListener('click', () => {
    if (!ctxRef || !view) return;
    const m = method();
    void ctxRef.run(rollSlot, {
      type: 'adjudication.roll',
      method: m === 'matrix' ? 'matrix' : 'table',
      actions: [...picked],
      operations: [...pickedOps],
      ...(m === 'matrix' ? { odds: Number(odds.value) } : { table: tableSel.value, modifier: Number(modifier.value) || 0 }),
      note: note.value,
    });
  });

  function resetForm() {
    picked.clear();
    pickedOps.clear();
    title.value = '';
    outcome.value = '';
    rationale.value = '';
    override.value = '';
    note.value = '';
    odds.value = '';
    modifier.value = '0';
    useRow.checked = true;
    effectsBox.replaceChildren();
    // "Who reads it" starts empty for each new outcome.
    visAll.checked = false;
    for (const c of visNations.querySelectorAll<HTMLInputElement>('input')) c.checked = false;
    rollFor = '';
  }

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (!ctxRef) return;
    const p = plan();
    const visibleTo = visAll.checked ? 'ALL' : [...visNations.querySelectorAll<HTMLInputElement>('input:checked')].map((c) => c.value);
    void ctxRef
      .run(slot, {
        type: 'adjudication.record',
        actions: [...picked],
        operations: [...pickedOps],
        title: title.value,
        outcome: outcome.value,
        rationale: rationale.value,
        effects: p.effects,
        visibleTo,
        ...(p.escalation ? { escalation: p.escalation } : {}),
        ...(p.roll ? { roll: p.roll.id } : {}),
        ...(p.roll?.method === 'table' && p.row !== null ? { row: p.row } : {}),
        ...(p.roll?.method === 'matrix' && p.success !== null ? { success: p.success } : {}),
        ...(p.departs !== null && override.value.trim() ? { override: override.value } : {}),
      })
      .then((r) => {
        if (r.ok) {
          resetForm();
          if (view && ctxRef) update(view, ctxRef);
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

  const toggle = (set: Set<string>, id: string) => (e: Event) => {
    if ((e.target as HTMLInputElement).checked) set.add(id);
    else set.delete(id);
    refresh();
  };

  function update(v: View, ctx: Ctx) {
    view = v;
    ctxRef = ctx;
    const open = v.actions.filter((a) => a.status === 'submitted');
    const launched = launchedOperations(v);
    for (const id of [...picked]) if (!open.some((a) => a.id === id)) picked.delete(id);
    for (const id of [...pickedOps]) if (!launched.some((o) => o.id === id)) pickedOps.delete(id);
    fill(
      queue,
      open.length
        ? open.map((a) =>
            h(
              'label',
              { class: 'item queue-item', 'data-action': a.id },
              h('input', { type: 'checkbox', checked: picked.has(a.id), onchange: toggle(picked, a.id) }),
              h('span', { class: 'tag' }, nationName(v, a.nation)),
              h('strong', {}, ` ${a.title} `),
              h('span', { class: 'tag' }, actionTypeLabel(a.type)),
              h(
                'span',
                { class: 'meta' },
                ` Turn ${a.turn}${a.regions.length ? ` · ${a.regions.map((r) => regionName(v, r)).join(', ')}` : ''}${a.assets.length ? ` · ${a.assets.map((x) => assetName(v, x)).join(', ')}` : ''}`,
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
            ),
          )
        : empty('No actions waiting.'),
    );
    fill(
      opsBox,
      launched.length
        ? launched.map((o) =>
            h(
              'label',
              { class: 'item queue-item', 'data-operation': o.id },
              h('input', { type: 'checkbox', checked: pickedOps.has(o.id), onchange: toggle(pickedOps, o.id) }),
              h('span', { class: 'tag' }, nationName(v, o.proposer)),
              h('strong', {}, ` ${o.title} `),
              h('span', { class: 'tag' }, actionTypeLabel(o.actionType)),
              h('span', { class: 'meta' }, o.regions.length ? ` ${o.regions.map((r) => regionName(v, r)).join(', ')}` : ''),
            ),
          )
        : empty('No launched operations.'),
    );
    const key = `${v.nations.map((n) => n.id).join(',')}|${tables()
      .map((t) => t.id)
      .join(',')}`;
    if (key !== optionsFor) {
      optionsFor = key;
      fill(
        visNations,
        ...v.nations.map((n) => h('label', { class: 'check' }, h('input', { type: 'checkbox', value: n.id }), ` ${n.name}`)),
      );
      fill(advRegion, h('option', { value: '' }, '(none)'), ...v.map.regions.map((r) => h('option', { value: r.id }, r.name)));
      fill(tableSel, ...tables().map((t) => h('option', { value: t.id }, t.title)));
      const style = v.exercise.adjudication;
      const def = style === 'matrix' ? 'matrix' : style === 'free' ? 'free' : 'table';
      for (const r of methodRadios) r.checked = r.value === def;
      styleNote.textContent = {
        free: 'Free adjudication: control writes the outcome; a roll is optional.',
        'semi-rigid': 'Semi-rigid: the table proposes the outcome and its odds; departing from it needs a rationale.',
        rigid: 'Rigid: the table result is binding.',
        matrix: 'Matrix: set the odds for the team’s argument; the roll decides.',
      }[style];
    }
    // A new roll for the picks sets the recorded row or result to what was rolled.
    const roll = currentRoll();
    if ((roll?.id ?? '') !== rollFor) {
      rollFor = roll?.id ?? '';
      if (roll?.method === 'table') {
        const t = tableOf(roll.table);
        fill(
          recordRow,
          ...(t?.outcomes ?? []).map((o, i) => h('option', { value: String(i) }, `${o.label}${i === roll.row ? ' (rolled)' : ''}`)),
        );
        recordRow.value = String(roll.row ?? 0);
        if (!title.value && t && roll.row !== null) title.value = `${t.title}: ${t.outcomes[roll.row]?.label ?? ''}`;
        if (!outcome.value && t && roll.row !== null) outcome.value = t.outcomes[roll.row]?.description ?? '';
      }
      if (roll?.method === 'matrix') recordResult.value = String(roll.success === true);
      useRow.checked = true;
    }
    refresh();
    form.hidden = ctx.readOnly;
    advForm.hidden = ctx.readOnly;
  }

  return {
    badge: (v) => v.actions.filter((a) => a.status === 'submitted').length + launchedOperations(v).length,
    mount(root) {
      fill(root, h('h3', {}, 'Queue: submitted actions'), queue, h('h3', {}, 'Launched operations'), opsBox, form, advForm);
    },
    update,
  };
}

const signed = (n: number): string => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');
