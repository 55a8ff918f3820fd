/**
 * Form parts of the negotiation screens: refusals shown next to the field they name, a game-time
 * deadline picker (turn and phase, with the game time at its end), and the typed-clause editor.
 * The decision log's form uses the refusal display too.
 */
import type { AgreementClause, GameDeadline } from '@concord/shared/engine/index';
import type { CommandDraft, Reply } from '@concord/shared/protocol/index';
import type { View } from '@concord/shared/views/index';
import type { Classification } from '@concord/shared/common';
import { gameTime } from '../../format.ts';
import { field, fill, h, select, uid } from '../dom.ts';
import { CLASSIFICATIONS, CLAUSE_TYPES } from '../labels.ts';
import type { Ctx } from '../panel.ts';
import {
  currentPosition,
  deadlineChoices,
  fieldKey,
  fieldMessage,
  gameTimeAtEnd,
  positionOf,
  type ClockView,
} from './negotiation-model.ts';

// ---------------------------------------------------------------------------------------------
// Refusals next to their field

export interface FieldErrors {
  /** Name the control (or group) that a refusal path addresses. */
  set(key: string, el: HTMLElement): void;
  /** Forget keys that start with this prefix (a removed clause row). */
  drop(prefix: string): void;
  clear(): void;
  /** Show a refusal at its field; true if a field was found. */
  show(reply: Extract<Reply, { ok: false }>, type: string): boolean;
}

export function fieldErrors(): FieldErrors {
  const fields = new Map<string, HTMLElement>();
  const shown: HTMLElement[] = [];
  return {
    set: (key, el) => void fields.set(key, el),
    drop(prefix) {
      for (const k of [...fields.keys()]) if (k.startsWith(prefix)) fields.delete(k);
    },
    clear() {
      for (const el of shown.splice(0)) el.remove();
      for (const el of fields.values()) el.removeAttribute('aria-invalid');
    },
    show(reply, type) {
      const key = reply.path ? fieldKey(reply.path, fields.keys()) : null;
      const el = key === null ? undefined : fields.get(key);
      if (!el) return false;
      const msg = h('p', { class: 'field-error', role: 'alert' }, fieldMessage(reply, type));
      const id = uid('err');
      msg.id = id;
      el.setAttribute('aria-invalid', 'true');
      el.setAttribute('aria-describedby', id);
      const host = el.closest('.field') ?? el;
      if (host === el && !(el instanceof HTMLFieldSetElement)) el.after(msg);
      else host.append(msg);
      shown.push(msg);
      el.scrollIntoView({ block: 'nearest' });
      if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) el.focus();
      return true;
    },
  };
}

/** Send a form's command: a refusal shows in the slot and, when its path names a field, next to that field. */
export async function sendForm(ctx: Ctx, slot: HTMLElement, errors: FieldErrors, draft: CommandDraft): Promise<Reply> {
  errors.clear();
  const r = await ctx.run(slot, draft);
  if (!r.ok) errors.show(r, draft.type);
  return r;
}

/** A local refusal (before anything is sent), shown the same way. */
export function refuseLocally(slot: HTMLElement, errors: FieldErrors, path: string, message: string): void {
  errors.clear();
  slot.className = 'status-slot error';
  fill(slot, h('strong', {}, 'Not sent: '), message);
  errors.show({ ok: false, code: 'local', message, path }, '');
}

// ---------------------------------------------------------------------------------------------
// The deadline picker

export interface DeadlinePicker {
  el: HTMLElement;
  /** The controls a refusal about `deadline`, `deadline.turn` or `deadline.phase` points at. */
  turnSelect: HTMLSelectElement;
  phaseSelect: HTMLSelectElement;
  /** Rebuild the choices for the exercise's clock now (keeping the choice while it stays valid). */
  refresh(clock: ClockView, after?: GameDeadline | null): void;
  set(d: GameDeadline | null): void;
  /** The chosen deadline, or null for none. */
  read(): GameDeadline | null;
  setRequired(required: boolean): void;
}

