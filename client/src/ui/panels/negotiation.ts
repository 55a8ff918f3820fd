/**
 * The negotiation workspace. A nation team sees its agreements grouped by state, drafts new ones
 * (title, text, parties, decision rule, deadline, typed clauses), and in an agreement's detail
 * reads the current text, the votes so far and the amendment history with word diffs; it signs
 * (with reservations), rejects, breaks silence under a running silence countdown, amends,
 * withdraws, moves and votes on motions, and publishes. Exercise control and evaluators see
 * every agreement live, drafts included, read-only; control can extend a deadline. A former
 * party's and a published agreement are shown read-only with a note saying why.
 *
 * Forms are kept across view updates (a new view re-renders the text and votes, never a field
 * being typed in); each is rebuilt only when what it acts on changes (a new version).
 */
import type { AgreementClause, GameDeadline, Motion } from '@concord/shared/engine/index';
import type { View } from '@concord/shared/views/index';
import { gameTime } from '../../format.ts';
import { field, fill, h, select, uid } from '../dom.ts';
import {
  AGREEMENT_RULES,
  agreementStatusLabel,
  clauseTypeLabel,
  MOTIONS,
  motionLabel,
  nationName,
  nationsLabel,
  positionTitle,
  ruleExplain,
  ruleLabel,
  seatLabel,
  withNames,
} from '../labels.ts';
import { empty, statusSlot, type Ctx, type Panel } from '../panel.ts';
import { openDecisionForm, type DecisionPrefill } from './decisions.ts';
import { clauseEditor, deadlinePicker, fieldErrors, refuseLocally, sendForm, type DeadlinePicker } from './negotiation-forms.ts';
import {
  awaitsVote,
  clauseExtra,
  deadlineChoices,
  clauseHeading,
  currentOf,
  deadlineState,
  describeDeadline,
  diffCounts,
  GROUPS,
  groupAgreements,
  movesFor,
  openMotionOf,
  segments,
  turnStart,
  VOTE_LABELS,
  voteRows,
  type AgreementView,
  type DiffPart,
  type VersionView,
} from './negotiation-model.ts';

const paragraphs = (text: string) =>
  text
    .split(/\n\s*\n/)
    .filter((p) => p.trim() !== '')
    .map((p) => h('p', { class: 'message' }, p));

/** "Ilse Varga (Republic of Kestria — Minister of Foreign Affairs)". */
const authorLabel = (view: View, a: { nation: string; position: string | null; name: string }) =>
  `${a.name} (${seatLabel(view, { role: 'nation', nation: a.nation, position: a.position })})`;

/**
 * A word diff with insertions and deletions marked. A word replaced by another (a deletion right
 * against an insertion) is set a little apart, so "for" → "until" does not read "foruntil".
 */
function diffEl(parts: readonly DiffPart[] | null, cls = 'diff'): HTMLElement {
  const segs = segments(parts);
  return h(
    'p',
    { class: cls },
    ...segs.map((s, i) => {
      if (s.kind === 'same') return s.text;
      const prev = segs[i - 1]?.kind;
      const attrs = prev !== undefined && prev !== 'same' ? { class: 'abut' } : {};
      return s.kind === 'ins' ? h('ins', attrs, s.text) : h('del', attrs, s.text);
    }),
  );
}

function clauseList(view: View, clauses: readonly AgreementClause[]): HTMLElement {
  return h(
    'ol',
    { class: 'clauses' },
    ...clauses.map((c) => {
      const extra = clauseExtra(view, c);
      return h(
        'li',
        { class: `clause ct-${c.type}` },
        h('strong', {}, clauseHeading(c)),
        c.text ? h('p', { class: 'message' }, c.text) : null,
        extra ? h('p', { class: 'clause-extra' }, extra) : null,
      );
    }),
  );
}

/** The form that proposes an agreement, or amends one (no parties or rule: those are fixed). */
interface AgreementForm {
  el: HTMLFormElement;
  refresh(view: View, ctx: Ctx): void;
}

