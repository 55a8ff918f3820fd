/**
 * The joint operations board. A nation proposes an operation to its allies (objective, regions,
 * the capabilities and money it needs, when pledges are due and from when it may launch, and the
 * treaty clause or agreement it rests on); each participant pledges its own assets, capabilities
 * and money before the deadline, delivers them, or withdraws; the proposer launches once what was
 * delivered meets the needs, or cancels. Each operation shows its requirements against what was
 * pledged and delivered, the pledges nation by nation with the deadline's countdown, and its
 * outcome once control has settled it (when the team reads that outcome). The burden-sharing
 * ledger closes the board: pledged against delivered against the fair share, per nation.
 *
 * Exercise control and evaluators see every operation read-only; other allies see an operation
 * exists (title, participants, regions, status), not its pledges.
 */
import type { View } from '@concord/shared/views/index';
import type { CommandDraft } from '@concord/shared/protocol/index';
import { ASSET_TYPES } from '@concord/shared/vocab';
import { field, fill, h, select } from '../dom.ts';
import { ACTION_TYPES, actionTypeLabel, nationName, nationsLabel, positionTitle, regionName } from '../labels.ts';
import { empty, statusSlot, type Ctx, type Panel } from '../panel.ts';
import { keepingFocus } from '../keep-focus.ts';
import { deadlineOptions, describeDeadline, dueIn, parseDeadline } from './treaty-model.ts';
import {
  basisOptions,
  byStatus,
  capabilityLabel,
  contributionText,
  launchState,
  ledgerLines,
  money,
  openRegions,
  parseBasis,
  pledgeChoices,
  PLEDGE_STATUS,
  requirementRows,
  STATUS,
  toDeliver,
  type FullOperation,
  type Operation,
} from './operations-model.ts';

type AssetType = (typeof ASSET_TYPES)[number];

const mayAct = (ctx: Ctx): boolean => ctx.role === 'nation' && !ctx.readOnly && ctx.nation !== null;

function refuse(slot: HTMLElement, message: string, path?: string): void {
  slot.className = 'status-slot error';
  fill(slot, h('strong', {}, 'Refused: '), message, path ? h('span', { class: 'code' }, ` (${path})`) : null);
}

/** A list of capability rows (type + count) with "Add" and "Remove": for requirements and pledged capabilities. */
function capabilityRows(
  label: string,
  types: readonly string[] = ASSET_TYPES,
): { el: HTMLElement; read(): { type: AssetType; count: number }[] } {
  const rows = h('div', { class: 'cap-rows' });
  const add = () => {
    const type = select(
      types.map((t) => ({ value: t, label: capabilityLabel(t) })),
      { name: 'capability-type', 'aria-label': 'Capability' },
    );
    const count = h('input', { type: 'number', min: 1, max: 100, value: 1, name: 'capability-count', 'aria-label': 'How many' });
    const row = h(
      'div',
      { class: 'cap-row row' },
      type,
      count,
      h('button', { type: 'button', class: 'link', onclick: () => row.remove() }, 'Remove'),
    );
    rows.append(row);
  };
  const el = h(
    'fieldset',
    { class: 'caps' },
    h('legend', {}, label),
    rows,
    h('button', { type: 'button', class: 'add-cap', onclick: add }, 'Add a capability'),
  );
  return {
    el,
    read: () =>
      [...rows.querySelectorAll('.cap-row')].map((r) => ({
        type: r.querySelector<HTMLSelectElement>('select')!.value as AssetType,
        count: Number(r.querySelector<HTMLInputElement>('input')!.value),
      })),
  };
}

// ---------------------------------------------------------------------------------------------
// Proposing