/** Turn and phase, with the game time at the end of the chosen phase. */
export function deadlinePicker(label: string, hint: string): DeadlinePicker {
  const turnSelect = h('select', { 'aria-label': `${label}: turn` });
  const phaseSelect = h('select', { 'aria-label': `${label}: phase` });
  const readout = h('output', { class: 'deadline-readout' });
  const hintEl = h('small', { class: 'hint' }, hint);
  const legend = h('legend', {}, label);
  const el = h(
    'fieldset',
    { class: 'deadline-picker' },
    legend,
    h(
      'div',
      { class: 'deadline-row' },
      h('label', { class: 'dl-turn' }, 'Turn ', turnSelect),
      h('label', { class: 'dl-phase' }, 'end of ', phaseSelect),
    ),
    readout,
    hintEl,
  );
  let clock: ClockView | null = null;
  let after: GameDeadline | null = null;
  let required = false;
  let shownFor = '';

  const showReadout = () => {
    const d = read();
    readout.textContent = d && clock ? `Ends ${gameTime(gameTimeAtEnd(clock, d))} (game time)` : required ? 'Choose when.' : 'No deadline.';
  };
  const fillPhases = () => {
    if (!clock) return;
    const c = clock;
    const turn = Number(turnSelect.value);
    const keep = phaseSelect.value;
    const min = Math.max(currentPosition(c), after ? positionOf(c, after) + 1 : 0);
    fill(
      phaseSelect,
      ...(turnSelect.value === ''
        ? [h('option', { value: '' }, '—')]
        : c.phases.map((p) => h('option', { value: p.id, disabled: positionOf(c, { turn, phase: p.id }) < min }, p.label))),
    );
    const enabled = [...phaseSelect.options].filter((o) => !o.disabled);
    phaseSelect.value = enabled.some((o) => o.value === keep) ? keep : (enabled[0]?.value ?? '');
    phaseSelect.disabled = turnSelect.value === '';
    showReadout();
  };
  turnSelect.addEventListener('change', fillPhases);
  phaseSelect.addEventListener('change', showReadout);

  function read(): GameDeadline | null {
    if (turnSelect.value === '' || phaseSelect.value === '') return null;
    return { turn: Number(turnSelect.value), phase: phaseSelect.value as GameDeadline['phase'] };
  }

  const picker: DeadlinePicker = {
    el,
    turnSelect,
    phaseSelect,
    refresh(c, a = null) {
      const key = `${c.turn}/${c.phaseIndex}/${c.status}/${a ? `${a.turn}/${a.phase}` : ''}/${required}`;
      if (clock !== null && key === shownFor) return;
      shownFor = key;
      clock = c;
      after = a;
      const keep = turnSelect.value;
      const turns = [...new Set(deadlineChoices(c, a).map((d) => d.turn))];
      fill(
        turnSelect,
        h('option', { value: '' }, required ? 'Choose a turn' : 'No deadline'),
        ...turns.map((t) => h('option', { value: String(t) }, `${t}${t === c.turn ? ' (this turn)' : ''}`)),
      );
      turnSelect.value = turns.map(String).includes(keep) ? keep : '';
      turnSelect.required = required;
      fillPhases();
    },
    set(d) {
      if (!clock) return;
      turnSelect.value = d ? String(d.turn) : '';
      fillPhases();
      if (d && [...phaseSelect.options].some((o) => o.value === d.phase && !o.disabled)) phaseSelect.value = d.phase;
      showReadout();
    },
    read,
    setRequired(r) {
      if (r === required) return;
      required = r;
      legend.textContent = r ? `${label} (required)` : label;
      shownFor = '';
      if (clock) picker.refresh(clock, after);
    },
  };
  return picker;
}

// ---------------------------------------------------------------------------------------------
// The typed-clause editor

export interface ClauseEditor {
  el: HTMLElement;
  /** Replace the rows with these clauses (or one empty row). */
  set(clauses: readonly AgreementClause[], view: View): void;
  read(): AgreementClause[];
  /** Name each row's controls for refusals: clauses[i], clauses[i].title, … */
  register(errors: FieldErrors): void;
}

interface Row {
  el: HTMLElement;
  type: HTMLSelectElement;
  title: HTMLInputElement;
  text: HTMLTextAreaElement;
  upTo: HTMLSelectElement;
  regions: HTMLFieldSetElement;
  pledge: HTMLInputElement;
  read(): AgreementClause;
}