function proposeForm(getCtx: () => Ctx | null, onProposed: (known: Set<string>) => void): AgreementForm {
  const errors = fieldErrors();
  const slot = statusSlot();
  const title = h('input', { type: 'text', maxlength: 160, required: true, placeholder: 'e.g. Sarn Gap air policing arrangement' });
  const text = h('textarea', { rows: 3, maxlength: 8000, placeholder: 'Preamble and free text' });
  const parties = h('fieldset', { class: 'checks parties' }, h('legend', {}, 'Parties'));
  const ruleBox = h('fieldset', { class: 'rules' }, h('legend', {}, 'Decision rule'));
  const group = uid('rule');
  const rules = AGREEMENT_RULES.map((r, i) => {
    const input = h('input', { type: 'radio', name: group, value: r.id, checked: i === 0 });
    return {
      id: r.id,
      input,
      el: h('label', { class: 'rule' }, input, h('span', {}, h('strong', {}, r.label), h('small', { class: 'hint' }, r.explain))),
    };
  });
  for (const r of rules) ruleBox.append(r.el);
  const deadline = deadlinePicker('Deadline', '');
  const clauses = clauseEditor();
  const el = h(
    'form',
    { class: 'agreement-form', 'aria-label': 'Propose an agreement' },
    field('Title', title),
    field('Text', text),
    parties,
    ruleBox,
    deadline.el,
    clauses.el,
    h('div', { class: 'row' }, h('button', { type: 'submit', class: 'primary' }, 'Propose to the parties'), slot),
    h('p', { class: 'hint' }, 'Only the parties, exercise control and evaluators see a draft, until a party publishes it in force.'),
  );
  const rule = () => rules.find((r) => r.input.checked)?.id ?? 'consensus';
  const ruleChanged = () => {
    const silence = rule() === 'silence';
    deadline.setRequired(silence);
    if (silence && deadline.read() === null && view) {
      // The engine's default: the end of the next consultation phase.
      const choices = deadlineChoices(view.exercise);
      const d = choices.find((c) => c.phase === 'consult') ?? choices[0];
      if (d) deadline.set({ turn: d.turn, phase: d.phase });
    }
    const hint = deadline.el.querySelector('.hint');
    if (hint)
      hint.textContent = silence
        ? 'Silence ends at the end of this phase: adopted then unless a party breaks silence.'
        : 'Optional: open for signature until then; if not settled by then, it lapses.';
  };
  for (const r of rules) r.input.addEventListener('change', ruleChanged);
  let partiesFor = '';
  let view: View | null = null;

  el.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const ctx = getCtx();
    if (!ctx || !view) return;
    errors.drop('');
    errors.set('title', title);
    errors.set('text', text);
    errors.set('parties', parties);
    errors.set('rule', ruleBox);
    errors.set('deadline', deadline.turnSelect);
    errors.set('deadline.turn', deadline.turnSelect);
    errors.set('deadline.phase', deadline.phaseSelect);
    clauses.register(errors);
    const chosen = [...parties.querySelectorAll<HTMLInputElement>('input:checked')].map((c) => c.value);
    chosen.forEach((_, i) => errors.set(`parties[${i}]`, parties));
    const d = deadline.read();
    if (chosen.length === 0) return refuseLocally(slot, errors, 'parties', 'Choose at least one other nation to agree with.');
    if (rule() === 'silence' && d === null)
      return refuseLocally(slot, errors, 'deadline', 'Under the silence procedure, choose when silence ends: a turn and a phase.');
    const known = new Set(view.agreements.map((a) => a.id));
    void sendForm(ctx, slot, errors, {
      type: 'agreement.propose',
      title: title.value,
      text: text.value,
      parties: chosen,
      rule: rule(),
      clauses: clauses.read(),
      ...(d ? { deadline: d } : {}),
    }).then((r) => {
      if (!r.ok || !view) return;
      title.value = '';
      text.value = '';
      for (const c of parties.querySelectorAll<HTMLInputElement>('input')) c.checked = false;
      clauses.set([], view);
      deadline.set(null);
      onProposed(known);
    });
  });

  return {
    el,
    refresh(v, ctx) {
      const first = view === null;
      view = v;
      const key = `${ctx.nation}|${v.nations.map((n) => n.id).join(',')}`;
      if (key !== partiesFor) {
        partiesFor = key;
        fill(
          parties,
          h('legend', {}, 'Parties (your nation is always one)'),
          ...v.nations
            .filter((n) => n.id !== ctx.nation)
            .map((n) => h('label', { class: 'check' }, h('input', { type: 'checkbox', value: n.id }), ` ${n.name}`)),
        );
      }
      deadline.refresh(v.exercise);
      if (first) {
        clauses.set([], v);
        ruleChanged();
      }
    },
  };
}

/** Amend the current version: prefilled from it; kept while typed in, even if a newer version arrives. */
interface AmendForm {
  el: HTMLElement;
  refresh(view: View, a: AgreementView): void;
}

function amendForm(getCtx: () => Ctx | null, agreement: string): AmendForm {
  const errors = fieldErrors();
  const slot = statusSlot();
  const title = h('input', { type: 'text', maxlength: 160, required: true });
  const text = h('textarea', { rows: 3, maxlength: 8000 });
  const clauses = clauseEditor();
  const note = h('textarea', { rows: 2, maxlength: 1000, placeholder: 'Why: shown with the amendment' });
  const deadline = deadlinePicker('New silence deadline', 'Amending restarts the silence procedure; it ends at the end of this phase.');
  const stale = h('div', { class: 'stale', hidden: true });
  const form = h(
    'form',
    { class: 'agreement-form amend-form', 'aria-label': 'Amend the agreement' },
    stale,
    field('Title', title),
    field('Text', text),
    clauses.el,
    deadline.el,
    field('Note', note),
    h('div', { class: 'row' }, h('button', { type: 'submit', class: 'primary' }, 'Propose this version'), slot),
  );
  const el = h('details', { class: 'amend' }, h('summary', {}, 'Amend: propose a new version'), form);
  let base = 0;
  let dirty = false;
  let view: View | null = null;
  let rule = 'consensus';
  form.addEventListener('input', () => (dirty = true));

  const load = (v: View, a: AgreementView) => {
    const cur = currentOf(a);
    if (!cur) return;
    base = cur.number;
    dirty = false;
    title.value = cur.title;
    text.value = cur.text;
    note.value = '';
    clauses.set(cur.clauses, v);
    deadline.refresh(v.exercise);
    deadline.set(a.deadline && a.deadline.of === 'signature' ? { turn: a.deadline.turn, phase: a.deadline.phase } : null);
    stale.hidden = true;
  };

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const ctx = getCtx();
    if (!ctx) return;
    errors.drop('');
    errors.set('title', title);
    errors.set('text', text);
    errors.set('note', note);
    errors.set('version', stale.hidden ? title : stale);
    errors.set('deadline', deadline.turnSelect);
    errors.set('deadline.turn', deadline.turnSelect);
    errors.set('deadline.phase', deadline.phaseSelect);
    clauses.register(errors);
    const d = rule === 'silence' ? deadline.read() : null;
    if (rule === 'silence' && d === null)
      return refuseLocally(slot, errors, 'deadline', 'Under the silence procedure, choose when the new silence ends.');
    void sendForm(ctx, slot, errors, {
      type: 'agreement.amend',
      agreement,
      version: base,
      title: title.value,
      text: text.value,
      clauses: clauses.read(),
      note: note.value,
      ...(d ? { deadline: d } : {}),
    }).then((r) => {
      if (r.ok) {
        dirty = false;
        el.open = false;
      }
    });
  });

  return {
    el,
    refresh(v, a) {
      view = v;
      rule = a.rule;
      deadline.el.hidden = a.rule !== 'silence';
      deadline.setRequired(a.rule === 'silence');
      const cur = currentOf(a);
      if (!cur) return;
      if (base === 0 || (cur.number !== base && !dirty)) load(v, a);
      else if (cur.number !== base) {
        stale.hidden = false;
        fill(
          stale,
          `Version ${cur.number} has arrived since you started; this amendment is to version ${base} and will be refused. `,
          h('button', { type: 'button', class: 'link', onclick: () => view && load(view, a) }, `Start again from version ${cur.number}`),
        );
      }
      deadline.refresh(v.exercise);
    },
  };
}