function proposeForm(getCtx: () => Ctx | null, getView: () => View | null): { el: HTMLElement; refresh(view: View, ctx: Ctx): void } {
  const slot = statusSlot();
  const title = h('input', { type: 'text', name: 'title', maxlength: 120, required: true, placeholder: 'e.g. ML-2 repair protection' });
  const objective = h('textarea', {
    name: 'objective',
    rows: 3,
    maxlength: 2000,
    required: true,
    placeholder: 'What the operation is to achieve',
  });
  const actionType = select(
    ACTION_TYPES.map((t) => ({ value: t.id, label: t.label })),
    { name: 'actionType' },
  );
  actionType.value = 'military';
  const regions = h('div', { class: 'check-grid regions' });
  const participants = h('div', { class: 'check-grid participants' });
  const reqs = capabilityRows('Capabilities required');
  const funding = h('input', { type: 'number', name: 'funding', min: 0, max: 1000000, value: 0 });
  const pledgeBy = h('select', { name: 'pledgeBy' });
  const launchFrom = h('select', { name: 'launchFrom' });
  const basis = h('select', { name: 'basis' });
  const timeHint = h('small', { class: 'hint' });
  let optionsKey = '';

  const checkedValues = (box: HTMLElement) => [...box.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value);
  const explain = () => {
    const view = getView();
    if (!view) return;
    const p = parseDeadline(view.exercise, pledgeBy.value);
    const l = parseDeadline(view.exercise, launchFrom.value);
    timeHint.textContent =
      p && l
        ? `Pledges due by the ${describeDeadline(view.exercise, p)}; launch possible from ${l.phase === p.phase && l.turn === p.turn ? 'that same phase' : `the start of ${view.exercise.phases.find((x) => x.id === l.phase)?.label ?? l.phase}, turn ${l.turn}`}.`
        : '';
  };
  pledgeBy.addEventListener('change', () => {
    const view = getView();
    if (!view) return;
    const p = parseDeadline(view.exercise, pledgeBy.value);
    const keep = launchFrom.value;
    // The launch comes no earlier than the pledge phase itself.
    const opts = deadlineOptions(view.exercise).filter(
      (o) =>
        !p ||
        o.deadline.turn > p.turn ||
        (o.deadline.turn === p.turn &&
          view.exercise.phases.findIndex((x) => x.id === o.deadline.phase) >= view.exercise.phases.findIndex((x) => x.id === p.phase)),
    );
    fill(launchFrom, ...opts.map((o) => h('option', { value: o.value }, o.label)));
    launchFrom.value = opts.some((o) => o.value === keep) ? keep : (opts[1]?.value ?? opts[0]?.value ?? '');
    explain();
  });
  launchFrom.addEventListener('change', explain);

  const form = h(
    'form',
    { class: 'op-propose', 'aria-label': 'Propose a joint operation' },
    field('Title', title),
    field('Objective', objective),
    field('Kind of action', actionType, 'For the adjudication tables'),
    h('fieldset', {}, h('legend', {}, 'Regions'), regions),
    h('fieldset', {}, h('legend', {}, 'Allies invited'), participants),
    reqs.el,
    field('Funding needed (millions)', funding),
    h('div', { class: 'row deadlines' }, field('Pledges due by (game time)', pledgeBy), field('Launch from', launchFrom)),
    timeHint,
    field('Rests on', basis),
    h('div', { class: 'row' }, h('button', { type: 'submit', class: 'primary' }, 'Propose operation'), slot),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const ctx = getCtx();
    const view = getView();
    if (!ctx || !view) return;
    if (!title.value.trim()) return refuse(slot, 'Give the operation a title.', 'title');
    if (!objective.value.trim()) return refuse(slot, 'State the objective.', 'objective');
    const regs = checkedValues(regions);
    if (regs.length === 0) return refuse(slot, 'Choose at least one region.', 'regions');
    const invited = checkedValues(participants);
    if (invited.length === 0) return refuse(slot, 'Invite at least one ally.', 'participants');
    const pb = parseDeadline(view.exercise, pledgeBy.value);
    const lf = parseDeadline(view.exercise, launchFrom.value);
    const draft: CommandDraft = {
      type: 'operation.propose',
      title: title.value.trim(),
      objective: objective.value,
      actionType: actionType.value as (typeof ACTION_TYPES)[number]['id'],
      regions: regs,
      requirements: reqs.read(),
      funding: Number(funding.value || 0),
      ...(pb ? { pledgeBy: pb } : {}),
      ...(lf ? { launchFrom: lf } : {}),
      basis: parseBasis(basis.value),
      participants: invited,
    };
    void ctx.run(slot, draft).then((r) => {
      if (!r.ok) return;
      form.reset();
      fill(reqs.el.querySelector('.cap-rows')!);
      form.closest<HTMLDetailsElement>('details')?.removeAttribute('open');
    });
  });
  return {
    el: form,
    refresh(view, ctx) {
      const ex = view.exercise;
      const key = JSON.stringify([
        ctx.nation,
        ex.turn,
        ex.phaseIndex,
        view.map.regions.length,
        view.nations.map((n) => n.id),
        basisOptions(view, ctx.nation ?? ''),
      ]);
      if (key === optionsKey) return;
      optionsKey = key;
      const keep = { p: pledgeBy.value, l: launchFrom.value, b: basis.value };
      fill(
        regions,
        ...view.map.regions
          .filter((r) => r.controller === null || view.nations.some((n) => n.id === r.controller))
          .map((r) => h('label', { class: 'check' }, h('input', { type: 'checkbox', value: r.id, name: 'region' }), ` ${r.name}`)),
      );
      fill(
        participants,
        ...view.nations
          .filter((n) => n.id !== ctx.nation)
          .map((n) => h('label', { class: 'check' }, h('input', { type: 'checkbox', value: n.id, name: 'participant' }), ` ${n.name}`)),
      );
      const opts = deadlineOptions(ex);
      fill(pledgeBy, ...opts.map((o) => h('option', { value: o.value }, o.label)));
      const consult = opts.find((o) => o.deadline.phase === 'consult');
      pledgeBy.value = opts.some((o) => o.value === keep.p) ? keep.p : (consult?.value ?? opts[0]?.value ?? '');
      pledgeBy.dispatchEvent(new Event('change'));
      if (opts.some((o) => o.value === keep.l)) launchFrom.value = keep.l;
      fill(
        basis,
        h('option', { value: '' }, 'Nothing (no treaty or agreement)'),
        ...basisOptions(view, ctx.nation ?? '').map((o) => h('option', { value: o.value }, o.label)),
      );
      const burden = basisOptions(view, ctx.nation ?? '').find((o) => /burden/i.test(o.label));
      basis.value = keep.b || (burden?.value ?? '');
      explain();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// One operation

function pledgeForm(view: View, ctx: Ctx, op: FullOperation): HTMLElement {
  const nation = ctx.nation!;
  const slot = statusSlot();
  const mine = op.pledges.find((p) => p.nation === nation && p.status !== 'withdrawn');
  const choices = pledgeChoices(view, nation, op);
  const assets = h(
    'div',
    { class: 'check-grid assets' },
    ...(choices.length
      ? choices.map((c) =>
          h(
            'label',
            { class: `check${c.disabled ? ' disabled' : ''}`, title: c.disabled ?? '' },
            h('input', { type: 'checkbox', name: 'asset', value: c.id, checked: c.checked, disabled: c.disabled !== null && !c.checked }),
            ` ${c.label}`,
            c.disabled ? h('small', { class: 'why' }, ` — ${c.disabled}`) : null,
          ),
        )
      : [empty('Your nation has no assets.')]),
  );
  const needed = op.requirements.map((r) => r.type);
  const caps = capabilityRows('Capabilities (without naming assets)', needed.length ? needed : ASSET_TYPES);
  const moneyIn = h('input', { type: 'number', name: 'money', min: 0, max: 1000000, value: mine?.pledged.money ?? 0 });
  const note = h('textarea', { name: 'note', rows: 2, maxlength: 1000, placeholder: 'Conditions, caveats (seen by the participants)' });
  note.value = mine?.note ?? '';
  const form = h(
    'form',
    { class: 'op-pledge', 'aria-label': `Pledge to ${op.title}` },
    h('fieldset', {}, h('legend', {}, 'Your assets'), assets),
    caps.el,
    field('Money (millions)', moneyIn),
    field('Note', note),
    h('div', { class: 'row' }, h('button', { type: 'submit', class: 'primary' }, mine ? 'Replace our pledge' : 'Pledge'), slot),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const chosen = [...assets.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value);
    void ctx.run(slot, {
      type: 'operation.pledge',
      operation: op.id,
      assets: chosen,
      capabilities: caps.read(),
      money: Number(moneyIn.value || 0),
      note: note.value,
    });
  });
  return h('details', { class: 'op-form', open: !mine }, h('summary', {}, mine ? 'Change our pledge' : 'Pledge to this operation'), form);
}

function deliverForm(view: View, ctx: Ctx, op: FullOperation): HTMLElement | null {
  const nation = ctx.nation!;
  const p = op.pledges.find((x) => x.nation === nation);
  if (p?.status !== 'pledged') return null;
  const slot = statusSlot();
  const left = toDeliver(view, p);
  const where = openRegions(view, nation, op);
  const region = select(
    where.map((r) => ({ value: r, label: regionName(view, r) })),
    { name: 'region' },
  );
  const assetBoxes = left.assets.map((c) =>
    h(
      'label',
      { class: `check${c.disabled ? ' disabled' : ''}` },
      h('input', { type: 'checkbox', name: 'deliver-asset', value: c.id, checked: c.checked, disabled: c.disabled !== null }),
      ` ${c.label}`,
      c.disabled ? h('small', { class: 'why' }, ` — ${c.disabled}`) : null,
    ),
  );
  const capInputs = left.capabilities.map((k) => ({
    type: k.type,
    input: h('input', {
      type: 'number',
      min: 0,
      max: k.count,
      value: k.count,
      name: `deliver-${k.type}`,
      'aria-label': capabilityLabel(k.type),
    }),
  }));
  const moneyIn = h('input', { type: 'number', name: 'deliver-money', min: 0, max: left.money, value: left.money });
  const form = h(
    'form',
    { class: 'op-deliver', 'aria-label': `Deliver to ${op.title}` },
    assetBoxes.length
      ? [
          h('fieldset', {}, h('legend', {}, 'Assets to deliver'), h('div', { class: 'check-grid' }, ...assetBoxes)),
          where.length > 1
            ? field('They go to', region)
            : where.length === 1
              ? h('p', { class: 'hint' }, `They go to ${regionName(view, where[0]!)}.`)
              : h('p', { class: 'hint' }, 'None of the regions is open to your forces now.'),
        ]
      : null,
    ...capInputs.map((c) => field(`${capabilityLabel(c.type)} (of ${c.input.max})`, c.input)),
    left.money > 0 ? field(`Money (millions, of ${left.money} still due)`, moneyIn) : null,
    h('div', { class: 'row' }, h('button', { type: 'submit', class: 'primary' }, 'Deliver'), slot),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const assets = [...form.querySelectorAll<HTMLInputElement>('input[name=deliver-asset]:checked')].map((i) => i.value);
    void ctx.run(slot, {
      type: 'operation.deliver',
      operation: op.id,
      assets,
      capabilities: capInputs.map((c) => ({ type: c.type, count: Number(c.input.value || 0) })).filter((c) => c.count > 0),
      money: left.money > 0 ? Number(moneyIn.value || 0) : 0,
      ...(assets.length && where.length > 1 ? { region: region.value } : {}),
    });
  });
  return h(
    'details',
    { class: 'op-form', open: true },
    h(
      'summary',
      {},
      `Deliver what we pledged — still due: ${contributionText(view, { ...left, assets: left.assets.map((a) => a.id), undisclosed: 0 })}`,
    ),
    form,
  );
}