/** Rows of typed clauses: type, title, text, and the type's own field; add and remove rows. */
export function clauseEditor(): ClauseEditor {
  const rowsEl = h('div', { class: 'clause-rows' });
  const rows: Row[] = [];
  let view: View | null = null;
  const addBtn = h('button', { type: 'button', onclick: () => addRow(null) }, '+ Add clause');
  const el = h('fieldset', { class: 'clause-editor' }, h('legend', {}, 'Clauses'), rowsEl, h('div', { class: 'row' }, addBtn));

  const renumber = () => {
    rows.forEach((r, i) => {
      const head = r.el.querySelector('.clause-num');
      if (head) head.textContent = `Clause ${i + 1}`;
      const rm = r.el.querySelector<HTMLButtonElement>('.clause-remove');
      if (rm) rm.disabled = rows.length === 1;
    });
  };

  function addRow(c: AgreementClause | null): void {
    const v = view;
    if (!v) return;
    const type = select(
      CLAUSE_TYPES.map((t) => ({ value: t.id, label: t.label })),
      { 'aria-label': 'Clause type' },
    );
    const title = h('input', { type: 'text', maxlength: 120, required: true, placeholder: 'e.g. Air policing over the Sarn Gap' });
    const text = h('textarea', { rows: 2, maxlength: 4000, placeholder: 'The clause as the parties will sign it' });
    const upTo = select(CLASSIFICATIONS.map((x) => ({ value: x, label: x })));
    const regions = h(
      'fieldset',
      { class: 'checks region-checks' },
      h('legend', {}, 'Regions opened'),
      ...v.map.regions.map((r) => h('label', { class: 'check' }, h('input', { type: 'checkbox', value: r.id }), ` ${r.name}`)),
    );
    const pledge = h('input', { type: 'number', min: 0, max: 100, step: 0.1, placeholder: '2' });
    const upToField = field(
      'Shares reports up to',
      upTo,
      'Reports up to this classification become releasable to the other parties (ORCON and NOFORN still hold).',
    );
    const regionsField = h(
      'div',
      { class: 'field' },
      regions,
      h('small', { class: 'hint' }, "None ticked: every region a party controls is open to the other parties' forces."),
    );
    const pledgeField = field('Pledged defence spend (% of GDP)', pledge);
    const extras = () => {
      upToField.hidden = type.value !== 'intel_sharing';
      regionsField.hidden = type.value !== 'basing_access';
      pledgeField.hidden = type.value !== 'burden_sharing';
      pledge.required = type.value === 'burden_sharing';
    };
    type.addEventListener('change', extras);
    const row: Row = {
      el: h('div', { class: 'clause-row' }),
      type,
      title,
      text,
      upTo,
      regions,
      pledge,
      read(): AgreementClause {
        const base = { title: title.value.trim(), text: text.value };
        const t = type.value as AgreementClause['type'];
        if (t === 'intel_sharing') return { type: t, ...base, upTo: upTo.value as Classification };
        if (t === 'basing_access')
          return { type: t, ...base, regions: [...regions.querySelectorAll<HTMLInputElement>('input:checked')].map((x) => x.value) };
        if (t === 'burden_sharing') return { type: t, ...base, pledgePct: pledge.value === '' ? Number.NaN : Number(pledge.value) };
        return { type: t, ...base };
      },
    };
    const remove = h(
      'button',
      {
        type: 'button',
        class: 'link clause-remove',
        'aria-label': 'Remove this clause',
        onclick: () => {
          const i = rows.indexOf(row);
          if (i >= 0 && rows.length > 1) {
            rows.splice(i, 1);
            row.el.remove();
            renumber();
          }
        },
      },
      'Remove',
    );
    fill(
      row.el,
      h('div', { class: 'clause-head' }, h('strong', { class: 'clause-num' }), remove),
      field('Type', type),
      field('Title', title),
      field('Text', text),
      upToField,
      regionsField,
      pledgeField,
    );
    if (c) {
      type.value = c.type;
      title.value = c.title;
      text.value = c.text;
      if (c.type === 'intel_sharing') upTo.value = c.upTo;
      if (c.type === 'basing_access')
        for (const box of regions.querySelectorAll<HTMLInputElement>('input')) box.checked = c.regions.includes(box.value);
      if (c.type === 'burden_sharing') pledge.value = String(c.pledgePct);
    }
    extras();
    rows.push(row);
    rowsEl.append(row.el);
    renumber();
  }

  return {
    el,
    set(clauses, v) {
      view = v;
      rows.splice(0);
      rowsEl.replaceChildren();
      if (clauses.length) for (const c of clauses) addRow(c);
      else addRow(null);
    },
    read: () => rows.map((r) => r.read()),
    register(errors) {
      errors.drop('clauses');
      errors.set('clauses', el);
      rows.forEach((r, i) => {
        const k = `clauses[${i}]`;
        errors.set(k, r.title);
        errors.set(`${k}.type`, r.type);
        errors.set(`${k}.title`, r.title);
        errors.set(`${k}.text`, r.text);
        errors.set(`${k}.upTo`, r.upTo);
        errors.set(`${k}.regions`, r.regions);
        errors.set(`${k}.pledgePct`, r.pledge);
      });
    },
  };
}
