/**
 * The details of a selected region: who holds it, how stable it is, what is there, what happened.
 * For a nation in the submission phase, its own ready assets there can deploy to another region:
 * the destinations are listed by name with the basis for each, closed ones shown with why
 * (deploy-model.ts labels them; the server decides).
 */
import type { View } from '@concord/shared/views/index';
import { channelLabel } from '../format.ts';
import { field, fill, h } from './dom.ts';
import { nationName, regionName } from './labels.ts';
import { statusSlot, type Ctx } from './panel.ts';
import { keepingFocus } from './keep-focus.ts';
import { basisLabel, cannotDeploy, deployPhaseNote, destinations, hostBasis } from './deploy-model.ts';

type Asset = View['assets'][number];
type Child = Parameters<typeof fill>[1];

/** One card per region, kept while that region stays selected so that a half-filled form survives new views. */
interface Card {
  region: string;
  el: HTMLElement;
  info: HTMLElement;
  deploy: HTMLElement;
  history: HTMLElement;
  /** The asset whose deployment form is open. */
  asset: string | null;
  form: DeployForm | null;
  /** What the last deployment from this card did, until the card closes. */
  done: string | null;
  /** What the card last showed, to leave it alone when a view changes nothing on it. */
  key: string;
  /** The latest arguments, for a re-render the card starts itself. */
  view: View;
  ctx: Ctx | null;
  close: () => void;
}
let card: Card | null = null;

interface DeployForm {
  asset: string;
  el: HTMLElement;
  refresh(view: View, ctx: Ctx): void;
}

function deployForm(asset: Asset, from: string, close: (done: string | null) => void, getCtx: () => Ctx | null): DeployForm {
  const slot = statusSlot();
  const to = h('select', { name: 'region', 'aria-label': 'Destination' });
  const basis = h('p', { class: 'hint deploy-basis' });
  const note = h('input', { type: 'text', name: 'note', maxlength: 500, placeholder: 'Optional: why, for the log' });
  const go = h('button', { type: 'submit', class: 'primary' }, 'Deploy');
  const closed = h('details', { class: 'closed-list' });
  const el = h(
    'form',
    { class: 'deploy-form', 'aria-label': `Deploy ${asset.name}` },
    h('h4', {}, `Deploy ${asset.name}`),
    field('To', to),
    basis,
    closed,
    field('Note', note),
    h(
      'div',
      { class: 'row' },
      go,
      h(
        'button',
        {
          type: 'button',
          onclick: () => close(null),
        },
        'Cancel',
      ),
      slot,
    ),
  );
  let key = '';
  let viewRef: View | null = null;
  const showBasis = () => {
    const opt = to.selectedOptions[0];
    basis.textContent = opt?.dataset.why ? `Basis: ${opt.dataset.why}` : '';
  };
  to.addEventListener('change', showBasis);
  el.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const ctx = getCtx();
    const view = viewRef;
    if (!ctx || !view) return;
    if (!to.value) {
      slot.className = 'status-slot error';
      fill(slot, h('strong', {}, 'Refused: '), 'Choose a destination open to your forces.', h('span', { class: 'code' }, ' (region)'));
      return;
    }
    const dest = to.value;
    const why = to.selectedOptions[0]?.dataset.why ?? '';
    void ctx.run(slot, { type: 'asset.deploy', asset: asset.id, region: dest, note: note.value }).then((r) => {
      if (r.ok) close(`${asset.name} deployed to ${regionName(view, dest)} (${why}).`);
    });
  });
  return {
    asset: asset.id,
    el,
    refresh(view, ctx) {
      viewRef = view;
      const list = ctx.nation ? destinations(view, ctx.nation, from) : [];
      const k = JSON.stringify(list);
      if (k === key) return;
      key = k;
      const keep = to.value;
      const open = list.filter((d) => d.open);
      const shut = list.filter((d) => !d.open);
      fill(
        to,
        h('option', { value: '' }, open.length ? 'Choose a destination' : 'No region is open to your forces'),
        open.length
          ? h(
              'optgroup',
              { label: 'Open to your forces' },
              ...open.map((d) => h('option', { value: d.region, 'data-why': d.why }, `${d.name} — ${d.why}`)),
            )
          : null,
        shut.length
          ? h('optgroup', { label: 'Closed' }, ...shut.map((d) => h('option', { value: d.region, disabled: true }, `${d.name} — ${d.why}`)))
          : null,
      );
      if (open.some((d) => d.region === keep)) to.value = keep;
      showBasis();
      fill(
        closed,
        shut.length
          ? [
              h('summary', {}, `Closed to your forces (${shut.length})`),
              h('ul', {}, ...shut.map((d) => h('li', {}, h('strong', {}, d.name), `: ${d.why}`))),
            ]
          : null,
      );
      closed.hidden = shut.length === 0;
    },
  };
}