function operationCard(view: View, ctx: Ctx, op: Operation): HTMLElement {
  const head = h(
    'header',
    { class: 'op-head' },
    h('h4', {}, op.title),
    h('span', { class: `chip op-status ${op.status}` }, STATUS[op.status].label),
  );
  const lines = [
    h(
      'p',
      { class: 'meta' },
      `Proposed by ${nationName(view, op.proposer)} · turn ${op.turn} · with ${nationsLabel(
        view,
        op.participants.filter((n) => n !== op.proposer),
      )}`,
    ),
    h('p', { class: 'meta' }, `Regions: ${op.regions.map((r) => regionName(view, r)).join(', ')}`),
    h(
      'p',
      { class: 'meta deadline' },
      `Pledges due by the ${describeDeadline(view.exercise, op.pledgeBy)}`,
      op.status === 'pledging' ? [' — ', h('span', { class: 'due', 'data-due': op.id })] : null,
      ` · launch from ${op.launchFrom.phaseLabel}, turn ${op.launchFrom.turn}`,
    ),
  ];
  const outcome = op.outcome ? view.outcomes.find((o) => o.id === op.outcome) : undefined;
  const outcomeLine = outcome
    ? h('p', { class: 'op-outcome' }, h('strong', {}, 'Outcome: '), outcome.title, ` — ${outcome.outcome}`)
    : op.status === 'adjudicated'
      ? h('p', { class: 'meta' }, 'Adjudicated: the outcome was not released to your nation.')
      : null;
  if (!op.full)
    return h(
      'article',
      { class: 'item operation summary', 'data-operation': op.id },
      head,
      ...lines,
      outcomeLine,
      h('p', { class: 'hint' }, 'Your nation is not taking part: only the participants see the pledges.'),
    );

  const reqTable = h(
    'table',
    { class: 'op-reqs' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Needs'), h('th', {}, 'Required'), h('th', {}, 'Pledged'), h('th', {}, 'Delivered'))),
    h(
      'tbody',
      {},
      ...requirementRows(op).map((r) =>
        h(
          'tr',
          { class: r.met ? 'met' : 'short' },
          h('td', {}, r.label),
          h('td', {}, r.need),
          h('td', {}, r.pledged),
          h('td', {}, r.delivered),
        ),
      ),
    ),
  );
  const pledgeTable = h(
    'table',
    { class: 'op-pledges' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Nation'), h('th', {}, 'Pledged'), h('th', {}, 'Delivered'), h('th', {}, 'Status'))),
    h(
      'tbody',
      {},
      ...op.participants.map((n) => {
        const p = op.pledges.find((x) => x.nation === n);
        if (!p)
          return h(
            'tr',
            { class: 'none', 'data-nation': n },
            h('td', {}, nationName(view, n)),
            h('td', { colspan: 3, class: 'meta' }, op.status === 'pledging' ? 'No pledge yet' : 'No pledge'),
          );
        return h(
          'tr',
          { class: `pledge ${p.status}`, 'data-nation': n },
          h(
            'td',
            {},
            nationName(view, n),
            p.author.position ? h('small', { class: 'meta' }, ` ${positionTitle(view, n, p.author.position)}`) : null,
          ),
          h(
            'td',
            {},
            contributionText(view, p.pledged),
            p.note ? h('div', { class: 'note' }, `“${p.note}”`) : null,
            p.amended ? h('small', { class: 'meta' }, ` (amended ${p.amended}×)`) : null,
          ),
          h('td', {}, contributionText(view, p.delivered)),
          h('td', {}, PLEDGE_STATUS[p.status], p.ended?.reason ? h('div', { class: 'meta' }, p.ended.reason) : null),
        );
      }),
    ),
  );
  const controls: (HTMLElement | null)[] = [];
  if (mayAct(ctx) && op.participants.includes(ctx.nation!)) {
    const nation = ctx.nation!;
    const mine = op.pledges.find((p) => p.nation === nation);
    if (op.status === 'pledging' && op.pledgingOpen) controls.push(pledgeForm(view, ctx, op));
    else if (op.status === 'pledging' || op.status === 'closed')
      controls.push(
        h(
          'p',
          { class: 'hint closed-reason' },
          `Pledging is closed: pledges were due by the ${describeDeadline(view.exercise, op.pledgeBy)}.`,
        ),
      );
    if (op.status === 'pledging' || op.status === 'closed') {
      controls.push(deliverForm(view, ctx, op));
      const row = h('div', { class: 'row op-buttons' });
      const slot = statusSlot();
      if (mine && (mine.status === 'pledged' || mine.status === 'delivered')) {
        const after = !op.pledgingOpen;
        row.append(
          h(
            'button',
            {
              type: 'button',
              class: after ? 'danger' : '',
              title: after ? 'After the deadline a withdrawal breaks the pledge' : 'Before the deadline: no penalty',
              onclick: () => void ctx.run(slot, { type: 'operation.withdraw', operation: op.id, reason: '' }),
            },
            after ? 'Withdraw (breaks our pledge)' : 'Withdraw our pledge',
          ),
        );
      }
      if (op.proposer === nation) {
        const launch = launchState(view, op);
        row.append(
          h(
            'button',
            {
              type: 'button',
              class: 'primary launch',
              disabled: !launch.may,
              onclick: () => void ctx.run(slot, { type: 'operation.launch', operation: op.id }),
            },
            'Launch',
          ),
          h(
            'button',
            {
              type: 'button',
              class: 'danger',
              onclick: () => void ctx.run(slot, { type: 'operation.cancel', operation: op.id, reason: '' }),
            },
            'Cancel operation',
          ),
        );
        if (!launch.may)
          controls.push(
            h(
              'div',
              { class: 'launch-unmet' },
              h('strong', {}, 'Launch not yet possible: '),
              h('ul', {}, ...launch.reasons.map((r) => h('li', {}, r))),
            ),
          );
      }
      row.append(slot);
      controls.push(row);
    }
  }
  return h(
    'article',
    { class: `item operation ${op.status}`, 'data-operation': op.id },
    head,
    ...lines,
    h('p', { class: 'meta' }, `${actionTypeLabel(op.actionType)} · rests on ${op.basisLabel ?? 'no treaty or agreement'}`),
    h('p', { class: 'message' }, op.objective),
    outcomeLine,
    reqTable,
    op.status === 'launched' || op.status === 'adjudicated'
      ? h('p', { class: 'meta' }, `Delivered: ${Math.round(op.deliveredShare * 100)}% of what was required.`)
      : null,
    h('div', { class: 'sub' }, 'Pledges'),
    pledgeTable,
    ...controls,
  );
}

function ledgerTable(view: View): HTMLElement {
  const b = view.burden;
  if (!b) return h('div');
  const lines = ledgerLines(view, b);
  return h(
    'section',
    { class: 'ledger' },
    h('h3', {}, 'Burden-sharing ledger'),
    h(
      'p',
      { class: 'hint' },
      `Over the ${b.operations} operation${b.operations === 1 ? '' : 's'} your ${view.audience === 'facilitator' || view.audience === 'evaluator' ? 'white cell sees' : 'nation takes part in'}. Units are assets and capabilities; money in millions. The fair share is GDP × the pledge rate, over the alliance, applied to what was delivered.`,
    ),
    h(
      'table',
      { class: 'ledger-table' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, 'Nation'),
          h('th', {}, 'Pledged'),
          h('th', {}, 'Delivered'),
          h('th', {}, 'Fair share'),
          h('th', {}, 'Balance'),
        ),
      ),
      h(
        'tbody',
        {},
        ...lines.map((l) =>
          h(
            'tr',
            { 'data-nation': l.nation, class: l.standing ?? '' },
            h(
              'td',
              {},
              l.name,
              h('div', { class: 'meta' }, `Rate ${l.rate}`),
              l.broken ? h('div', { class: 'broken-count' }, `${l.broken} broken pledge${l.broken > 1 ? 's' : ''}`) : null,
            ),
            h('td', {}, l.pledged),
            h('td', {}, l.delivered),
            h('td', {}, l.fair),
            h('td', { class: 'balance' }, l.balance),
          ),
        ),
      ),
      h(
        'tfoot',
        {},
        h(
          'tr',
          {},
          h('th', {}, 'Total'),
          h('td', {}, `${b.totals.pledgedUnits} units · ${money(b.totals.pledgedMoney)}`),
          h('td', {}, `${b.totals.deliveredUnits} units · ${money(b.totals.deliveredMoney)}`),
          h('td', { colspan: 2 }),
        ),
      ),
    ),
  );
}

