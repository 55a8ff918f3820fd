/**
 * The intel library. A nation lists the reports it holds under their banners, filters them by
 * turn, region and originator, and sees which it has not opened yet (kept per exercise and seat in
 * localStorage). A report's detail shows the banner top and bottom, portion marks, regions by
 * name, when it reached the team in game time, its grading, the provenance trail and the ORCON
 * requests about it; the actions the markings allow (share, request ORCON release, widen as
 * originator, release the tearline) open small forms, and the ones they do not are disabled with
 * the reason. The originator approves or denies requests; a team also writes its own assessment.
 *
 * Exercise control sees every report with its status, ground truth, verdict and holders, releases,
 * holds and resumes them, writes ad hoc ones, and reads the whole provenance ledger. Evaluators see
 * the same, read-only. Forms survive view updates: each is rebuilt only when what it acts on changes.
 */
import type { View } from '@concord/shared/views/index';
import { classificationClass, gameClock } from '../../format.ts';
import { fill, h } from '../dom.ts';
import { injectLabel, nationName, nationsLabel, regionName } from '../labels.ts';
import { empty, type Ctx, type Panel } from '../panel.ts';
import { allyForm, answerForm, assessForm, holdForm, releaseForm, widenForm, writeForm } from './intel-forms.ts';
import {
  actionState,
  allyChoices,
  awaitingAnswer,
  controlsLabel,
  filterChoices,
  filterReports,
  gradingLabel,
  NO_FILTER,
  readKey,
  REQUEST_STATUS,
  reportTitle,
  requestsOf,
  STATUS_LABEL,
  storeKey,
  trailLine,
  trailOf,
  TRUTH_LABEL,
  turnOf,
  unreadCount,
  widenChoices,
  type IntelFilter,
  type OrconRequestView,
  type Report,
  type Share,
} from './intel-model.ts';

