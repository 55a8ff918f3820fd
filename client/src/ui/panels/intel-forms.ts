/**
 * The intel library's forms: share, request ORCON release, widen, release a tearline, answer a
 * request, write an assessment (a nation), and write, release and hold a report (control). Each
 * is a small form that shows the server's refusal next to the field it names (negotiation-forms).
 * An ally the markings rule out is listed, disabled, with the reason.
 */
import type { Classification } from '@concord/shared/common';
import type { CommandDraft } from '@concord/shared/protocol/index';
import type { View } from '@concord/shared/views/index';
import { field, h, uid } from '../dom.ts';
import { CLASSIFICATIONS, nationName } from '../labels.ts';
import { statusSlot, type Ctx } from '../panel.ts';
import { fieldErrors, refuseLocally, sendForm, type FieldErrors } from './negotiation-forms.ts';
import { reportTitle, type AllyChoice } from './intel-model.ts';

type Get = () => Ctx | null;

/** Checkboxes of nations; a ruled-out one is disabled with its reason beside it. */
function nationChecks(legend: string, choices: ReadonlyArray<{ nation: string; name: string; allowed: boolean; note: string | null }>) {
  const el = h(
    'fieldset',
    { class: 'checks intel-allies' },
    h('legend', {}, legend),
    ...choices.map((c) =>
      h(
        'label',
        { class: `check${c.allowed ? '' : ' off'}`, title: c.note ?? '' },
        h('input', { type: 'checkbox', value: c.nation, disabled: !c.allowed }),
        h('span', { class: 'ally-name' }, c.name, c.note ? h('small', { class: 'why' }, c.note) : null),
      ),
    ),
  );
  const read = () => [...el.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value);
  return { el, read };
}

const noteBox = (placeholder: string, required = false) => h('textarea', { rows: 2, maxlength: 1000, required, placeholder });

function submitRow(label: string, slot: HTMLElement) {
  return h('div', { class: 'row' }, h('button', { type: 'submit', class: 'primary' }, label), slot);
}

/** Register `to`, `to[i]` and the note with the refusal display. */
function registerAllies(errors: FieldErrors, allies: HTMLElement, n: number, path = 'to') {
  errors.drop('');
  errors.set(path, allies);
  for (let i = 0; i < n; i++) errors.set(`${path}[${i}]`, allies);
}

/** Share, release the tearline, or request release: pick allies, add a note or reason, send. */
export function allyForm(opts: {
  getCtx: Get;
  label: string;
  legend: string;
  choices: readonly AllyChoice[];
  textLabel: string;
  textPath: 'note' | 'reason';
  placeholder: string;
  required?: boolean;
  hint?: string;
  button: string;
  draft(to: string[], text: string): CommandDraft;
  onDone?(): void;
}): HTMLFormElement {
  const errors = fieldErrors();
  const slot = statusSlot();
  const allies = nationChecks(opts.legend, opts.choices);
  const text = noteBox(opts.placeholder, opts.required);
  const form = h(
    'form',
    { class: 'intel-form', 'aria-label': opts.label },
    allies.el,
    field(opts.textLabel, text, opts.hint),
    submitRow(opts.button, slot),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const ctx = opts.getCtx();
    if (!ctx) return;
    const to = allies.read();
    registerAllies(errors, allies.el, to.length);
    errors.set(opts.textPath, text);
    errors.set('intel', allies.el);
    if (to.length === 0) return refuseLocally(slot, errors, 'to', 'Choose at least one ally.');
    void sendForm(ctx, slot, errors, opts.draft(to, text.value)).then((r) => {
      if (!r.ok) return;
      text.value = '';
      for (const c of allies.el.querySelectorAll<HTMLInputElement>('input')) c.checked = false;
      opts.onDone?.();
    });
  });
  return form;
}

