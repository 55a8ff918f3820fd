/**
 * The decision log. A nation team records its decisions: the decision in one line, the options
 * it considered, the rationale, any dissent, what it relied on (the injects, reports and outcomes
 * it holds) and, optionally, the agreement or consultation the decision is about. A team reads its
 * own log; exercise control and evaluators read every team's, grouped by nation.
 *
 * For other panels — `openDecisionForm(ctx, view, prefill, onRecorded?)` opens this same form in
 * a dialog over the screen, prefilled, for a team to record a decision where it took it:
 *
 *   import { openDecisionForm } from './decisions.ts';
 *   openDecisionForm(ctx, view, {
 *     title: 'Supported consultation under Article 4',
 *     rationale: statement,
 *     about: { kind: 'consultation', id: consultation.id },
 *   });
 *
 * Every field of the prefill is optional (`title`, `rationale`, `options`, `dissent`, `relied`,
 * `about`). It returns false, and opens nothing, when the screen may not record a decision (a
 * read-only audience, or a seat that is not a nation team). `onRecorded` runs once the server has
 * recorded the entry; the dialog then closes by itself. The negotiation panel offers it after a
 * team signs, rejects or breaks silence; the treaties panel after a team states a position.
 */
import type { Citation } from '@concord/shared/engine/index';
import type { View } from '@concord/shared/views/index';
import { field, fill, h, select } from '../dom.ts';
import { citationLabel, injectLabel, nationName, positionTitle } from '../labels.ts';
import { empty, statusSlot, type Ctx, type Panel } from '../panel.ts';
import { fieldErrors, sendForm } from './negotiation-forms.ts';

export interface DecisionPrefill {
  title?: string;
  rationale?: string;
  options?: readonly string[];
  dissent?: string;
  relied?: readonly Citation[];
  about?: Citation;
}

type DecisionView = View['decisions'][number];

/** Every team's log for control and evaluators: each nation (by name) with its decisions, newest first. */
export function decisionsByNation(
  view: Pick<View, 'nations' | 'decisions'>,
): Array<{ nation: string; name: string; decisions: DecisionView[] }> {
  return view.nations.map((n) => ({
    nation: n.id,
    name: n.name,
    decisions: view.decisions.filter((d) => d.nation === n.id).sort((a, b) => b.seq - a.seq),
  }));
}

/** What a team may cite as relied on: the injects, reports and outcomes it holds, by their titles. */
export function reliedChoices(
  view: Pick<View, 'injects' | 'intel' | 'outcomes'>,
): Array<{ group: string; items: Array<{ cite: Citation; label: string }> }> {
  return [
    {
      group: 'Injects',
      items: [...view.injects]
        .sort((a, b) => a.number - b.number)
        .map((i) => ({ cite: { kind: 'inject' as const, id: i.id }, label: injectLabel(view, i.id) })),
    },
    {
      group: 'Reports',
      items: view.intel.flatMap((r) =>
        r.part === 'full' && r.title !== null ? [{ cite: { kind: 'report' as const, id: r.id }, label: r.title }] : [],
      ),
    },
    {
      group: 'Outcomes',
      items: view.outcomes.map((o) => ({ cite: { kind: 'outcome' as const, id: o.id }, label: `Turn ${o.turn}: ${o.title}` })),
    },
  ];
}

/** What a decision may be about: the agreements and consultations the team sees. */
export function aboutChoices(
  view: Pick<View, 'agreements' | 'consultations' | 'injects' | 'intel' | 'outcomes'>,
): Array<{ cite: Citation; label: string }> {
  return [
    ...view.agreements.map((a) => ({
      cite: { kind: 'agreement' as const, id: a.id },
      label: citationLabel(view, { kind: 'agreement', id: a.id }),
    })),
    ...view.consultations.map((c) => ({
      cite: { kind: 'consultation' as const, id: c.id },
      label: citationLabel(view, { kind: 'consultation', id: c.id }),
    })),
  ];
}

const citeKey = (c: Citation) => `${c.kind}:${c.id}`;

interface DecisionForm {
  el: HTMLFormElement;
  refresh(view: View): void;
  prefill(p: DecisionPrefill): void;
}