function info(view: View, id: string, close: () => void, ctx: Ctx | null, open: (asset: string) => void, form: DeployForm | null): Child[] {
  const r = view.map.regions.find((x) => x.id === id);
  if (!r) return [h('div', {}, 'Unknown region')];
  const owner = r.controller === null ? 'Contested / none' : nationName(view, r.controller);
  const assets = view.assets.filter((a) => a.region === id);
  const mayDeploy = ctx !== null && ctx.role === 'nation' && !ctx.readOnly && ctx.nation !== null;
  const phaseNote = mayDeploy ? deployPhaseNote(view) : null;
  const me = ctx?.nation ?? null;
  const host = r.controller;
  const allied = host !== null && view.nations.some((n) => n.id === host);
  // Whose forces may enter, and on what basis: the viewer's own (for this very region); on the
  // viewer's own region, the allies it admits; for control, every ally the host admits.
  const users = !allied
    ? []
    : me === null || host === me
      ? view.nations.filter((n) => n.id !== host)
      : view.nations.filter((n) => n.id === me);
  const opened = users.flatMap((u) => {
    const basis = host === null ? null : hostBasis(view, u.id, host, id);
    return basis ? [{ user: u.id, basis }] : [];
  });
  return [
    h('button', { class: 'close link', 'aria-label': 'Close', onclick: close }, '✕'),
    h('h3', {}, r.name),
    h('p', { class: 'meta' }, `${r.domain} · ${owner}${r.population ? ` · ${r.population.toLocaleString()}k people` : ''}`),
    h(
      'div',
      { class: 'stability', title: `Stability ${r.stability}/100` },
      h('span', { style: `width:${r.stability}%` }),
      h('em', {}, `Stability ${r.stability}`),
    ),
    r.infrastructure.length
      ? h('p', { class: 'meta' }, `Infrastructure: ${r.infrastructure.map((i) => i.replace(/_/g, ' ')).join(', ')}`)
      : null,
    opened.length
      ? h(
          'p',
          { class: 'access-note' },
          me !== null && host !== me
            ? `Open to your forces: ${basisLabel(view, opened[0]!.basis, id)}.`
            : `Open to ${opened.map((a) => `${nationName(view, a.user)} (${basisLabel(view, a.basis, id)})`).join('; ')}.`,
        )
      : null,
    h('h4', {}, `Assets (${assets.length})`),
    assets.length
      ? h(
          'ul',
          { class: 'assets' },
          ...assets.map((a) => {
            const own = mayDeploy && a.owner === ctx.nation;
            const why = own ? (phaseNote ?? cannotDeploy(view, a)) : null;
            return h(
              'li',
              { 'data-asset': a.id },
              h(
                'div',
                { class: 'asset-line' },
                h('span', { class: 'asset-name' }, a.name),
                own && form?.asset !== a.id
                  ? h(
                      'button',
                      {
                        type: 'button',
                        class: 'deploy',
                        disabled: why !== null,
                        title: why ?? `Deploy ${a.name} to another region`,
                        onclick: () => open(a.id),
                      },
                      'Deploy…',
                    )
                  : null,
              ),
              h(
                'small',
                { class: 'meta' },
                `${nationName(view, a.owner)} · ${a.type.replace(/_/g, ' ')} · strength ${a.strength} · ${a.readiness.replace('_', ' ')}${a.hidden ? ' · hidden' : ''}`,
                own && why && why !== phaseNote ? ` · ${why}` : '',
              ),
              form?.asset === a.id ? form.el : null,
            );
          }),
        )
      : h('p', { class: 'empty' }, 'None known.'),
    mayDeploy && phaseNote && assets.some((a) => a.owner === ctx.nation) ? h('p', { class: 'hint' }, phaseNote) : null,
  ];
}