/** The originator widens: nations added to REL TO, ORCON or NOFORN lifted. */
export function widenForm(
  getCtx: Get,
  report: string,
  w: { nations: Array<{ id: string; name: string }>; orcon: boolean; noforn: boolean },
  onDone?: () => void,
): HTMLFormElement {
  const errors = fieldErrors();
  const slot = statusSlot();
  const add = nationChecks(
    'Add to REL TO',
    w.nations.map((n) => ({ nation: n.id, name: n.name, allowed: true, note: null })),
  );
  const orcon = h('input', { type: 'checkbox', value: 'orcon' });
  const noforn = h('input', { type: 'checkbox', value: 'noforn' });
  const lift = h(
    'fieldset',
    { class: 'checks' },
    h('legend', {}, 'Lift controls'),
    w.orcon ? h('label', { class: 'check' }, orcon, ' Lift ORCON (holders may share it on within REL TO)') : null,
    w.noforn ? h('label', { class: 'check' }, noforn, ' Lift NOFORN') : null,
    !w.orcon && !w.noforn ? h('small', { class: 'hint' }, 'No ORCON or NOFORN in force.') : null,
  );
  const note = noteBox('Why (shown to control)');
  const form = h(
    'form',
    { class: 'intel-form', 'aria-label': 'Widen releasability' },
    w.nations.length ? add.el : h('p', { class: 'hint' }, 'Every allied nation is already in REL TO.'),
    lift,
    field('Note', note),
    submitRow('Widen', slot),
    h('p', { class: 'hint' }, 'Widening delivers nothing by itself: share the report afterwards.'),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const ctx = getCtx();
    if (!ctx) return;
    const relTo = add.read();
    registerAllies(errors, add.el, relTo.length, 'relTo');
    errors.set('lift', lift);
    errors.set('note', note);
    const lifted = [orcon, noforn].filter((c) => c.checked).map((c) => c.value as 'orcon' | 'noforn');
    if (relTo.length === 0 && lifted.length === 0)
      return refuseLocally(slot, errors, 'relTo', 'Choose nations to add, or a control to lift.');
    void sendForm(ctx, slot, errors, { type: 'intel.widen', intel: report, relTo, lift: lifted, note: note.value }).then((r) => {
      if (r.ok) onDone?.();
    });
  });
  return form;
}

/** The originator answers an ORCON request: a note, then Approve or Deny. */
export function answerForm(getCtx: Get, request: string): HTMLFormElement {
  const errors = fieldErrors();
  const slot = statusSlot();
  const note = noteBox('A note to the requester (optional)');
  let verdict: 'intel.approve' | 'intel.deny' = 'intel.approve';
  const form = h(
    'form',
    { class: 'intel-form answer-form', 'aria-label': 'Answer the request' },
    field('Note', note),
    h(
      'div',
      { class: 'row' },
      h('button', { type: 'submit', class: 'primary', onclick: () => (verdict = 'intel.approve') }, 'Approve and release'),
      h('button', { type: 'submit', class: 'danger', onclick: () => (verdict = 'intel.deny') }, 'Deny'),
      slot,
    ),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const ctx = getCtx();
    if (!ctx) return;
    errors.drop('');
    errors.set('note', note);
    errors.set('request', note);
    void sendForm(ctx, slot, errors, { type: verdict, request, note: note.value });
  });
  return form;
}

// ---------------------------------------------------------------------------------------------
// Markings, regions and the assessment / ad hoc report forms

function classificationSelect(value: Classification = 'CONFIDENTIAL') {
  const el = h('select', {}, ...CLASSIFICATIONS.map((c) => h('option', { value: c }, c)));
  el.value = value;
  return el;
}

/** Classification, REL TO, ORCON and NOFORN. */
function markingsFields(view: View, legend: string, exclude: string | null) {
  const cls = classificationSelect();
  const relTo = nationChecks(
    'REL TO',
    view.nations.filter((n) => n.id !== exclude).map((n) => ({ nation: n.id, name: n.name, allowed: true, note: null })),
  );
  const orcon = h('input', { type: 'checkbox' });
  const noforn = h('input', { type: 'checkbox' });
  const el = h(
    'fieldset',
    { class: 'markings' },
    h('legend', {}, legend),
    field('Classification', cls),
    relTo.el,
    h(
      'div',
      { class: 'row' },
      h('label', { class: 'check' }, orcon, ' ORCON (you control onward release)'),
      h('label', { class: 'check' }, noforn, ' NOFORN (originator only)'),
    ),
  );
  return {
    el,
    cls,
    relToEl: relTo.el,
    read: () => ({
      classification: cls.value as Classification,
      controls: { relTo: relTo.read(), orcon: orcon.checked, noforn: noforn.checked },
    }),
    register(errors: FieldErrors, prefix: string) {
      errors.set(`${prefix}classification`, cls);
      errors.set(`${prefix}controls`, relTo.el);
      errors.set(`${prefix}controls.relTo`, relTo.el);
    },
  };
}

function regionChecks(view: View) {
  const el = h(
    'fieldset',
    { class: 'checks region-checks' },
    h('legend', {}, 'Regions'),
    ...view.map.regions.map((g) => h('label', { class: 'check' }, h('input', { type: 'checkbox', value: g.id }), ` ${g.name}`)),
  );
  return { el, read: () => [...el.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value) };
}