/** The read marks of this seat, in localStorage. */
class ReadStore {
  private key: string | null = null;
  ids = new Set<string>();
  bind(ctx: Ctx): void {
    const info = ctx.session.info;
    const key = storeKey(info.exerciseId, { role: info.role, nation: info.nation, position: info.position });
    if (key === this.key) return;
    this.key = key;
    try {
      const raw = JSON.parse(localStorage.getItem(key) ?? '[]') as unknown;
      this.ids = new Set(Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string') : []);
    } catch {
      this.ids = new Set();
    }
  }
  mark(id: string): void {
    if (this.ids.has(id) || this.key === null) return;
    this.ids.add(id);
    try {
      localStorage.setItem(this.key, JSON.stringify([...this.ids]));
    } catch {
      // Storage full or disabled: the mark lasts for this page only.
    }
  }
}

const banner = (r: Report, where: 'top' | 'bottom') =>
  h('div', { class: `banner-line ${classificationClass(r.banner)}`, 'data-banner': where }, r.banner);

function trailEl(view: View, lines: readonly Share[], originator: string, nation: string | null): HTMLElement {
  if (!lines.length)
    return h(
      'p',
      { class: 'hint' },
      nation === null || nation === originator ? 'Not shared yet.' : 'No share of it that your nation sent or received.',
    );
  return h(
    'ol',
    { class: 'trail' },
    ...lines.map((s) => {
      const t = trailLine(view, s, originator);
      return h(
        'li',
        { 'data-share': s.id },
        h('span', { class: 'when' }, t.when),
        ' ',
        h('span', { class: 'what' }, t.what),
        t.note ? h('span', { class: 'note' }, ` — “${t.note}”`) : null,
      );
    }),
  );
}

function requestLine(view: View, q: OrconRequestView, ctx: Ctx): HTMLElement {
  const mine = q.from === ctx.nation;
  return h(
    'div',
    { class: `request st-${q.status}`, 'data-request': q.id },
    h(
      'p',
      {},
      h('span', { class: `tag rq-${q.status}` }, REQUEST_STATUS[q.status]),
      ' ',
      h(
        'strong',
        {},
        mine
          ? `You asked to release ${q.part === 'tearline' ? 'its tearline' : 'it'} to ${nationsLabel(view, q.to)}`
          : `${nationName(view, q.from)} (${q.by.name}) asks to release ${q.part === 'tearline' ? 'its tearline' : 'it'} to ${nationsLabel(view, q.to)}`,
      ),
      h('span', { class: 'meta' }, ` · ${gameClock(view.exercise, q.at)}, turn ${q.turn}`),
    ),
    h('p', { class: 'message' }, `Reason: ${q.reason}`),
    q.answer
      ? h(
          'p',
          { class: 'meta' },
          `${q.status === 'approved' ? 'Approved' : 'Denied'} by ${nationName(view, q.originator)} (${q.answer.by}) ${gameClock(view.exercise, q.answer.at)}`,
          q.answer.note ? ` — “${q.answer.note}”` : '',
        )
      : null,
  );
}

export function intelPanel(): Panel {
  let ctxRef: Ctx | null = null;
  let view: View | null = null;
  let selected: string | null = null;
  let filter: IntelFilter = { ...NO_FILTER };
  const read = new ReadStore();
  const getCtx = () => ctxRef;

  const intro = h('p', { class: 'hint intel-intro' });
  const newBox = h('details', { class: 'neg-new intel-new' });
  let newFor = '';
  const awaiting = h('section', { class: 'intel-awaiting' });
  const filters = h('div', { class: 'intel-filters' });
  const list = h('div', { class: 'list intel-list' });
  const ledger = h('section', { class: 'intel-ledger' });
  const listPane = h('div', { class: 'intel-list-pane' }, intro, newBox, awaiting, filters, list, ledger);

  const back = h('button', { type: 'button', class: 'link neg-back', onclick: () => open(null) }, '← All reports');
  const docEl = h('article', { class: 'item report intel-doc' });
  const requestsEl = h('section', { class: 'intel-requests' });
  const actionsEl = h('section', { class: 'intel-actions' });
  const controlEl = h('section', { class: 'intel-control' });
  const detailPane = h('div', { class: 'intel-detail', hidden: true }, back, controlEl, docEl, requestsEl, actionsEl);
  let docFor = '';
  let requestsFor = '';
  let actionsFor = '';
  let controlFor = '';
  let listFor = '';

  function open(id: string | null) {
    selected = id;
    docFor = requestsFor = actionsFor = controlFor = '';
    if (view && ctxRef) render(view, ctxRef);
    (id === null ? listPane : detailPane).scrollIntoView({ block: 'start' });
  }

  const isNation = (ctx: Ctx) => ctx.nation !== null;
  const mayAct = (ctx: Ctx) => !ctx.readOnly && (ctx.role === 'nation' || ctx.role === 'facilitator');

  function renderFilters(v: View) {
    const c = filterChoices(v);
    const sel = (label: string, value: string, options: Array<[string, string]>, set: (x: string) => void) => {
      const el = h(
        'select',
        { 'aria-label': label, onchange: (ev: Event) => set((ev.target as HTMLSelectElement).value) },
        ...options.map(([val, text]) => h('option', { value: val }, text)),
      );
      el.value = value;
      return h('label', { class: 'filter' }, h('span', {}, label), el);
    };
    const rerender = () => {
      listFor = '';
      if (view && ctxRef) render(view, ctxRef);
    };
    const unreadBox = h('input', {
      type: 'checkbox',
      checked: filter.unreadOnly,
      onchange: (ev: Event) => {
        filter = { ...filter, unreadOnly: (ev.target as HTMLInputElement).checked };
        rerender();
      },
    });
    fill(
      filters,
      sel(
        'Turn',
        filter.turn === null ? '' : String(filter.turn),
        [['', 'All'], ...c.turns.map((t): [string, string] => [String(t), `Turn ${t}`])],
        (x) => {
          filter = { ...filter, turn: x === '' ? null : Number(x) };
          rerender();
        },
      ),
      sel('Region', filter.region ?? '', [['', 'All'], ...c.regions.map((g): [string, string] => [g.id, g.name])], (x) => {
        filter = { ...filter, region: x || null };
        rerender();
      }),
      sel('Originator', filter.originator ?? '', [['', 'All'], ...c.originators.map((n): [string, string] => [n.id, n.name])], (x) => {
        filter = { ...filter, originator: x || null };
        rerender();
      }),
      ctxRef && isNation(ctxRef) ? h('label', { class: 'check filter-unread' }, unreadBox, ' Unread only') : null,
    );
  }

  function itemEl(v: View, r: Report, ctx: Ctx): HTMLElement {
    const unread = isNation(ctx) && r.released && !read.ids.has(readKey(r));
    const pending = v.intelRequests.filter((q) => q.report === r.id && q.status === 'pending' && q.originator === ctx.nation).length;
    const when = r.held?.at ?? r.releasedAt;
    const turn = turnOf(r);
    return h(
      'button',
      {
        type: 'button',
        class: `item intel-item${unread ? ' unread' : ''}`,
        'data-intel': r.id,
        'data-part': r.part,
        onclick: () => open(r.id),
      },
      banner(r, 'top'),
      h(
        'span',
        { class: 'intel-item-title' },
        unread ? h('span', { class: 'dot', 'aria-label': 'Unread', title: 'Unread' }) : null,
        h('strong', {}, reportTitle(v, r)),
      ),
      h(
        'span',
        { class: 'intel-tags' },
        r.part === 'tearline' ? h('span', { class: 'tag tearline-only' }, 'Tearline only') : null,
        r.origin === 'assessment' ? h('span', { class: 'tag' }, 'Assessment') : null,
        r.orcon ? h('span', { class: 'tag orcon' }, 'ORCON') : null,
        r.controls.noforn ? h('span', { class: 'tag noforn' }, 'NOFORN') : null,
        r.control ? h('span', { class: `tag st-${r.control.status}` }, STATUS_LABEL[r.control.status] ?? r.control.status) : null,
        pending ? h('span', { class: 'tag rq-pending' }, `${pending} request${pending === 1 ? '' : 's'} to answer`) : null,
      ),
      h(
        'span',
        { class: 'meta' },
        [
          `From ${nationName(v, r.originator)}`,
          when !== null ? `${gameClock(v.exercise, when)}, turn ${turn}` : turn !== null ? `due turn ${turn}` : 'not scheduled',
          r.grading ? `graded ${r.grading.reliability}${r.grading.credibility}` : null,
          r.regions.length ? r.regions.map((g) => regionName(v, g)).join(', ') : null,
        ]
          .filter(Boolean)
          .join(' · '),
      ),
    );
  }

  function renderList(v: View, ctx: Ctx) {
    const reports = filterReports(v.intel, filter, read.ids);
    const key = JSON.stringify([
      ctx.nation,
      ctx.role,
      filter,
      reports.map((r) => [r.id, r.part, r.banner, r.control?.status, r.releasedAt, r.held?.at, read.ids.has(readKey(r))]),
      v.intelRequests.map((q) => [q.id, q.status]),
    ]);
    if (key === listFor) return;
    listFor = key;
    renderFilters(v);
    const total = v.intel.length;
    fill(
      list,
      reports.length
        ? reports.map((r) => itemEl(v, r, ctx))
        : empty(
            total
              ? 'No report matches these filters.'
              : isNation(ctx)
                ? 'No intelligence has reached you yet.'
                : 'No reports in this exercise.',
          ),
    );
    // Requests the originator must answer, at the top.
    const waiting = awaitingAnswer(v, ctx.nation);
    fill(
      awaiting,
      waiting.length
        ? [
            h('h3', {}, `ORCON requests awaiting your answer (${waiting.length})`),
            ...waiting.map((q) => {
              const r = v.intel.find((x) => x.id === q.report);
              return h(
                'button',
                { type: 'button', class: 'item request-link', 'data-request': q.id, onclick: () => open(q.report) },
                h('strong', {}, r ? reportTitle(v, r) : 'Report'),
                h(
                  'span',
                  { class: 'meta' },
                  ` · ${nationName(v, q.from)} asks to release ${q.part === 'tearline' ? 'its tearline ' : ''}to ${nationsLabel(v, q.to)}`,
                ),
              );
            }),
          ]
        : [],
    );
  }

  function renderLedger(v: View, ctx: Ctx) {
    if (isNation(ctx)) {
      fill(ledger);
      return;
    }
    const title = (id: string) => {
      const r = v.intel.find((x) => x.id === id);
      return r ? reportTitle(v, r) : 'Report';
    };
    fill(
      ledger,
      h('h3', {}, 'Provenance ledger'),
      v.intelShares.length
        ? h(
            'ol',
            { class: 'trail ledger-list', reversed: true },
            ...[...v.intelShares].reverse().map((s) => {
              const t = trailLine(v, s, v.intel.find((x) => x.id === s.report)?.originator ?? null);
              return h(
                'li',
                { 'data-share': s.id },
                h('span', { class: 'when' }, t.when),
                ' ',
                h('button', { type: 'button', class: 'link', onclick: () => open(s.report) }, title(s.report)),
                h('br'),
                h('span', { class: 'what' }, t.what),
                t.note ? h('span', { class: 'note' }, ` — “${t.note}”`) : null,
              );
            }),
          )
        : empty('Nothing shared yet.'),
    );
  }

  function renderNew(v: View, ctx: Ctx) {
    const key = `${ctx.role}|${ctx.nation}|${ctx.readOnly}|${v.exercise.turn}|${v.intel.filter((r) => r.part === 'full').length}`;
    if (key === newFor || newBox.open) return;
    newFor = key;
    newBox.hidden = !mayAct(ctx);
    if (newBox.hidden) return fill(newBox);
    if (ctx.role === 'facilitator') fill(newBox, h('summary', {}, 'Write a report…'), writeForm(getCtx, v));
    else if (ctx.nation) fill(newBox, h('summary', {}, 'Write assessment…'), assessForm(getCtx, v, ctx.nation));
  }

  function renderDoc(v: View, r: Report, ctx: Ctx) {
    const trail = trailOf(v, r.id);
    const key = JSON.stringify([r, trail.map((s) => s.id), v.exercise.timeline.length]);
    if (key === docFor) return;
    docFor = key;
    const reached = r.held && r.held.share !== null ? 'Shared with you' : r.held ? 'Reached you' : 'Released';
    const when = r.held?.at ?? r.releasedAt;
    fill(
      docEl,
      banner(r, 'top'),
      h('h3', { class: 'intel-title' }, reportTitle(v, r)),
      r.part === 'tearline'
        ? h(
            'p',
            { class: 'tearline-note' },
            'Tearline only: the sanitised version the originator allows to be passed on. You do not hold the full report.',
          )
        : null,
      h(
        'dl',
        { class: 'intel-facts' },
        h('dt', {}, 'Originator'),
        h('dd', {}, nationName(v, r.originator)),
        h('dt', {}, reached),
        h('dd', {}, when !== null ? `${gameClock(v.exercise, when)} (turn ${turnOf(r)})` : 'Not released yet'),
        r.grading ? [h('dt', {}, 'Grading'), h('dd', {}, gradingLabel(r.grading))] : null,
        h('dt', {}, 'Markings'),
        h('dd', {}, controlsLabel(v, r)),
      ),
      r.regions.length
        ? h(
            'p',
            { class: 'regions' },
            'Regions: ',
            ...r.regions.map((g) => h('button', { type: 'button', class: 'chip', onclick: () => ctx.selectRegion(g) }, regionName(v, g))),
          )
        : null,
      h(
        'div',
        { class: 'portions' },
        ...r.portions.map((p) =>
          h('p', { class: 'message portion' }, p.mark ? h('strong', { class: 'portion-mark' }, `(${p.mark}) `) : null, p.text),
        ),
      ),
      r.tearline
        ? h(
            'div',
            { class: 'tearline-box' },
            h('div', { class: 'tearline-cut' }, '— tearline —'),
            h('div', { class: `banner-line ${classificationClass(r.tearline.banner)}` }, r.tearline.banner),
            r.tearline.title ? h('h4', {}, r.tearline.title) : null,
            h('p', { class: 'message' }, r.tearline.body),
          )
        : null,
      h('h4', { class: 'sub' }, 'Provenance'),
      trailEl(v, trail, r.originator, ctx.nation),
      r.widenings.length
        ? h(
            'ul',
            { class: 'widenings' },
            ...r.widenings.map((w) =>
              h(
                'li',
                {},
                `Widened by ${nationName(v, r.originator)} (${w.by}), ${gameClock(v.exercise, w.at)}: `,
                [
                  w.relTo.length ? `REL TO ${nationsLabel(v, w.relTo)} added` : '',
                  w.lift.length ? `${w.lift.map((l) => l.toUpperCase()).join(' and ')} lifted` : '',
                ]
                  .filter(Boolean)
                  .join('; '),
                w.note ? h('span', { class: 'meta' }, ` — “${w.note}”`) : null,
              ),
            ),
          )
        : null,
      banner(r, 'bottom'),
    );
  }

  function renderRequests(v: View, r: Report, ctx: Ctx) {
    const qs = requestsOf(v, r.id);
    const key = JSON.stringify([qs.map((q) => [q.id, q.status]), ctx.nation, ctx.readOnly]);
    if (key === requestsFor) return;
    requestsFor = key;
    fill(
      requestsEl,
      qs.length
        ? [
            h('h4', {}, 'ORCON release requests'),
            ...qs.map((q) => {
              const el = requestLine(v, q, ctx);
              if (q.status === 'pending' && q.originator === ctx.nation && mayAct(ctx)) el.append(answerForm(getCtx, q.id));
              return el;
            }),
          ]
        : [],
    );
  }

  /** One action: a disclosure with its form when open, else a disabled button with the reason. */
  function action(label: string, state: { open: boolean; why: string | null }, form: () => HTMLElement, cls: string): HTMLElement {
    if (!state.open)
      return h(
        'div',
        { class: `intel-action off ${cls}` },
        h('button', { type: 'button', disabled: true, title: state.why ?? '' }, label),
        state.why ? h('small', { class: 'why' }, state.why) : null,
      );
    const d = h('details', { class: `move intel-action ${cls}` }, h('summary', {}, label));
    d.addEventListener('toggle', () => {
      if (d.open && d.children.length === 1) d.append(form());
    });
    return d;
  }

  function renderActions(v: View, r: Report, ctx: Ctx) {
    const opts = v.intelOptions[r.id];
    const key = JSON.stringify([
      opts,
      r.controls,
      r.part,
      ctx.nation,
      ctx.readOnly,
      v.intelRequests.filter((q) => q.report === r.id).map((q) => q.status),
    ]);
    if (key === actionsFor) return;
    actionsFor = key;
    if (!isNation(ctx) || !mayAct(ctx) || !opts) return fill(actionsEl);
    const done = () => {
      actionsFor = '';
    };
    const share = allyChoices(v, r.id, (o) => o.share);
    const request = allyChoices(v, r.id, (o) => (r.part === 'full' ? o.request : 'not_releasable'));
    const tearRequest = allyChoices(v, r.id, (o) => o.tearlineRequest);
    const tearline = allyChoices(v, r.id, (o) => o.tearline);
    const mine = r.originator === ctx.nation && r.part === 'full';
    const w = widenChoices(v, r);
    const rows = [
      r.part === 'full'
        ? action(
            'Share…',
            actionState(share),
            () =>
              allyForm({
                getCtx,
                label: 'Share the report',
                legend: 'Share with',
                choices: share,
                textLabel: 'Note',
                textPath: 'note',
                placeholder: 'Why you share it (recorded in the provenance trail)',
                button: 'Share',
                draft: (to, note) => ({ type: 'intel.share', intel: r.id, to, note }),
                onDone: done,
              }),
            'act-share',
          )
        : null,
      !mine && r.orcon && r.part === 'full'
        ? action(
            'Request ORCON release…',
            actionState(request),
            () =>
              allyForm({
                getCtx,
                label: 'Request ORCON release',
                legend: 'Release to',
                choices: request,
                textLabel: 'Reason',
                textPath: 'reason',
                placeholder: `Why ${nationName(v, r.originator)} should release it`,
                required: true,
                hint: `${nationName(v, r.originator)}, the originator, approves or denies.`,
                button: 'Send request',
                draft: (to, reason) => ({ type: 'intel.request', intel: r.id, part: 'full', to, reason }),
                onDone: done,
              }),
            'act-request',
          )
        : null,
      mine
        ? action(
            'Widen…',
            w.nations.length || w.orcon || w.noforn
              ? { open: true, why: null }
              : { open: false, why: 'Already releasable to every ally, with no ORCON or NOFORN' },
            () => widenForm(getCtx, r.id, w, done),
            'act-widen',
          )
        : null,
      r.tearline !== null || r.part === 'tearline'
        ? action(
            'Release tearline…',
            actionState(tearline),
            () =>
              allyForm({
                getCtx,
                label: 'Release the tearline',
                legend: 'Release the tearline to',
                choices: tearline,
                textLabel: 'Note',
                textPath: 'note',
                placeholder: 'Why (recorded in the provenance trail)',
                hint: 'They receive the tearline only, never the full report.',
                button: 'Release tearline',
                draft: (to, note) => ({ type: 'intel.release_tearline', intel: r.id, to, note }),
                onDone: done,
              }),
            'act-tearline',
          )
        : null,
      !mine && tearRequest.some((c) => c.allowed || c.note === 'Already requested: awaiting the originator')
        ? action(
            'Request tearline release…',
            actionState(tearRequest),
            () =>
              allyForm({
                getCtx,
                label: 'Request release of the ORCON tearline',
                legend: 'Release the tearline to',
                choices: tearRequest,
                textLabel: 'Reason',
                textPath: 'reason',
                placeholder: `Why ${nationName(v, r.originator)} should release the tearline`,
                required: true,
                button: 'Send request',
                draft: (to, reason) => ({ type: 'intel.request', intel: r.id, part: 'tearline', to, reason }),
                onDone: done,
              }),
            'act-tearline-request',
          )
        : null,
    ];
    fill(actionsEl, h('h4', {}, 'Pass it on'), ...rows);
  }

  function renderControl(v: View, r: Report, ctx: Ctx) {
    const c = r.control;
    const key = JSON.stringify([c, ctx.readOnly, ctx.role]);
    if (key === controlFor) return;
    controlFor = key;
    if (!c) return fill(controlEl);
    const holders = (xs: ReadonlyArray<{ nation: string; at: number; turn: number; share: string | null }>) =>
      xs.length
        ? h(
            'ul',
            { class: 'holders' },
            ...xs.map((x) =>
              h('li', {}, `${nationName(v, x.nation)} — ${gameClock(v.exercise, x.at)} (turn ${x.turn})${x.share ? ', by a share' : ''}`),
            ),
          )
        : h('p', { class: 'hint' }, 'Nobody.');
    const act = ctx.role === 'facilitator' && !ctx.readOnly;
    fill(
      controlEl,
      h(
        'div',
        { class: 'control-only' },
        h('h4', {}, 'Exercise control only'),
        h(
          'p',
          {},
          h('span', { class: `tag st-${c.status}` }, STATUS_LABEL[c.status] ?? c.status),
          ' ',
          c.status === 'released'
            ? `Released ${gameClock(v.exercise, r.releasedAt)} (turn ${r.releasedTurn})`
            : c.carriedBy.length
              ? `Goes out with ${c.carriedBy.map((i) => injectLabel(v, i)).join(', ')}`
              : `Goes out at the start of turn ${c.releaseTurn}`,
          c.statusNote ? ` — ${c.statusNote}` : '',
        ),
        h(
          'p',
          {},
          h('strong', {}, `Verdict: ${c.truth ? (TRUTH_LABEL[c.truth] ?? c.truth) : 'none'}. `),
          'Ground truth: ',
          c.groundTruth || '—',
        ),
        h('p', { class: 'meta' }, `Releasable to ${nationsLabel(v, c.recipients)}`),
        h('div', { class: 'sub' }, 'Holds the full report'),
        holders(c.holders),
        r.tearline ? [h('div', { class: 'sub' }, 'Holds the tearline only'), holders(c.tearlineHolders)] : null,
        act && c.status !== 'released'
          ? h(
              'div',
              { class: 'control-buttons' },
              h(
                'details',
                { class: 'move act-release' },
                h('summary', {}, 'Release now…'),
                releaseForm(getCtx, v, r.id, c.recipients, r.originator),
              ),
              holdForm(getCtx, r.id, c.status === 'held' ? 'held' : 'scheduled'),
            )
          : null,
      ),
    );
  }

  function render(v: View, ctx: Ctx) {
    view = v;
    ctxRef = ctx;
    read.bind(ctx);
    intro.textContent = isNation(ctx)
      ? ctx.readOnly
        ? `The reports ${nationName(v, ctx.nation ?? '')} holds, read-only.`
        : 'The reports your team holds. Open one to read it, see where it came from, and pass it on as its markings allow.'
      : ctx.role === 'facilitator' && !ctx.readOnly
        ? 'Every report, with its status and ground truth. Release, hold or resume a report, or write a new one.'
        : 'Every report, with its status and ground truth, and the provenance ledger (read-only).';
    const r = selected === null ? undefined : v.intel.find((x) => x.id === selected);
    if (selected !== null && !r) selected = null;
    listPane.hidden = r !== undefined;
    detailPane.hidden = r === undefined;
    if (r) {
      if (isNation(ctx) && !ctx.readOnly && r.released) {
        const was = read.ids.has(readKey(r));
        read.mark(readKey(r));
        if (!was) listFor = '';
      }
      renderDoc(v, r, ctx);
      renderRequests(v, r, ctx);
      renderActions(v, r, ctx);
      renderControl(v, r, ctx);
      return;
    }
    renderNew(v, ctx);
    renderList(v, ctx);
    renderLedger(v, ctx);
  }

  return {
    badge(v, ctx) {
      if (!isNation(ctx) || ctx.readOnly) return 0;
      read.bind(ctx);
      return unreadCount(v.intel, read.ids) + awaitingAnswer(v, ctx.nation).length;
    },
    mount(root) {
      fill(root, h('div', { class: 'intel' }, listPane, detailPane));
    },
    update: render,
  };
}