/** The decision form: decision, options (rows), rationale, dissent, relied on, about. */
function decisionForm(ctx: () => Ctx | null, onRecorded: () => void): DecisionForm {
  const errors = fieldErrors();
  const slot = statusSlot();
  const title = h('input', { type: 'text', maxlength: 200, required: true, placeholder: 'e.g. Sign the Sarn Gap air policing agreement' });
  const optionsEl = h('div', { class: 'option-rows' });
  const rationale = h('textarea', { rows: 3, maxlength: 4000, required: true, placeholder: 'Why the team chose this' });
  const dissent = h('textarea', { rows: 2, maxlength: 2000, placeholder: 'Who disagreed, and why (optional)' });
  const relied = h('fieldset', { class: 'relied' }, h('legend', {}, 'Relied on'));
  const about = select([]);
  const optionsBox = h(
    'fieldset',
    { class: 'options-box' },
    h('legend', {}, 'Options considered'),
    optionsEl,
    h('button', { type: 'button', onclick: () => addOption('') }, '+ Add option'),
  );
  const el = h(
    'form',
    { class: 'decision-form', 'aria-label': 'Record a decision' },
    field('Decision', title),
    optionsBox,
    field('Rationale', rationale),
    field('Dissent', dissent),
    relied,
    field('About', about, 'Optional: the agreement or consultation this decision is about'),
    h('div', { class: 'row' }, h('button', { type: 'submit', class: 'primary' }, 'Record decision'), slot),
  );
  let reliedFor = '';
  let aboutFor = '';
  let wantAbout: string | null = null;

  function addOption(text: string) {
    const input = h('input', { type: 'text', maxlength: 300, value: text, 'aria-label': 'Option' });
    const row = h(
      'div',
      { class: 'option-row' },
      input,
      h('button', { type: 'button', class: 'link', 'aria-label': 'Remove this option', onclick: () => row.remove() }, 'Remove'),
    );
    optionsEl.append(row);
  }
  const optionInputs = () => [...optionsEl.querySelectorAll<HTMLInputElement>('input')];

  el.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const c = ctx();
    if (!c) return;
    const inputs = optionInputs();
    const kept = inputs.filter((i) => i.value.trim() !== '');
    errors.drop('');
    errors.set('title', title);
    errors.set('options', optionsBox);
    kept.forEach((input, i) => errors.set(`options[${i}]`, input));
    errors.set('rationale', rationale);
    errors.set('dissent', dissent);
    errors.set('relied', relied);
    const picked = [...relied.querySelectorAll<HTMLInputElement>('input:checked')];
    picked.forEach((box, i) => errors.set(`relied[${i}]`, box));
    errors.set('about', about);
    const [kind, ...rest] = about.value.split(':');
    void sendForm(c, slot, errors, {
      type: 'decision.record',
      title: title.value,
      options: kept.map((i) => i.value.trim()),
      rationale: rationale.value,
      dissent: dissent.value,
      relied: picked.map((b) => ({ kind: b.dataset.kind as Citation['kind'], id: b.value })),
      ...(about.value ? { about: { kind: kind as Citation['kind'], id: rest.join(':') } } : {}),
    }).then((r) => {
      if (!r.ok) return;
      title.value = '';
      rationale.value = '';
      dissent.value = '';
      optionsEl.replaceChildren();
      addOption('');
      addOption('');
      for (const b of relied.querySelectorAll<HTMLInputElement>('input')) b.checked = false;
      about.value = '';
      onRecorded();
    });
  });

  addOption('');
  addOption('');

  return {
    el,
    refresh(view) {
      const groups = reliedChoices(view);
      const rKey = groups.map((g) => g.items.map((i) => citeKey(i.cite) + i.label).join('|')).join('/');
      if (rKey !== reliedFor) {
        reliedFor = rKey;
        const checked = new Set([...relied.querySelectorAll<HTMLInputElement>('input:checked')].map((b) => `${b.dataset.kind}:${b.value}`));
        fill(
          relied,
          h('legend', {}, 'Relied on'),
          groups.every((g) => g.items.length === 0)
            ? h('p', { class: 'hint' }, 'Nothing to cite yet: injects, reports and outcomes your team holds appear here.')
            : null,
          ...groups
            .filter((g) => g.items.length > 0)
            .map((g) =>
              h(
                'div',
                { class: 'relied-group' },
                h('div', { class: 'relied-head' }, g.group),
                ...g.items.map((i) =>
                  h(
                    'label',
                    { class: 'check' },
                    h('input', { type: 'checkbox', value: i.cite.id, 'data-kind': i.cite.kind, checked: checked.has(citeKey(i.cite)) }),
                    ` ${i.label}`,
                  ),
                ),
              ),
            ),
        );
      }
      const choices = aboutChoices(view);
      const aKey = choices.map((c) => citeKey(c.cite) + c.label).join('|');
      if (aKey !== aboutFor) {
        aboutFor = aKey;
        const keep = wantAbout ?? about.value;
        fill(
          about,
          h('option', { value: '' }, '(nothing in particular)'),
          ...choices.map((c) => h('option', { value: citeKey(c.cite) }, c.label)),
        );
        about.value = choices.some((c) => citeKey(c.cite) === keep) ? keep : '';
        wantAbout = null;
      }
    },
    prefill(p) {
      if (p.title !== undefined) title.value = p.title;
      if (p.rationale !== undefined) rationale.value = p.rationale;
      if (p.dissent !== undefined) dissent.value = p.dissent;
      if (p.options) {
        optionsEl.replaceChildren();
        for (const o of p.options) addOption(o);
        if (p.options.length < 2) addOption('');
      }
      if (p.relied) {
        const want = new Set(p.relied.map(citeKey));
        for (const b of relied.querySelectorAll<HTMLInputElement>('input')) b.checked = want.has(`${b.dataset.kind}:${b.value}`);
      }
      if (p.about) {
        const k = citeKey(p.about);
        if ([...about.options].some((o) => o.value === k)) about.value = k;
        else wantAbout = k;
      }
    },
  };
}

