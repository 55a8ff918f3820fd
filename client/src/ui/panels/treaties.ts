/**
 * Treaties: the scenario's treaties a nation may see, with their clauses, and the consultations
 * opened under them. A member invokes a clause (grounds, the member threatened or attacked, what
 * it rests on, a deadline); every member then states a position by the deadline, and the
 * clause's decision rule settles it. Exercise control and evaluators see every consultation
 * live, read-only; the facilitator can extend a deadline.
 */
import type { View } from '@concord/shared/views/index';
import type { CommandDraft } from '@concord/shared/protocol/index';
import type { DecisionPrefill } from './decisions.ts';
import { field, fill, h, uid } from '../dom.ts';
import { clauseTypeLabel, nationName, STANCES, withNames } from '../labels.ts';
import { empty, statusSlot, type Ctx, type Panel } from '../panel.ts';
import { keepingFocus } from '../keep-focus.ts';
import {
  activationNote,
  citedLabel,
  citationOptions,
  defaultDeadline,
  deadlineOptions,
  describeDeadline,
  dueIn,
  extendable,
  parseDeadline,
  positionRows,
  RULES,
  ruleInWords,
  stanceOrNotYet,
  takesPositions,
  tallyLine,
  type CitationOption,
  type Consultation,
  type Stance,
  type Treaty,
  type TreatyClause,
} from './treaty-model.ts';

/** The decision log's prefilled form (decisions.ts), loaded only when a team first offers to record a decision. */
const loadDecisionForm = () => import('./decisions.ts').then((m) => m.openDecisionForm);

const MAX_CITES = 10;
const STATUS_LABEL: Record<Consultation['status'], string> = { open: 'Open', activated: 'Activated', declined: 'Declined' };

const memberOf = (t: Treaty, nation: string | null): boolean => nation !== null && t.parties.includes(nation);

// ---------------------------------------------------------------------------------------------
// Invoking a clause

interface InvokeForm {
  el: HTMLElement;
  refresh(view: View, ctx: Ctx): void;
}