export function operationsPanel(): Panel {
  let viewRef: View | null = null;
  let ctxRef: Ctx | null = null;
  let rendered = '';
  let ticking: ReturnType<typeof setInterval> | null = null;
  const root = h('div', { class: 'operations-board' });
  const propose = proposeForm(
    () => ctxRef,
    () => viewRef,
  );
  const proposeBox = h('details', { class: 'op-new' }, h('summary', {}, 'Propose a joint operation'), propose.el);
  const list = h('div', { class: 'list op-list' });
  const ledger = h('div');
  const heading = h('h3', {}, 'Joint operations');
  const cards = new Map<string, { key: string; el: HTMLElement }>();

  const tick = () => {
    const view = viewRef;
    if (!root.isConnected && ticking !== null) {
      clearInterval(ticking);
      ticking = null;
    }
    if (!root.isConnected || !view) return;
    for (const el of root.querySelectorAll<HTMLElement>('[data-due]')) {
      const op = view.operations.find((x) => x.id === el.dataset.due);
      el.textContent = op ? (dueIn({ deadline: op.pledgeBy }, view.exercise, Date.now()) ?? `opens on turn ${op.pledgeBy.turn}`) : '';
    }
  };

  const render = (view: View, ctx: Ctx) => {
    const groups = byStatus(view.operations);
    const seen = new Set<string>();
    const sections = groups.map((g) =>
      h(
        'section',
        { class: `op-group ${g.status}` },
        h('h4', { class: 'group-head' }, `${g.label} (${g.ops.length})`),
        ...g.ops.map((op) => {
          seen.add(op.id);
          const key = JSON.stringify([
            op,
            ctx.nation,
            ctx.readOnly,
            view.exercise.status,
            view.exercise.phaseIndex,
            view.exercise.turn,
            view.assets.filter((a) => a.owner === ctx.nation),
            view.access,
            op.outcome ? view.outcomes.find((o) => o.id === op.outcome)?.seq : null,
            mayAct(ctx)
              ? view.operations
                  .filter((o) => o.full && o.id !== op.id)
                  .map((o) => [o.id, o.status, o.full ? o.pledges.find((p) => p.nation === ctx.nation) : null])
              : null,
          ]);
          const cached = cards.get(op.id);
          if (cached && cached.key === key) return cached.el;
          const el = operationCard(view, ctx, op);
          cards.set(op.id, { key, el });
          return el;
        }),
      ),
    );
    for (const id of [...cards.keys()]) if (!seen.has(id)) cards.delete(id);
    fill(
      list,
      sections.length
        ? sections
        : [empty(ctx.role === 'nation' ? 'No joint operation yet: propose one to your allies.' : 'No joint operation has been proposed.')],
    );
    fill(ledger, ledgerTable(view));
  };

  return {
    badge(view, ctx) {
      if (ctx.nation === null) return view.operations.filter((o) => o.status === 'launched').length;
      return view.operations.filter(
        (o) =>
          o.full &&
          o.status === 'pledging' &&
          o.pledgingOpen &&
          !o.pledges.some((p) => p.nation === ctx.nation && p.status !== 'withdrawn'),
      ).length;
    },
    mount(el) {
      fill(el, root);
      fill(root, heading, proposeBox, list, ledger);
      rendered = '';
    },
    update(view, ctx) {
      viewRef = view;
      ctxRef = ctx;
      ticking ??= setInterval(tick, 1000);
      proposeBox.hidden = !mayAct(ctx);
      if (!proposeBox.hidden) propose.refresh(view, ctx);
      heading.textContent =
        ctx.nation === null
          ? 'Joint operations (read-only)'
          : ctx.readOnly
            ? `Joint operations of ${nationName(view, ctx.nation)}`
            : 'Joint operations';
      const ex = view.exercise;
      const key = JSON.stringify([
        ctx.nation,
        ctx.role,
        ctx.readOnly,
        ex.turn,
        ex.phaseIndex,
        ex.status,
        view.operations,
        view.burden,
        view.assets.length,
        view.access,
        view.outcomes.length,
      ]);
      if (key !== rendered) {
        rendered = key;
        keepingFocus(root, () => render(view, ctx));
      }
      tick();
    },
  };
}