/** A nation's own assessment: title, body, markings, regions, reports it rests on, recipients. */
export function assessForm(getCtx: Get, view: View, nation: string): HTMLFormElement {
  const errors = fieldErrors();
  const slot = statusSlot();
  const title = h('input', { type: 'text', maxlength: 160, required: true, placeholder: 'e.g. Varkan intentions at the Sarn Gap' });
  const body = h('textarea', {
    rows: 5,
    maxlength: 8000,
    required: true,
    placeholder: 'One paragraph per portion; start a paragraph with a mark like (S) or (C) to mark it.',
  });
  const marks = markingsFields(view, 'Markings', nation);
  const regions = regionChecks(view);
  const held = view.intel.filter((r) => r.part === 'full');
  const cites = h(
    'fieldset',
    { class: 'checks cites' },
    h('legend', {}, 'Rests on (reports you hold)'),
    ...(held.length
      ? held.map((r) => h('label', { class: 'check' }, h('input', { type: 'checkbox', value: r.id }), ` ${reportTitle(view, r)}`))
      : [h('small', { class: 'hint' }, 'No reports held in full yet.')]),
  );
  const to = nationChecks(
    'Send to',
    view.nations.filter((n) => n.id !== nation).map((n) => ({ nation: n.id, name: n.name, allowed: true, note: null })),
  );
  const note = noteBox('A note to the recipients (optional)');
  const form = h(
    'form',
    { class: 'intel-form assess-form', 'aria-label': 'Write an assessment' },
    field('Title', title),
    field('Assessment', body),
    marks.el,
    regions.el,
    cites,
    to.el,
    field('Note', note),
    submitRow('Send assessment', slot),
    h('p', { class: 'hint' }, 'Recipients must be within its markings; your nation is its originator.'),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const ctx = getCtx();
    if (!ctx) return;
    const recipients = to.read();
    registerAllies(errors, to.el, recipients.length);
    errors.set('title', title);
    errors.set('body', body);
    errors.set('regions', regions.el);
    errors.set('cites', cites);
    errors.set('note', note);
    marks.register(errors, '');
    if (recipients.length === 0) return refuseLocally(slot, errors, 'to', 'Choose at least one ally to send it to.');
    const cited = [...cites.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value);
    cited.forEach((_, i) => errors.set(`cites[${i}]`, cites));
    void sendForm(ctx, slot, errors, {
      type: 'intel.assess',
      title: title.value,
      body: body.value,
      ...marks.read(),
      regions: regions.read(),
      cites: cited,
      to: recipients,
      note: note.value,
    }).then((r) => {
      if (!r.ok) return;
      title.value = '';
      body.value = '';
      note.value = '';
      for (const c of form.querySelectorAll<HTMLInputElement>('input[type=checkbox]')) c.checked = false;
    });
  });
  return form;
}

const RELIABILITY = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
const CREDIBILITY = ['1', '2', '3', '4', '5', '6'] as const;