/** The card's lower part: deployments this turn and recent events. */
function history(view: View, id: string): Child[] {
  const moves = view.deployments.filter((d) => d.turn === view.exercise.turn && (d.to === id || d.from === id)).reverse();
  const injects = view.injects
    .filter((x) => x.regions.includes(id))
    .slice(-5)
    .reverse();
  const actions = view.actions
    .filter((a) => a.regions.includes(id))
    .slice(-5)
    .reverse();
  const outcomes = view.outcomes
    .filter((o) => o.effects.some((e) => (e.kind === 'region' ? e.region === id : e.region === id)))
    .slice(-5)
    .reverse();
  return [
    moves.length
      ? [
          h('h4', {}, 'Deployments this turn'),
          h(
            'ul',
            {},
            ...moves.map((d) =>
              h(
                'li',
                {},
                `${view.assets.find((a) => a.id === d.asset)?.name ?? 'An asset'}: ${regionName(view, d.from)} → ${regionName(view, d.to)} (${basisLabel(view, d.basis, d.to)})`,
              ),
            ),
          ),
        ]
      : null,
    injects.length || actions.length || outcomes.length ? h('h4', {}, 'Recent events') : null,
    h(
      'ul',
      {},
      ...injects.map((x) => h('li', {}, `${channelLabel(x.channel)}: ${x.subject}`)),
      ...actions.map((a) => h('li', {}, `Action (${nationName(view, a.nation)}): ${a.title}`)),
      ...outcomes.map((o) => h('li', {}, `Outcome: ${o.title}`)),
    ),
  ];
}

/**
 * The card for a region. The same element comes back for the same region, so the shell can
 * leave it in place (and a form in it keeps its focus and values) while views arrive.
 */
export function regionCard(view: View, id: string, close: () => void, ctx: Ctx | null = null): HTMLElement {
  // A new card for another region, or for one shown again after the card was closed.
  if (card?.region !== id || card.el.closest('[hidden]') !== null) {
    const infoEl = h('div', { class: 'region-info' });
    const deployEl = h('div', { class: 'region-deploy' });
    const historyEl = h('div', { class: 'region-history' });
    card = {
      region: id,
      el: h('div', { 'data-region': id }, infoEl, deployEl, historyEl),
      info: infoEl,
      deploy: deployEl,
      history: historyEl,
      asset: null,
      form: null,
      done: null,
      key: '',
      view,
      ctx,
      close,
    };
  }
  const c = card;
  c.view = view;
  c.ctx = ctx;
  c.close = close;
  const rerender = () => regionCard(c.view, id, c.close, c.ctx);
  const openForm = (asset: string) => {
    c.asset = asset;
    c.done = null;
    rerender();
    c.form?.el.scrollIntoView({ block: 'end' });
    c.form?.el.querySelector('select')?.focus();
  };
  const asset = c.asset === null ? undefined : view.assets.find((a) => a.id === c.asset && a.region === id);
  const mayDeploy = ctx !== null && ctx.role === 'nation' && !ctx.readOnly && asset?.owner === ctx.nation;
  if (!asset || !mayDeploy) {
    c.asset = null;
    c.form = null;
  } else if (c.form?.asset !== asset.id) {
    c.form = deployForm(
      asset,
      id,
      (done) => {
        c.asset = null;
        c.form = null;
        c.done = done;
        rerender();
      },
      () => c.ctx,
    );
  }
  if (c.form && ctx) c.form.refresh(view, ctx);
  const key = JSON.stringify([
    view.map.regions.filter((r) => r.id === id).map((r) => [r.name, r.controller, r.stability]),
    view.assets.filter((a) => a.region === id),
    view.deployments.filter((d) => d.turn === view.exercise.turn),
    [view.exercise.turn, view.exercise.phase, view.exercise.status],
    view.agreements.map((a) => [a.id, a.status, a.title, a.bound]),
    view.consultations.map((x) => [x.id, x.status]),
    view.injects.filter((x) => x.regions.includes(id)).map((x) => x.id),
    view.actions.filter((a) => a.regions.includes(id)).map((a) => [a.id, a.title]),
    view.outcomes.length,
    ctx ? [ctx.role, ctx.nation, ctx.readOnly] : null,
    c.form?.asset ?? null,
    c.done,
  ]);
  if (key !== c.key) {
    c.key = key;
    const form = c.form;
    keepingFocus(c.el, () => {
      fill(c.info, ...info(view, id, close, ctx, openForm, form));
      fill(c.deploy, c.done ? h('p', { class: 'status-slot ok deploy-done', role: 'status' }, c.done) : null);
      fill(c.history, ...history(view, id));
    });
  }
  return c.el;
}