/** `close(known)` after an invocation gives the consultations there were before it; `close(null)` on cancel. */
function invokeForm(
  treaty: Treaty,
  clause: TreatyClause,
  close: (known: ReadonlySet<string> | null) => void,
  getCtx: () => Ctx | null,
): InvokeForm {
  const slot = statusSlot();
  const grounds = h('textarea', {
    rows: 3,
    maxlength: 2000,
    required: true,
    name: 'grounds',
    placeholder:
      clause.type === 'collective_defence'
        ? 'The armed attack: what happened, where, by whom, and why it is an attack on a member'
        : 'The threat, and why this clause applies',
  });
  const behalf = h('select', { name: 'onBehalfOf' });
  const cites = h('div', { class: 'cite-groups' });
  const citeCount = h('small', { class: 'hint' });
  const deadline = h('select', { name: 'deadline' });
  const deadlineHint = h('small', { class: 'hint' });
  const submit = h('button', { type: 'submit', class: 'primary' }, `Invoke ${clause.article}`);
  const form = h(
    'form',
    { class: 'invoke-form', 'aria-label': `Invoke ${clause.article} of the ${treaty.name}` },
    field('Grounds', grounds),
    field(clause.type === 'collective_defence' ? 'Member attacked' : 'Member threatened', behalf),
    h('fieldset', { class: 'cites' }, h('legend', {}, `Citations (up to ${MAX_CITES})`), cites, citeCount),
    h('div', { class: 'field' }, h('label', { for: (deadline.id = uid('deadline')) }, 'Positions due by'), deadline, deadlineHint),
    h(
      'div',
      { class: 'row' },
      submit,
      h(
        'button',
        {
          type: 'button',
          onclick: () => {
            fill(slot);
            close(null);
          },
        },
        'Cancel',
      ),
      slot,
    ),
  );
  let optionsKey = '';
  let viewRef: View | null = null;

  const checked = () => [...cites.querySelectorAll<HTMLInputElement>('input[type=checkbox]:checked')];
  const countCites = () => {
    const n = checked().length;
    citeCount.textContent = n ? `${n} chosen${n > MAX_CITES ? ` — at most ${MAX_CITES}` : ''}` : 'None chosen: the grounds alone.';
    citeCount.classList.toggle('too-many', n > MAX_CITES);
  };
  cites.addEventListener('change', countCites);
  const explainDeadline = () => {
    const view = viewRef;
    if (!view) return;
    const d = deadline.value ? parseDeadline(view.exercise, deadline.value) : defaultDeadline(view.exercise);
    deadlineHint.textContent = d ? `Positions are due by the ${describeDeadline(view.exercise, d)}, game time.` : '';
  };
  deadline.addEventListener('change', explainDeadline);

  const refuse = (message: string, path: string) => {
    slot.className = 'status-slot error';
    fill(slot, h('strong', {}, 'Refused: '), message, h('span', { class: 'code' }, ` (${path})`));
  };

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const ctx = getCtx();
    const view = viewRef;
    if (!ctx || !view) return;
    if (!grounds.value.trim()) return refuse('Give the grounds: the threat or the armed attack.', 'grounds');
    const chosen = checked();
    if (chosen.length > MAX_CITES) return refuse(`Cite at most ${MAX_CITES} items (${chosen.length} are chosen).`, 'cites');
    const d = deadline.value ? parseDeadline(view.exercise, deadline.value) : null;
    if (deadline.value && !d) return refuse('Choose a deadline from the list.', 'deadline');
    const draft: CommandDraft = {
      type: 'treaty.invoke',
      treaty: treaty.id,
      clause: clause.id,
      grounds: grounds.value,
      cites: chosen.map((c) => ({ kind: c.dataset.kind as CitationOption['kind'], id: c.value })),
      ...(behalf.value && behalf.value !== ctx.nation ? { onBehalfOf: behalf.value } : {}),
      ...(d ? { deadline: d } : {}),
    };
    const known = new Set(view.consultations.map((c) => c.id));
    void ctx.run(slot, draft).then((r) => {
      // Some refusals name a member by its trigraph ("… for ORV are already open"): say its name.
      if (!r.ok) return refuse(withNames(view, r.message), r.path ?? r.code);
      grounds.value = '';
      for (const c of chosen) c.checked = false;
      countCites();
      close(known);
    });
  });

  return {
    el: form,
    refresh(view, ctx) {
      viewRef = view;
      const opts = citationOptions(view);
      const deadlines = deadlineOptions(view.exercise);
      const key = JSON.stringify([
        treaty.parties,
        ctx.nation,
        Object.values(opts).map((g) => g.map((o) => o.id)),
        deadlines.map((d) => d.label),
      ]);
      if (key === optionsKey) return;
      optionsKey = key;
      const keep = behalf.value || ctx.nation || '';
      fill(
        behalf,
        ...treaty.parties.map((p) =>
          h('option', { value: p }, p === ctx.nation ? `${nationName(view, p)} (your nation)` : nationName(view, p)),
        ),
      );
      behalf.value = treaty.parties.includes(keep) ? keep : (treaty.parties[0] ?? '');
      const was = new Set(checked().map((c) => `${c.dataset.kind}:${c.value}`));
      const group = (title: string, list: CitationOption[]) =>
        h(
          'div',
          { class: 'cite-group' },
          h('div', { class: 'sub' }, title),
          list.length
            ? list.map((o) =>
                h(
                  'label',
                  { class: 'check cite' },
                  h('input', { type: 'checkbox', value: o.id, 'data-kind': o.kind, checked: was.has(`${o.kind}:${o.id}`) }),
                  ` ${o.label}`,
                ),
              )
            : h('small', { class: 'hint' }, 'None held.'),
        );
      fill(cites, group('Injects', opts.inject), group('Intelligence reports', opts.report), group('Outcomes', opts.outcome));
      countCites();
      const keepDeadline = deadline.value;
      // The hint under the list gives the default's phase and game time: the option stays short enough to read whole.
      fill(
        deadline,
        h('option', { value: '' }, 'Next consultation phase (default)'),
        ...deadlines.map((d) => h('option', { value: d.value }, d.label)),
      );
      if (deadlines.some((d) => d.value === keepDeadline)) deadline.value = keepDeadline;
      explainDeadline();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Stating a position, extending a deadline

interface PositionForm {
  el: HTMLElement;
  /**
   * The offer to record the decision after a position. Kept outside the form: the position that
   * settles the consultation (or a later one that does) takes the form away, not the offer.
   */
  offer: HTMLElement;
  refresh(view: View, ctx: Ctx, c: Consultation): void;
}

function positionForm(id: string, getCtx: () => Ctx | null, getView: () => View | null): PositionForm {
  const slot = statusSlot();
  const name = uid('stance');
  const radios = STANCES.map((s) => h('input', { type: 'radio', name, value: s.id, required: true }));
  const statement = h('textarea', {
    rows: 2,
    maxlength: 2000,
    name: 'statement',
    placeholder: 'Your position in a sentence or two (optional)',
  });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'State position');
  const record = h('div', { class: 'record-decision' });
  const form = h(
    'form',
    { class: 'position-form', 'aria-label': 'Your position' },
    h(
      'fieldset',
      { class: 'checks stances' },
      h('legend', {}, 'Your position'),
      ...radios.map((r, i) => h('label', { class: 'check' }, r, ` ${STANCES[i]?.label ?? ''}`)),
    ),
    field('Statement', statement),
    h('div', { class: 'row' }, submit, slot),
  );
  let seeded = false;
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const ctx = getCtx();
    const stance = radios.find((r) => r.checked)?.value as Stance | undefined;
    if (!ctx) return;
    if (!stance) {
      slot.className = 'status-slot error';
      fill(slot, h('strong', {}, 'Refused: '), 'Choose support, oppose or abstain.', h('span', { class: 'code' }, ' (stance)'));
      return;
    }
    const said = statement.value;
    void ctx.run(slot, { type: 'consultation.position', consultation: id, stance, statement: said }).then((r) => {
      if (!r.ok) return;
      void offerDecision(record, ctx, getView, id, stance, said);
    });
  });
  return {
    el: form,
    offer: record,
    refresh(view, ctx, c) {
      const mine = ctx.nation !== null && Object.hasOwn(c.positions, ctx.nation) ? c.positions[ctx.nation] : undefined;
      submit.textContent = mine ? 'Revise position' : 'State position';
      if (!seeded && mine) {
        // Start from the position on record, once: after that the form is the participant's.
        seeded = true;
        for (const r of radios) r.checked = r.value === mine.stance;
        statement.value = mine.statement;
      }
    },
  };
}