/** Control writes an ad hoc report: from a nation, with markings, grading, ground truth and verdict, optional tearline. */
export function writeForm(getCtx: Get, view: View): HTMLFormElement {
  const errors = fieldErrors();
  const slot = statusSlot();
  const title = h('input', { type: 'text', maxlength: 160, required: true });
  const originator = h('select', {}, ...view.nations.map((n) => h('option', { value: n.id }, n.name)));
  const marks = markingsFields(view, 'Markings', null);
  const reliability = h('select', { 'aria-label': 'Source reliability' }, ...RELIABILITY.map((x) => h('option', { value: x }, x)));
  const credibility = h('select', { 'aria-label': 'Information credibility' }, ...CREDIBILITY.map((x) => h('option', { value: x }, x)));
  reliability.value = 'B';
  credibility.value = '2';
  const regions = regionChecks(view);
  const body = h('textarea', { rows: 5, maxlength: 8000, required: true, placeholder: 'Portion marks like (S) start a paragraph.' });
  const truth = h(
    'select',
    {},
    h('option', { value: 'true' }, 'True'),
    h('option', { value: 'false' }, 'False'),
    h('option', { value: 'deception' }, 'Deception'),
  );
  const groundTruth = h('textarea', { rows: 2, maxlength: 4000, placeholder: 'What is really happening (control only)' });
  const withTearline = h('input', { type: 'checkbox' });
  const tTitle = h('input', { type: 'text', maxlength: 160, placeholder: 'Optional' });
  const tMarks = markingsFields(view, 'Tearline markings', null);
  const tBody = h('textarea', { rows: 3, maxlength: 8000 });
  const tearline = h(
    'div',
    { class: 'tearline-fields', hidden: true },
    field('Tearline title', tTitle),
    tMarks.el,
    field('Tearline text', tBody),
  );
  withTearline.addEventListener('change', () => (tearline.hidden = !withTearline.checked));
  const to = nationChecks(
    'Also reaches at release (within its markings)',
    view.nations.map((n) => ({ nation: n.id, name: n.name, allowed: true, note: null })),
  );
  const when = h(
    'select',
    {},
    h('option', { value: 'now' }, 'Now'),
    ...Array.from({ length: Math.max(0, view.exercise.turns - view.exercise.turn) }, (_, i) => view.exercise.turn + 1 + i).map((t) =>
      h('option', { value: String(t) }, `At the start of turn ${t}`),
    ),
  );
  const gradingId = uid('grading');
  const form = h(
    'form',
    { class: 'intel-form write-form', 'aria-label': 'Write a report' },
    field('Title', title),
    field('Originator', originator),
    marks.el,
    h(
      'div',
      { class: 'field', id: gradingId },
      h('label', {}, 'Grading (reliability, credibility)'),
      h('div', { class: 'row' }, reliability, credibility),
    ),
    regions.el,
    field('Report text', body),
    field('Verdict (control only)', truth),
    field('Ground truth (control only)', groundTruth),
    h('label', { class: 'check' }, withTearline, ' Add a tearline'),
    tearline,
    to.el,
    field('Release', when),
    submitRow('Write report', slot),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const ctx = getCtx();
    if (!ctx) return;
    const recipients = to.read();
    registerAllies(errors, to.el, recipients.length);
    errors.set('title', title);
    errors.set('originator', originator);
    errors.set('grading', reliability);
    errors.set('regions', regions.el);
    errors.set('body', body);
    errors.set('truth', truth);
    errors.set('groundTruth', groundTruth);
    errors.set('release', when);
    errors.set('tearline', tBody);
    errors.set('tearline.body', tBody);
    errors.set('tearline.title', tTitle);
    marks.register(errors, '');
    tMarks.register(errors, 'tearline.');
    void sendForm(ctx, slot, errors, {
      type: 'intel.write',
      title: title.value,
      originator: originator.value,
      ...marks.read(),
      grading: {
        reliability: reliability.value as (typeof RELIABILITY)[number],
        credibility: credibility.value as (typeof CREDIBILITY)[number],
      },
      regions: regions.read(),
      body: body.value,
      groundTruth: groundTruth.value,
      truth: truth.value as 'true' | 'false' | 'deception',
      ...(withTearline.checked
        ? { tearline: { ...(tTitle.value ? { title: tTitle.value } : {}), ...tMarks.read(), body: tBody.value } }
        : {}),
      to: recipients,
      release: when.value === 'now' ? 'now' : { turn: Number(when.value) },
    }).then((r) => {
      if (!r.ok) return;
      for (const el of [title, body, groundTruth, tTitle, tBody]) el.value = '';
      for (const c of form.querySelectorAll<HTMLInputElement>('input[type=checkbox]')) c.checked = false;
      tearline.hidden = true;
    });
  });
  return form;
}

/** Control releases now: to its originator and the nations ticked (those its markings release it to). */
export function releaseForm(getCtx: Get, view: View, report: string, recipients: readonly string[], originator: string): HTMLFormElement {
  const errors = fieldErrors();
  const slot = statusSlot();
  const others = recipients.filter((n) => n !== originator);
  const to = nationChecks(
    `Reaches ${nationName(view, originator)} (originator) and`,
    others.map((n) => ({ nation: n, name: nationName(view, n), allowed: true, note: null })),
  );
  const form = h(
    'form',
    { class: 'intel-form release-form', 'aria-label': 'Release now' },
    others.length ? to.el : h('p', { class: 'hint' }, `Its markings release it to ${nationName(view, originator)} alone.`),
    submitRow('Release now', slot),
    h('p', { class: 'hint' }, 'The addressees of injects already out that carry it receive it too.'),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const ctx = getCtx();
    if (!ctx) return;
    const chosen = to.read();
    registerAllies(errors, to.el, chosen.length);
    errors.set('intel', to.el);
    void sendForm(ctx, slot, errors, { type: 'intel.release', intel: report, to: chosen });
  });
  return form;
}

/** Control holds a scheduled report (with a note) or resumes a held one. */
export function holdForm(getCtx: Get, report: string, status: 'scheduled' | 'held'): HTMLFormElement {
  const errors = fieldErrors();
  const slot = statusSlot();
  const note = noteBox('Why it is held (control only)');
  const form = h(
    'form',
    { class: 'intel-form hold-form', 'aria-label': status === 'held' ? 'Resume' : 'Hold' },
    status === 'scheduled' ? field('Note', note) : null,
    h('div', { class: 'row' }, h('button', { type: 'submit' }, status === 'held' ? 'Resume (back on schedule)' : 'Hold'), slot),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const ctx = getCtx();
    if (!ctx) return;
    errors.drop('');
    errors.set('note', note);
    errors.set('intel', note);
    void sendForm(
      ctx,
      slot,
      errors,
      status === 'held' ? { type: 'intel.resume', intel: report } : { type: 'intel.hold', intel: report, note: note.value },
    );
  });
  return form;
}