/** A small form: one text field and one button (sign with reservations, reject with a reason, …). */
function reasonForm(opts: {
  label: string;
  placeholder: string;
  required: boolean;
  button: string;
  danger?: boolean;
  hint?: string;
  path: string;
  send(ctx: Ctx, text: string): Parameters<typeof sendForm>[3];
  getCtx(): Ctx | null;
  onDone?(text: string): void;
}): HTMLElement {
  const errors = fieldErrors();
  const slot = statusSlot();
  const input = h('textarea', { rows: 2, maxlength: 2000, required: opts.required, placeholder: opts.placeholder });
  const form = h(
    'form',
    { class: 'reason-form' },
    field(opts.label, input, opts.hint),
    h('div', { class: 'row' }, h('button', { type: 'submit', class: opts.danger ? 'danger' : 'primary' }, opts.button), slot),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const ctx = opts.getCtx();
    if (!ctx) return;
    errors.drop('');
    errors.set(opts.path, input);
    errors.set('version', input);
    errors.set('agreement', input);
    const text = input.value;
    void sendForm(ctx, slot, errors, opts.send(ctx, text)).then((r) => {
      if (r.ok) {
        input.value = '';
        opts.onDone?.(text);
      }
    });
  });
  return form;
}

export function negotiationPanel(): Panel {
  let view: View | null = null;
  let ctxRef: Ctx | null = null;
  let selected: string | null = null;
  /** Agreement ids before our proposal: the first new one of ours is opened when it arrives. */
  let awaitingProposal: Set<string> | null = null;
  const getCtx = () => ctxRef;

  const intro = h('p', { class: 'hint neg-intro' });
  const propose = proposeForm(getCtx, (known) => {
    awaitingProposal = known;
    draftBox.open = false;
    // The new agreement may have reached the view before the reply did.
    if (view && ctxRef) render(view, ctxRef);
  });
  const draftBox = h('details', { class: 'neg-new' }, h('summary', {}, 'New agreement'), propose.el);
  const groupsEl = h('div', { class: 'neg-groups' });
  const listPane = h('div', { class: 'neg-list-pane' }, intro, draftBox, groupsEl);

  const back = h('button', { type: 'button', class: 'link neg-back', onclick: () => openAgreement(null) }, '← All agreements');
  const headEl = h('div', { class: 'neg-head' });
  const noteEl = h('div', { class: 'neg-note' });
  const deadlineEl = h('div', { class: 'neg-deadline' });
  const currentEl = h('section', { class: 'neg-current' });
  const votesEl = h('section', { class: 'neg-votes' });
  const offerEl = h('div', { class: 'neg-offer' });
  const actionsEl = h('section', { class: 'neg-actions' });
  const motionEl = h('section', { class: 'neg-motion' });
  const motionFormsEl = h('div', { class: 'neg-motion-forms' });
  const recordEl = h('section', { class: 'neg-record' });
  const historyEl = h('section', { class: 'neg-history' });
  const controlEl = h('section', { class: 'neg-control' });
  const detailPane = h(
    'div',
    { class: 'neg-detail', hidden: true },
    back,
    headEl,
    noteEl,
    deadlineEl,
    currentEl,
    votesEl,
    offerEl,
    actionsEl,
    motionEl,
    motionFormsEl,
    controlEl,
    recordEl,
    historyEl,
  );
  const rootEl = h('div', { class: 'negotiation' }, listPane, detailPane);

  // Forms by what they act on; the containers are refilled only when the set of forms changes.
  const forms = new Map<string, HTMLElement>();
  const amends = new Map<string, AmendForm>();
  const pickers = new Map<string, { el: HTMLElement; picker: DeadlinePicker }>();
  /** The motion forms' deadline pickers, by agreement: their choices follow the clock. */
  const motionPickers = new Map<string, DeadlinePicker>();
  const formKeys = new Map<HTMLElement, string>();
  /** After a vote: the offer to record the decision, by agreement. */
  const offers = new Map<string, DecisionPrefill & { what: string }>();
  let staticFor = '';

  const cached = (key: string, make: () => HTMLElement): HTMLElement => {
    let el = forms.get(key);
    if (!el) {
      el = make();
      forms.set(key, el);
    }
    return el;
  };
  const place = (container: HTMLElement, key: string, children: () => Array<HTMLElement | null>) => {
    if (formKeys.get(container) === key) return;
    formKeys.set(container, key);
    fill(container, ...children());
  };

  // Countdowns tick once a second while the panel is on screen.
  let tickers: Array<() => void> = [];
  let ticking: ReturnType<typeof setInterval> | null = null;
  const startTicking = () => {
    if (ticking !== null) return;
    ticking = setInterval(() => {
      if (!rootEl.isConnected) {
        if (ticking !== null) clearInterval(ticking);
        ticking = null;
        return;
      }
      for (const t of tickers) t();
    }, 1000);
  };

  /** A live line for a deadline: the countdown while its phase runs, else when it will run. */
  const deadlineLine = (d: NonNullable<AgreementView['deadline']>, lead: string): HTMLElement => {
    const left = h('strong', { class: 'countdown' });
    const line = h('p', { class: 'deadline-line' }, `${lead} ${describeDeadline(d)} — `, left);
    const tick = () => {
      if (!view) return;
      const s = deadlineState(view.exercise, d, Date.now());
      line.dataset.state = s.kind;
      left.textContent =
        s.kind === 'running'
          ? `${s.left} left`
          : s.kind === 'due'
            ? 'due now'
            : s.kind === 'control'
              ? 'when exercise control ends this phase'
              : 'not counting down yet: its phase has not begun';
    };
    tick();
    tickers.push(tick);
    return line;
  };

  function openAgreement(id: string | null) {
    selected = id;
    staticFor = '';
    if (view && ctxRef) render(view, ctxRef);
    rootEl.closest('.panel')?.scrollTo({ top: 0 });
  }

  // ------------------------------------------------------------------------------------------
  // The list

  const renderList = (v: View, ctx: Ctx) => {
    const published = v.audience === 'public';
    const control = ctx.nation === null && !published;
    intro.textContent = published
      ? 'Agreements the allies have published: the text in force, the nations bound by it, and their reservations.'
      : control
        ? 'Every agreement between the nations, live, drafts included. Drafts are never shown to other nations or the public.'
        : ctx.readOnly
          ? `Read-only: the agreements ${nationName(v, ctx.nation ?? '')} sees.`
          : 'Your agreements with allies. Propose one, or open one to read, amend, sign or reject it.';
    draftBox.hidden = ctx.readOnly || ctx.role !== 'nation';
    if (!draftBox.hidden) propose.refresh(v, ctx);
    const groups = groupAgreements(v.agreements);
    fill(
      groupsEl,
      v.agreements.length === 0
        ? empty(
            published
              ? 'No agreement has been published.'
              : control
                ? 'No agreement has been proposed yet.'
                : 'No agreements yet. Propose one above.',
          )
        : null,
      ...GROUPS.filter((g) => groups[g.id].length > 0).map((g) =>
        h(
          'section',
          { class: `neg-group g-${g.id}`, 'data-group': g.id },
          h('h3', {}, g.label, h('span', { class: 'meta' }, ` · ${groups[g.id].length}`)),
          h('div', { class: 'list' }, ...groups[g.id].map((a) => listItem(v, ctx, a))),
        ),
      ),
    );
  };

  const control = (ctx: Ctx) => ctx.nation === null;
  const listItem = (v: View, ctx: Ctx, a: AgreementView): HTMLElement => {
    const cur = currentOf(a);
    const others = control(ctx) ? a.parties : a.parties.filter((p) => p !== ctx.nation);
    const waiting = awaitsVote(a, ctx.readOnly ? null : ctx.nation);
    const waitingText =
      openMotionOf(a) !== null && movesFor(a, ctx.nation, ctx.readOnly).motionVote
        ? 'A motion awaits your vote'
        : a.rule === 'silence'
          ? 'Silence running: break it before the deadline if you object'
          : 'Awaiting your signature or rejection';
    return h(
      'button',
      {
        type: 'button',
        class: `item neg-item st-${a.status}${waiting ? ' waiting' : ''}`,
        'data-agreement': a.id,
        onclick: () => openAgreement(a.id),
      },
      h(
        'span',
        { class: 'neg-item-title' },
        h('strong', {}, a.title),
        h('span', { class: `tag st-${a.status}` }, agreementStatusLabel(a.status)),
        h('span', { class: 'tag' }, ruleLabel(a.rule)),
        a.access === 'former' ? h('span', { class: 'tag st-former' }, 'Former party') : null,
        a.access === 'public' ? h('span', { class: 'tag st-public' }, 'Published') : null,
      ),
      h(
        'span',
        { class: 'meta' },
        `${control(ctx) ? 'Parties' : 'With'}: ${nationsLabel(v, others)} · version ${cur?.number ?? 1}${a.versions.length > 1 ? ` of ${a.versions.length}` : ''}`,
      ),
      waiting ? h('span', { class: 'neg-waiting' }, waitingText) : null,
      a.deadline ? deadlineLine(a.deadline, a.rule === 'silence' && a.deadline.of === 'signature' ? 'Silence ends at' : 'Closes at') : null,
    );
  };

  // ------------------------------------------------------------------------------------------
  // The detail

  const renderStatic = (v: View, ctx: Ctx, a: AgreementView) => {
    const cur = currentOf(a);
    fill(
      headEl,
      h('h3', {}, a.title),
      h(
        'div',
        { class: 'neg-tags' },
        h('span', { class: `tag st-${a.status}` }, agreementStatusLabel(a.status)),
        h('span', { class: 'tag', title: ruleExplain(a.rule) }, ruleLabel(a.rule)),
        a.published ? h('span', { class: 'tag st-public' }, `Published, turn ${a.published.turn}`) : null,
      ),
      h('p', { class: 'meta' }, `Proposed by ${nationName(v, a.proposer)} · ${ruleExplain(a.rule)}`),
      h('p', { class: 'meta' }, `${a.access === 'public' ? 'Bound' : 'Parties'}: ${nationsLabel(v, a.parties)}`),
      a.access !== 'public' && (a.status === 'in_force' || a.status === 'suspended')
        ? h('p', { class: 'meta' }, `Bound by it: ${nationsLabel(v, a.bound)}`)
        : null,
    );
    const left = ctx.nation ? a.withdrawn.find((w) => w.nation === ctx.nation) : undefined;
    fill(
      noteEl,
      a.access === 'former'
        ? h(
            'p',
            { class: 'note' },
            `${ctx.readOnly ? nationName(v, ctx.nation ?? '') : 'Your nation'} withdrew from this agreement${left ? ` on turn ${left.turn}` : ''}. This is the agreement as it stood then: nothing after reaches you. Read-only.`,
          )
        : a.access === 'public'
          ? h(
              'p',
              { class: 'note' },
              `A published agreement: everyone reads the text in force and who is bound by it, never the drafts or the votes. ${ctx.nation ? `${ctx.readOnly ? nationName(v, ctx.nation) : 'Your nation'} is not a party.` : ''} Read-only.`,
            )
          : ctx.readOnly && ctx.nation
            ? h('p', { class: 'note' }, `Read-only: as ${nationName(v, ctx.nation)} sees it.`)
            : ctx.nation === null && a.status === 'negotiating' && !a.published
              ? h('p', { class: 'note draft' }, 'Draft: only its parties, exercise control and evaluators see it.')
              : null,
    );
    tickers = [];
    fill(
      deadlineEl,
      a.deadline
        ? h(
            'div',
            { class: `deadline-box of-${a.deadline.of}${a.rule === 'silence' ? ' silence' : ''}` },
            a.deadline.of === 'motion'
              ? deadlineLine(a.deadline, `The vote on the motion to ${openMotionOf(a)?.kind ?? 'change'} it closes at`)
              : a.rule === 'silence'
                ? [
                    h('strong', { class: 'silence-title' }, 'Silence procedure running'),
                    deadlineLine(a.deadline, 'Silence ends at'),
                    h('p', { class: 'hint' }, 'Adopted then, binding every party, unless a party breaks silence before it.'),
                  ]
                : deadlineLine(a.deadline, 'Open for signature until'),
          )
        : null,
    );
    if (cur) {
      fill(
        currentEl,
        h(
          'h4',
          {},
          a.access === 'public'
            ? 'Text in force'
            : `Current text: version ${cur.number}${a.versions.length > 1 ? ` of ${a.versions.length}` : ''}`,
        ),
        cur.closed
          ? h(
              'p',
              { class: `verdict ${cur.closed.result}` },
              cur.closed.result === 'adopted' ? 'Adopted: ' : 'Not adopted: ',
              withNames(v, cur.closed.reason),
            )
          : null,
        cur.text ? paragraphs(cur.text) : null,
        clauseList(v, cur.clauses),
      );
      fill(votesEl, votesBlock(v, a, cur));
    }
    renderMotions(v, a);
    renderRecord(v, a);
    renderHistory(v, a);
  };

  const votesBlock = (v: View, a: AgreementView, cur: VersionView): HTMLElement => {
    const rows = voteRows(cur.ballot);
    const inForceMajority = a.status === 'in_force' && a.rule === 'majority';
    return h(
      'div',
      {},
      h('h4', {}, a.access === 'public' ? 'Signatories' : `Votes on version ${cur.number}`),
      rows.length
        ? h(
            'ul',
            { class: 'votes' },
            ...rows.map((r) =>
              h(
                'li',
                { class: `vote vs-${r.state}`, 'data-nation': r.nation },
                h('span', { class: 'vote-nation' }, nationName(v, r.nation)),
                h(
                  'span',
                  { class: `tag vs-${r.state}` },
                  r.state !== 'pending'
                    ? VOTE_LABELS[r.state]
                    : inForceMajority
                      ? 'Not bound (may accede)'
                      : cur.closed
                        ? 'No vote'
                        : VOTE_LABELS.pending,
                ),
                r.by
                  ? h(
                      'span',
                      { class: 'meta' },
                      ` ${r.by.name}${r.by.position ? `, ${positionTitle(v, r.nation, r.by.position)}` : ''} · turn ${r.by.turn}`,
                    )
                  : null,
                r.text ? h('p', { class: 'vote-text' }, r.state === 'signed' ? 'Reservations: ' : 'Reason: ', r.text) : null,
              ),
            ),
          )
        : empty('Nobody has voted.'),
    );
  };

  const renderMotions = (v: View, a: AgreementView) => {
    const open = openMotionOf(a);
    const past = a.motions.filter((m) => m !== open);
    fill(
      motionEl,
      open
        ? h(
            'div',
            { class: 'motion open' },
            h('h4', {}, `Motion to ${motionLabel(open.kind).toLowerCase()} the agreement`),
            h('p', { class: 'meta' }, `Moved by ${authorLabel(v, open.mover)} on turn ${open.turn}`),
            h('p', { class: 'message' }, open.reason),
            h(
              'ul',
              { class: 'votes' },
              ...voteRows(open.ballot).map((r) =>
                h(
                  'li',
                  { class: `vote vs-${r.state}` },
                  h('span', { class: 'vote-nation' }, nationName(v, r.nation)),
                  h(
                    'span',
                    { class: `tag vs-${r.state}` },
                    r.state === 'signed' ? 'Supports' : r.state === 'pending' ? 'Not yet' : 'Opposes',
                  ),
                  r.text ? h('p', { class: 'vote-text' }, r.text) : null,
                ),
              ),
            ),
          )
        : null,
      past.length
        ? h(
            'div',
            { class: 'motion past' },
            h('h4', {}, 'Motions'),
            h(
              'ul',
              {},
              ...past.map((m) =>
                h(
                  'li',
                  {},
                  `Turn ${m.turn}: ${motionLabel(m.kind).toLowerCase()}, moved by ${nationName(v, m.mover.nation)} — `,
                  m.result ? h('strong', {}, m.result.result === 'adopted' ? 'adopted' : 'declined') : 'open',
                  m.result ? `: ${withNames(v, m.result.reason)}` : '',
                  m.reason ? h('p', { class: 'vote-text' }, `Reason: ${m.reason}`) : null,
                  ...voteRows(m.ballot)
                    .filter((r) => r.state !== 'pending')
                    .map((r) =>
                      h(
                        'p',
                        { class: 'vote-text' },
                        `${nationName(v, r.nation)} ${r.state === 'signed' ? 'supported' : 'opposed'}${r.text ? `: ${r.text}` : '.'}`,
                      ),
                    ),
                ),
              ),
            ),
          )
        : null,
    );
  };

  const renderRecord = (v: View, a: AgreementView) => {
    const events = [
      ...a.settlements.map((s) => ({
        at: s.seq,
        el: h(
          'li',
          {},
          h(
            'strong',
            {},
            `Turn ${s.turn}: ${s.outcome === 'reopened' ? 'Silence broken, back to negotiation' : agreementStatusLabel(s.outcome)}`,
          ),
          ` (version ${s.version}) — ${withNames(v, s.reason)}`,
        ),
      })),
      ...a.withdrawn.map((w) => ({
        at: w.seq,
        el: h('li', {}, h('strong', {}, `Turn ${w.turn}: ${nationName(v, w.nation)} withdrew`), w.reason ? ` — ${w.reason}` : ''),
      })),
    ].sort((x, y) => x.at - y.at);
    fill(recordEl, events.length ? [h('h4', {}, 'Record'), h('ul', { class: 'record' }, ...events.map((e) => e.el))] : null);
  };

  const renderHistory = (v: View, a: AgreementView) => {
    if (a.access === 'public') {
      fill(historyEl);
      return;
    }
    fill(
      historyEl,
      h('h4', {}, 'Amendment history'),
      h(
        'ol',
        { class: 'history', reversed: true },
        ...[...a.versions].reverse().map((ver) => {
          const ch = ver.changes;
          const textCount = diffCounts(ch?.text ?? null);
          return h(
            'li',
            { class: `version${ver.number === a.current ? ' current' : ''}`, 'data-version': ver.number },
            h(
              'div',
              { class: 'version-head' },
              h('strong', {}, ver.number === 1 ? 'Version 1 — proposed' : `Version ${ver.number} — amended`),
              h(
                'span',
                { class: 'meta' },
                ` by ${authorLabel(v, ver.author)} · turn ${ver.turn} · ${gameTime(turnStart(v.exercise, ver.turn))}`,
              ),
            ),
            ver.note ? h('p', { class: 'version-note' }, `Note: ${ver.note}`) : null,
            ver.closed
              ? h('p', { class: 'meta' }, ver.closed.result === 'adopted' ? 'Adopted: ' : 'Closed: ', withNames(v, ver.closed.reason))
              : null,
            ch
              ? h(
                  'div',
                  { class: 'changes' },
                  ch.title ? [h('div', { class: 'sub' }, 'Title'), diffEl(ch.title)] : null,
                  ch.text
                    ? [
                        h('div', { class: 'sub' }, `Text (${textCount.inserted} words inserted, ${textCount.deleted} deleted)`),
                        diffEl(ch.text),
                      ]
                    : null,
                  ...ch.clauses.map((c) =>
                    h(
                      'div',
                      { class: `clause-change cc-${c.change}` },
                      h('div', { class: 'sub' }, `Clause ${c.index + 1} ${c.change}: ${clauseTypeLabel(c.type)} — ${c.title}`),
                      c.parts ? diffEl(c.parts) : null,
                    ),
                  ),
                  !ch.title && !ch.text && ch.clauses.length === 0
                    ? h('p', { class: 'meta' }, 'No change to the text (a new deadline).')
                    : null,
                )
              : null,
          );
        }),
      ),
    );
  };

  /** The forms of the viewer's moves; the container is refilled only when the moves change. */
  const renderActions = (v: View, ctx: Ctx, a: AgreementView) => {
    const cur = currentOf(a);
    const moves = movesFor(a, ctx.nation, ctx.readOnly);
    if (!cur) return;
    const id = a.id;
    const ver = cur.number;
    const offer = (what: string, prefill: DecisionPrefill) => {
      offers.set(id, { what, ...prefill });
      renderOffer(v, ctx, a);
    };
    const parts: Array<{ key: string; make: () => HTMLElement }> = [];
    if (moves.sign || moves.accede)
      parts.push({
        key: `${id}:sign:${ver}`,
        make: () =>
          h(
            'div',
            { class: 'move' },
            h('h4', {}, moves.accede ? `Accede: sign version ${ver} in force` : `Sign version ${ver}`),
            a.rule === 'silence'
              ? h(
                  'p',
                  { class: 'hint' },
                  'Under the silence procedure silence is consent; signing records your support and any reservations.',
                )
              : null,
            reasonForm({
              label: 'Reservations (optional)',
              placeholder: 'Reservations or interpretive statements recorded with your signature',
              required: false,
              button: moves.accede ? 'Accede' : `Sign version ${ver}`,
              path: 'reservations',
              getCtx,
              send: (_c, text) => ({ type: 'agreement.sign', agreement: id, version: ver, reservations: text }),
              onDone: (text) =>
                offer(`You signed version ${ver}.`, {
                  title: `Signed “${cur.title}” (version ${ver})`,
                  rationale: text ? `Reservations: ${text}` : '',
                  about: { kind: 'agreement', id },
                }),
            }),
          ),
      });
    if (moves.reject)
      parts.push({
        key: `${id}:reject:${ver}`,
        make: () =>
          h(
            'div',
            { class: 'move' },
            h('h4', {}, `Reject version ${ver}`),
            reasonForm({
              label: 'Reason',
              placeholder: 'Why your nation rejects this version',
              required: true,
              danger: true,
              button: `Reject version ${ver}`,
              hint: a.rule === 'consensus' ? 'Under consensus a rejection is a veto: the agreement is not adopted.' : undefined,
              path: 'reason',
              getCtx,
              send: (_c, text) => ({ type: 'agreement.reject', agreement: id, version: ver, reason: text }),
              onDone: (text) =>
                offer(`You rejected version ${ver}.`, {
                  title: `Rejected “${cur.title}” (version ${ver})`,
                  rationale: text,
                  about: { kind: 'agreement', id },
                }),
            }),
          ),
      });
    if (moves.breakSilence)
      parts.push({
        key: `${id}:silence:${ver}`,
        make: () =>
          h(
            'div',
            { class: 'move break-silence' },
            h('h4', {}, 'Break silence'),
            reasonForm({
              label: 'Reason',
              placeholder: 'Why your nation objects',
              required: true,
              danger: true,
              button: 'Break silence',
              hint: 'The agreement goes back to negotiation; a party may amend it to run silence again.',
              path: 'reason',
              getCtx,
              send: (_c, text) => ({ type: 'agreement.silence.break', agreement: id, version: ver, reason: text }),
              onDone: (text) =>
                offer(`You broke silence on version ${ver}.`, {
                  title: `Broke silence on “${cur.title}” (version ${ver})`,
                  rationale: text,
                  about: { kind: 'agreement', id },
                }),
            }),
          ),
      });
    if (moves.amend) {
      let f = amends.get(id);
      if (!f) {
        f = amendForm(getCtx, id);
        amends.set(id, f);
      }
      f.refresh(v, a);
      const form = f;
      parts.push({ key: `${id}:amend`, make: () => form.el });
    }
    if (moves.publish)
      parts.push({
        key: `${id}:publish`,
        make: () => {
          const slot = statusSlot();
          return h(
            'div',
            { class: 'move' },
            h('h4', {}, 'Publish'),
            h(
              'p',
              { class: 'hint' },
              'Every nation and the public then read the text in force and who is bound by it; never the drafts or the votes.',
            ),
            h(
              'div',
              { class: 'row' },
              h(
                'button',
                { type: 'button', onclick: () => ctxRef && void ctxRef.run(slot, { type: 'agreement.publish', agreement: id }) },
                'Publish the agreement',
              ),
              slot,
            ),
          );
        },
      });
    motionPickers.get(id)?.refresh(v.exercise);
    if (moves.motions.length)
      parts.push({ key: `${id}:motion:${moves.motions.join(',')}:${a.status}`, make: () => motionForm(v, a, moves.motions) });
    if (moves.withdraw)
      parts.push({
        key: `${id}:withdraw`,
        make: () =>
          h(
            'details',
            { class: 'move withdraw' },
            h('summary', {}, 'Withdraw from this agreement'),
            reasonForm({
              label: 'Reason (optional)',
              placeholder: 'Why your nation withdraws',
              required: false,
              danger: true,
              button: 'Withdraw',
              hint: 'You keep reading the agreement as it stood when you left, and nothing after. With fewer than two parties left it ends.',
              path: 'reason',
              getCtx,
              send: (_c, text) => ({ type: 'agreement.withdraw', agreement: id, reason: text }),
            }),
          ),
      });
    const key = parts.map((p) => p.key).join('|');
    place(actionsEl, key, () =>
      parts.length ? [h('h4', { class: 'moves-head' }, 'Your moves'), ...parts.map((p) => cached(p.key, p.make))] : [],
    );
    // The vote on an open motion.
    const m = openMotionOf(a);
    const mKey = moves.motionVote && m ? `${id}:mvote:${m.at}` : '';
    place(motionFormsEl, mKey, () =>
      mKey && m
        ? [
            cached(mKey, () => {
              const errors = fieldErrors();
              const slot = statusSlot();
              const stance = select([
                { value: 'support', label: `Support: ${motionLabel(m.kind).toLowerCase()} it` },
                { value: 'oppose', label: a.rule === 'silence' ? 'Oppose (breaks silence)' : 'Oppose' },
              ]);
              const statement = h('textarea', { rows: 2, maxlength: 2000, placeholder: 'Optional statement' });
              const form = h(
                'form',
                { class: 'motion-vote' },
                h('h4', {}, `Vote on the motion to ${motionLabel(m.kind).toLowerCase()}`),
                field('Your vote', stance),
                field('Statement', statement),
                h('div', { class: 'row' }, h('button', { type: 'submit', class: 'primary' }, 'Cast vote'), slot),
              );
              form.addEventListener('submit', (ev) => {
                ev.preventDefault();
                if (!ctxRef) return;
                errors.drop('');
                errors.set('stance', stance);
                errors.set('statement', statement);
                void sendForm(ctxRef, slot, errors, {
                  type: 'agreement.motion.vote',
                  agreement: id,
                  stance: stance.value as 'support' | 'oppose',
                  statement: statement.value,
                });
              });
              return form;
            }),
          ]
        : [],
    );
    // Exercise control: extend the deadline.
    const canExtend = ctx.role === 'facilitator' && !ctx.readOnly && a.deadline !== null;
    const dl = a.deadline;
    const cKey = canExtend && dl ? `${id}:extend:${dl.turn}:${dl.phase}` : '';
    if (cKey && dl) {
      const made = pickers.get(cKey) ?? extendForm(id, dl);
      pickers.set(cKey, made);
      made.picker.refresh(v.exercise, dl);
    }
    place(controlEl, cKey, () => (cKey ? [pickers.get(cKey)!.el] : []));
    renderOffer(v, ctx, a);
  };

  const motionForm = (v: View, a: AgreementView, motions: Motion[]): HTMLElement => {
    const errors = fieldErrors();
    const slot = statusSlot();
    const kind = select(MOTIONS.filter((m) => motions.includes(m.id)).map((m) => ({ value: m.id, label: m.label })));
    const reason = h('textarea', { rows: 2, maxlength: 2000, required: true, placeholder: 'Why' });
    const deadline = deadlinePicker(
      'Vote closes',
      a.rule === 'silence' ? 'Under the silence procedure the motion passes then unless a party opposes it.' : 'Optional.',
    );
    deadline.refresh(v.exercise);
    motionPickers.set(a.id, deadline);
    const form = h(
      'form',
      { class: 'motion-form' },
      h(
        'p',
        { class: 'hint' },
        `The parties bound by it decide by the agreement's own rule (${ruleLabel(a.rule).toLowerCase()}); you support your own motion.`,
      ),
      field('Motion', kind),
      field('Reason', reason),
      deadline.el,
      h('div', { class: 'row' }, h('button', { type: 'submit', class: 'primary' }, 'Move the motion'), slot),
    );
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      if (!ctxRef) return;
      errors.drop('');
      errors.set('motion', kind);
      errors.set('reason', reason);
      errors.set('deadline', deadline.turnSelect);
      errors.set('deadline.turn', deadline.turnSelect);
      errors.set('deadline.phase', deadline.phaseSelect);
      const d = deadline.read();
      void sendForm(ctxRef, slot, errors, {
        type: 'agreement.motion',
        agreement: a.id,
        motion: kind.value as Motion,
        reason: reason.value,
        ...(d ? { deadline: d } : {}),
      });
    });
    return h(
      'details',
      { class: 'move' },
      h('summary', {}, `Move to ${motions.map((m) => motionLabel(m).toLowerCase()).join(' or ')}`),
      form,
    );
  };

  const extendForm = (id: string, dl: GameDeadline): { el: HTMLElement; picker: DeadlinePicker } => {
    const errors = fieldErrors();
    const slot = statusSlot();
    const picker = deadlinePicker('New deadline', 'Later than the current one.');
    picker.setRequired(true);
    const form = h(
      'form',
      { class: 'extend-form control-only' },
      h('h4', {}, 'Exercise control: extend the deadline'),
      picker.el,
      h('div', { class: 'row' }, h('button', { type: 'submit', class: 'primary' }, 'Extend deadline'), slot),
    );
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      if (!ctxRef) return;
      errors.drop('');
      errors.set('deadline', picker.turnSelect);
      errors.set('deadline.turn', picker.turnSelect);
      errors.set('deadline.phase', picker.phaseSelect);
      errors.set('agreement', picker.turnSelect);
      const d = picker.read();
      if (!d) return refuseLocally(slot, errors, 'deadline', `Choose a turn and a phase later than turn ${dl.turn}.`);
      void sendForm(ctxRef, slot, errors, { type: 'agreement.extend', agreement: id, deadline: d });
    });
    return { el: form, picker };
  };

  let offerFor = '';
  const dismiss = (id: string) => {
    offers.delete(id);
    offerFor = '';
    fill(offerEl);
  };
  const renderOffer = (v: View, ctx: Ctx, a: AgreementView) => {
    const o = offers.get(a.id);
    const key = o && !ctx.readOnly ? `${a.id}:${o.title ?? ''}` : '';
    if (key === offerFor) return;
    offerFor = key;
    if (!o || !key) {
      fill(offerEl);
      return;
    }
    fill(
      offerEl,
      h(
        'div',
        { class: 'offer' },
        h('span', {}, `${o.what} `),
        h(
          'button',
          {
            type: 'button',
            class: 'primary',
            onclick: () => {
              if (view && ctxRef) openDecisionForm(ctxRef, view, o, () => dismiss(a.id));
            },
          },
          'Record this decision in the log',
        ),
        h('button', { type: 'button', class: 'link', onclick: () => dismiss(a.id) }, 'Not now'),
      ),
    );
  };

  const renderDetail = (v: View, ctx: Ctx, a: AgreementView) => {
    const sig = `${ctx.nation}|${ctx.readOnly}|${v.exercise.turn}/${v.exercise.phaseIndex}/${v.exercise.status}|${JSON.stringify(a)}`;
    if (sig !== staticFor) {
      staticFor = sig;
      renderStatic(v, ctx, a);
    }
    renderActions(v, ctx, a);
  };

  function render(v: View, ctx: Ctx) {
    view = v;
    ctxRef = ctx;
    if (awaitingProposal) {
      const known = awaitingProposal;
      const mine = v.agreements.find((a) => !known.has(a.id) && a.proposer === ctx.nation);
      if (mine) {
        awaitingProposal = null;
        selected = mine.id;
        staticFor = '';
      }
    }
    const a = selected ? v.agreements.find((x) => x.id === selected) : undefined;
    if (selected && !a) selected = null;
    listPane.hidden = a !== undefined;
    detailPane.hidden = a === undefined;
    if (a) renderDetail(v, ctx, a);
    else {
      tickers = [];
      renderList(v, ctx);
    }
    startTicking();
  }

  return {
    badge: (v, ctx) => (ctx.readOnly ? 0 : v.agreements.filter((a) => awaitsVote(a, ctx.nation)).length),
    mount(root) {
      fill(root, rootEl);
    },
    update: render,
  };
}