/** After a position: "Record this decision in the log", opening the decision log's form prefilled. */
async function offerDecision(
  slot: HTMLElement,
  ctx: Ctx,
  getView: () => View | null,
  id: string,
  stance: Stance,
  statement: string,
): Promise<void> {
  if (ctx.readOnly || ctx.role !== 'nation') return;
  const open = await loadDecisionForm();
  const view = getView();
  if (!view) return;
  const c = view.consultations.find((x) => x.id === id);
  if (!c) return;
  const verb = stance === 'support' ? 'Supported' : stance === 'oppose' ? 'Opposed' : 'Abstained on';
  const said = stance === 'support' ? 'supported' : stance === 'oppose' ? 'opposed' : 'abstained on';
  const prefill: DecisionPrefill = {
    title: `${verb} the invocation of ${c.article} (${c.clauseTitle}) for ${nationName(view, c.onBehalfOf)}`,
    rationale: statement,
    relied: c.cites.flatMap((x) => (x.held && x.id !== null ? [{ kind: x.kind, id: x.id }] : [])),
    about: { kind: 'consultation', id },
  };
  fill(
    slot,
    h(
      'div',
      { class: 'offer' },
      h('span', {}, `You ${said} the invocation. `),
      h(
        'button',
        {
          type: 'button',
          class: 'primary',
          onclick: () => {
            const latest = getView() ?? view;
            if (open(ctx, latest, prefill, () => fill(slot, h('small', { class: 'hint' }, 'Recorded in your decision log.')))) return;
            fill(slot);
          },
        },
        'Record this decision in the log',
      ),
      h('button', { type: 'button', class: 'link', onclick: () => fill(slot) }, 'Not now'),
    ),
  );
}