/** May this screen record a decision? Only a nation team on its own screen. */
const mayRecord = (ctx: Ctx) => ctx.role === 'nation' && !ctx.readOnly && ctx.nation !== null;

/**
 * Open the decision form in a dialog, prefilled (see the top of this module). Returns false, and
 * opens nothing, when this screen may not record a decision.
 */
export function openDecisionForm(ctx: Ctx, view: View, prefill: DecisionPrefill, onRecorded?: () => void): boolean {
  if (!mayRecord(ctx) || typeof document === 'undefined') return false;
  const dialog = h('dialog', { class: 'decision-dialog', 'aria-label': 'Record this decision in the log' });
  const form = decisionForm(
    () => ctx,
    () => {
      onRecorded?.();
      dialog.close();
    },
  );
  form.refresh(view);
  form.prefill(prefill);
  fill(
    dialog,
    h(
      'div',
      { class: 'dialog-head' },
      h('h3', {}, 'Record this decision in the log'),
      h('button', { type: 'button', class: 'link', 'aria-label': 'Close', onclick: () => dialog.close() }, 'Close'),
    ),
    h('p', { class: 'hint' }, `${nationName(view, ctx.nation ?? '')}'s decision log: control and evaluators read it too.`),
    form.el,
  );
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  return true;
}

function decisionItem(view: View, d: DecisionView): HTMLElement {
  return h(
    'article',
    { class: 'item decision', 'data-decision': d.id },
    h('h4', {}, d.title),
    h(
      'p',
      { class: 'meta' },
      `Turn ${d.turn} · ${d.author.name}${d.author.position ? `, ${positionTitle(view, d.nation, d.author.position)}` : ''}`,
    ),
    d.about ? h('p', { class: 'meta' }, `About: ${citationLabel(view, d.about)}`) : null,
    d.options.length
      ? [h('div', { class: 'sub' }, 'Options considered'), h('ul', { class: 'options' }, ...d.options.map((o) => h('li', {}, o)))]
      : null,
    h('div', { class: 'sub' }, 'Rationale'),
    h('p', { class: 'message' }, d.rationale),
    d.dissent ? [h('div', { class: 'sub' }, 'Dissent'), h('p', { class: 'message' }, d.dissent)] : null,
    d.relied.length
      ? [
          h('div', { class: 'sub' }, 'Relied on'),
          h('ul', { class: 'relied-list' }, ...d.relied.map((c) => h('li', {}, citationLabel(view, c)))),
        ]
      : null,
  );
}

export function decisionsPanel(): Panel {
  let ctxRef: Ctx | null = null;
  const list = h('div', { class: 'list decision-list' });
  const heading = h('h3', {}, 'Your decisions');
  const form = decisionForm(
    () => ctxRef,
    () => undefined,
  );
  const formBox = h('details', { class: 'decision-new' }, h('summary', {}, 'Record a decision'), form.el);
  let rendered = '';
  return {
    mount(root) {
      fill(root, formBox, heading, list);
    },
    update(view, ctx) {
      ctxRef = ctx;
      formBox.hidden = !mayRecord(ctx);
      if (!formBox.hidden) form.refresh(view);
      const key = `${ctx.nation}|${ctx.role}|${view.decisions.map((d) => d.id).join(',')}|${view.nations.length}`;
      if (key === rendered) return;
      rendered = key;
      if (ctx.nation !== null) {
        heading.textContent = ctx.readOnly ? `Decision log of ${nationName(view, ctx.nation)}` : 'Your decision log';
        const mine = view.decisions.filter((d) => d.nation === ctx.nation).sort((a, b) => b.seq - a.seq);
        fill(list, mine.length ? mine.map((d) => decisionItem(view, d)) : empty('No decisions recorded yet.'));
        return;
      }
      heading.textContent = "Every team's decision log";
      fill(
        list,
        ...decisionsByNation(view).map((g) =>
          h(
            'section',
            { class: 'decision-nation', 'data-nation': g.nation },
            h('h4', { class: 'nation-head' }, g.name, h('span', { class: 'meta' }, ` · ${g.decisions.length} recorded`)),
            g.decisions.length ? g.decisions.map((d) => decisionItem(view, d)) : empty('No decisions recorded yet.'),
          ),
        ),
      );
    },
  };
}