function extendForm(id: string, getCtx: () => Ctx | null): { el: HTMLElement; refresh(view: View, c: Consultation): void } {
  const slot = statusSlot();
  const to = h('select', { name: 'deadline' });
  const form = h(
    'form',
    { class: 'extend-form row', 'aria-label': 'Extend the deadline' },
    h('label', { class: 'sub' }, 'Extend to'),
    to,
    h('button', { type: 'submit' }, 'Extend deadline'),
    slot,
  );
  let key = '';
  let viewRef: View | null = null;
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const ctx = getCtx();
    const d = viewRef ? parseDeadline(viewRef.exercise, to.value) : null;
    if (!ctx) return;
    if (!d) {
      slot.className = 'status-slot error';
      fill(slot, h('strong', {}, 'Refused: '), 'Choose a later deadline.', h('span', { class: 'code' }, ' (deadline)'));
      return;
    }
    void ctx.run(slot, { type: 'consultation.extend', consultation: id, deadline: d });
  });
  return {
    el: form,
    refresh(view, c) {
      viewRef = view;
      const opts = deadlineOptions(view.exercise, c.deadline);
      const k = opts.map((o) => o.label).join('|');
      if (k === key) return;
      key = k;
      const keep = to.value;
      fill(to, ...opts.map((o) => h('option', { value: o.value }, o.label)));
      if (opts.some((o) => o.value === keep)) to.value = keep;
      form.hidden = opts.length === 0;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The panel

export function treatiesPanel(): Panel {
  const root = h('div', { class: 'treaties-panel' });
  let ctxRef: Ctx | null = null;
  let viewRef: View | null = null;
  let rendered = '';
  /** The clause whose invocation form is open ("treaty/clause"). */
  let invoking: string | null = null;
  const invokeForms = new Map<string, InvokeForm>();
  const positionForms = new Map<string, PositionForm>();
  const extendForms = new Map<string, ReturnType<typeof extendForm>>();
  let ticking: ReturnType<typeof setInterval> | null = null;
  /** After an invocation, the consultations there were before it: bring the new one into view once the view holds it. */
  let reveal: ReadonlySet<string> | null = null;

  const tick = () => {
    const view = viewRef;
    if (!root.isConnected && ticking !== null) {
      // The tab was left (or the panel replaced): stop until it is shown again.
      clearInterval(ticking);
      ticking = null;
    }
    if (!root.isConnected || !view) return;
    for (const el of root.querySelectorAll<HTMLElement>('[data-due]')) {
      const c = view.consultations.find((x) => x.id === el.dataset.due);
      el.textContent = c ? (dueIn(c, view.exercise, Date.now()) ?? '') : '';
    }
  };

  const consultationCard = (view: View, ctx: Ctx, c: Consultation): HTMLElement => {
    const rows = positionRows(view, c);
    const invoker = c.invoker.nation;
    const title = c.invoker.position
      ? (view.nations.find((n) => n.id === invoker)?.positions.find((p) => p.id === c.invoker.position)?.title ?? null)
      : null;
    const who = [c.invoker.name, title].filter(Boolean).join(', ');
    const forWhom = c.onBehalfOf === invoker ? 'for itself' : `for ${nationName(view, c.onBehalfOf)}`;
    const note = activationNote(view, c);
    const member = ctx.nation !== null && c.members.includes(ctx.nation);
    const canState = member && !ctx.readOnly && ctx.role === 'nation' && takesPositions(c, view.exercise);
    const canExtend = ctx.role === 'facilitator' && !ctx.readOnly && extendable(c, view.exercise);
    let pf = positionForms.get(c.id);
    if (canState && !pf)
      positionForms.set(
        c.id,
        (pf = positionForm(
          c.id,
          () => ctxRef,
          () => viewRef,
        )),
      );
    pf?.refresh(view, ctx, c);
    let ef = extendForms.get(c.id);
    if (canExtend && !ef) extendForms.set(c.id, (ef = extendForm(c.id, () => ctxRef)));
    ef?.refresh(view, c);
    const due = dueIn(c, view.exercise, Date.now());
    return h(
      'article',
      { class: `item consultation st-${c.status}`, 'data-consultation': c.id },
      h('h4', {}, `${c.article} — ${c.clauseTitle} `, h('span', { class: `tag cst-${c.status}` }, STATUS_LABEL[c.status])),
      h('p', { class: 'meta' }, `${clauseTypeLabel(c.clauseType)} · ${c.treatyName} · opened on turn ${c.turn}`),
      h(
        'p',
        {},
        h('strong', {}, nationName(view, invoker)),
        ` invoked it ${forWhom}`,
        who ? h('span', { class: 'meta' }, ` (${who})`) : null,
      ),
      h('div', { class: 'sub' }, 'Grounds'),
      h('p', { class: 'message' }, c.grounds),
      c.cites.length
        ? [
            h('div', { class: 'sub' }, 'Citations'),
            h('ul', { class: 'cite-list' }, ...c.cites.map((x) => h('li', { class: x.held ? '' : 'unheld' }, citedLabel(view, x)))),
          ]
        : null,
      h('p', { class: 'meta' }, `Decision rule — ${ruleInWords(c.rule)}`),
      h(
        'p',
        { class: 'deadline' },
        c.status === 'open' || c.rule === 'unilateral' ? 'Positions due by the ' : 'The deadline was the ',
        h('strong', {}, describeDeadline(view.exercise, c.deadline)),
        c.extensions.length
          ? h('span', { class: 'meta' }, ` · extended ${c.extensions.length === 1 ? 'once' : `${c.extensions.length} times`}`)
          : null,
        c.status === 'open' && due !== null ? [' · ', h('span', { class: 'countdown', 'data-due': c.id }, due)] : null,
      ),
      c.settled
        ? h(
            'div',
            { class: `result ${c.status}` },
            h('strong', {}, c.status === 'activated' ? 'Activated' : 'Declined'),
            ` — ${withNames(view, c.settled.reason)}`,
            c.settled.atDeadline ? ' (at the deadline)' : '',
            h('span', { class: 'meta' }, ` · turn ${c.settled.turn}`),
          )
        : null,
      note ? h('p', { class: 'activation' }, note) : null,
      h('div', { class: 'sub' }, `Positions — ${tallyLine(c)}`),
      h(
        'ul',
        { class: 'positions' },
        ...rows.map((r) =>
          h(
            'li',
            { 'data-member': r.nation, class: r.nation === ctx.nation ? 'own' : '' },
            h(
              'div',
              { class: 'position-head' },
              h('strong', {}, r.name),
              h('span', { class: `tag stance-${r.stance ?? 'none'}` }, stanceOrNotYet(r.stance)),
              r.by ? h('small', { class: 'meta' }, `${r.by}${r.turn !== null ? `, turn ${r.turn}` : ''}`) : null,
            ),
            r.statement ? h('p', { class: 'statement' }, r.statement) : null,
          ),
        ),
      ),
      canState && pf ? pf.el : null,
      pf && !ctx.readOnly && ctx.role === 'nation' ? pf.offer : null,
      member && !canState && !ctx.readOnly && ctx.role === 'nation' && c.status === 'open'
        ? h('p', { class: 'hint' }, 'Positions are no longer taken.')
        : null,
      canExtend && ef ? ef.el : null,
    );
  };

  const treatyCard = (view: View, ctx: Ctx, t: Treaty): HTMLElement => {
    const member = memberOf(t, ctx.nation);
    const mayInvoke = member && ctx.role === 'nation' && !ctx.readOnly;
    return h(
      'section',
      { class: 'item treaty-card', 'data-treaty': t.id },
      h('h4', {}, `${t.name} `, h('span', { class: 'tag' }, t.kind === 'alliance' ? 'Alliance' : 'Side agreement')),
      h(
        'p',
        { class: 'meta' },
        `Members: ${t.parties.map((p) => (p === ctx.nation ? `${nationName(view, p)} (you)` : nationName(view, p))).join(', ')}`,
      ),
      ctx.role === 'nation' && !member ? h('p', { class: 'hint' }, 'Your nation is not a member: it cannot invoke this treaty.') : null,
      h(
        'ol',
        { class: 'clauses' },
        ...t.clauses.map((cl) => {
          const key = `${t.id}/${cl.id}`;
          const open = invoking === key && mayInvoke;
          let form = invokeForms.get(key);
          if (open && !form)
            invokeForms.set(
              key,
              (form = invokeForm(
                t,
                cl,
                (known) => {
                  invoking = null;
                  reveal = known;
                  rerender();
                },
                () => ctxRef,
              )),
            );
          if (open) form?.refresh(view, ctx);
          const running = view.consultations.filter((c) => c.treaty === t.id && c.clause === cl.id && c.status === 'open');
          return h(
            'li',
            { class: 'clause', 'data-clause': cl.id },
            h(
              'div',
              { class: 'clause-head' },
              h('strong', {}, `${cl.article} — ${cl.title}`),
              h('span', { class: 'tag' }, clauseTypeLabel(cl.type)),
              h('span', { class: 'tag', title: ruleInWords(cl.decisionRule) }, RULES[cl.decisionRule].label),
              mayInvoke && !open
                ? h(
                    'button',
                    {
                      type: 'button',
                      class: 'invoke',
                      onclick: () => {
                        invoking = key;
                        rerender();
                        invokeForms.get(key)?.el.querySelector('textarea')?.focus();
                      },
                    },
                    'Invoke…',
                  )
                : null,
            ),
            cl.trigger ? h('p', { class: 'trigger' }, h('span', { class: 'sub' }, 'Invoked when '), cl.trigger) : null,
            h('p', { class: 'meta' }, `Decision rule — ${ruleInWords(cl.decisionRule)}`),
            h('details', { class: 'clause-text' }, h('summary', {}, 'Text of the clause'), h('p', {}, cl.text)),
            running.length
              ? h(
                  'p',
                  { class: 'hint' },
                  `Open now: ${running.map((c) => `consultation for ${nationName(view, c.onBehalfOf)}`).join(', ')} (above).`,
                )
              : null,
            open && form ? form.el : null,
          );
        }),
      ),
    );
  };

  const render = (view: View, ctx: Ctx) => {
    const ordered = [...view.consultations].sort((a, b) => Number(b.status === 'open') - Number(a.status === 'open') || b.at - a.at);
    const control = ctx.nation === null;
    fill(
      root,
      h('h3', {}, 'Consultations'),
      ctx.readOnly && control ? h('p', { class: 'hint' }, 'Every consultation, live. Read-only.') : null,
      ordered.length
        ? h('div', { class: 'list' }, ...ordered.map((c) => consultationCard(view, ctx, c)))
        : empty(
            control
              ? 'No consultation has been opened.'
              : 'No consultations yet. A member opens one by invoking a clause of a treaty below.',
          ),
      h('h3', {}, control ? 'Treaties' : 'Treaties your nation may see'),
      view.treaties.length ? h('div', { class: 'list' }, ...view.treaties.map((t) => treatyCard(view, ctx, t))) : empty('No treaties.'),
    );
  };

  const rerender = () => {
    if (!viewRef || !ctxRef) return;
    const view = viewRef;
    const ctx = ctxRef;
    keepingFocus(root, () => render(view, ctx));
    const known = reveal;
    const fresh = known ? view.consultations.find((c) => !known.has(c.id)) : undefined;
    if (fresh) {
      reveal = null;
      root.querySelector(`[data-consultation="${fresh.id}"]`)?.scrollIntoView({ block: 'start' });
    }
  };

  return {
    badge(view, ctx) {
      if (ctx.nation === null) return view.consultations.filter((c) => c.status === 'open').length;
      const me = ctx.nation;
      return view.consultations.filter((c) => c.status === 'open' && c.members.includes(me) && !Object.hasOwn(c.positions, me)).length;
    },
    mount(el) {
      fill(el, root);
    },
    update(view, ctx) {
      viewRef = view;
      ctxRef = ctx;
      ticking ??= setInterval(tick, 1000);
      const ex = view.exercise;
      const key = JSON.stringify([
        ctx.nation,
        ctx.role,
        ctx.readOnly,
        invoking,
        ex.turn,
        ex.phaseIndex,
        ex.status,
        ex.deadline,
        ex.pausedAt,
        view.consultations,
        view.treaties.map((t) => t.id),
        view.injects.length,
        view.intel.map((r) => r.id),
        view.outcomes.length,
      ]);
      if (key !== rendered) {
        rendered = key;
        rerender();
      }
      tick();
    },
  };
}
