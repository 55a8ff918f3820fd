/**
 * The exercise screen every role shares: the banner (always shown), the turn bar with its
 * countdown, the connection indicator, the map with its legend and region card, and the side
 * panels that panels/registry.ts gives the audience on screen.
 */
import type { View } from '@concord/shared/views/index';
import type { Session, Link } from '../net/session.ts';
import { countdown, gameClock, gameTime, phaseEnds, statusLabel } from '../format.ts';
import { gameTimeAt } from '@concord/shared/gameclock';
import { fill, h } from './dom.ts';
import { seatLabel } from './labels.ts';
import { runInto, statusSlot, type Ctx } from './panel.ts';
import { audienceOf, isReadOnly, loadTabs, type Tab } from './panels/registry.ts';
import { regionCard } from './region-card.ts';
import type { LegendItem, MapHandle } from '../scenes/map.ts';

declare global {
  interface Window {
    __concord?: { view(): View | null; role: string; nation: string | null; seq(): number };
  }
}

export async function mountShell(root: HTMLElement, session: Session, onLeave: () => void): Promise<void> {
  const info = session.info;
  const role = info.role;
  const bannerTop = h('div', { class: 'banner', role: 'banner' });
  const bannerBottom = h('div', { class: 'banner bottom', 'aria-hidden': 'true' });
  const turnInfo = h('div', { class: 'turn', 'aria-live': 'polite' });
  const timer = h('div', { class: 'timer', title: 'Time left in this phase' });
  const phaseEnd = h('div', { class: 'phase-end' });
  const link = h('div', { class: 'link', role: 'status' });
  const readySlot = statusSlot();
  const readyBtn = h('button', { class: 'ready' }, 'Mark ready');
  const viewAs = h('select', { 'aria-label': 'View as', class: 'view-as' });
  const seat = seatLabel(session.view(), info);
  const who = h(
    'div',
    { class: 'who', title: `${info.displayName} · ${seat}` },
    h('span', { class: 'who-name' }, info.displayName),
    h('span', { class: 'who-seat' }, seat),
  );
  const leave = h(
    'button',
    {
      class: 'link',
      onclick: () => {
        if (confirm('Leave this exercise on this device? You will need your code to come back.')) void session.leave().then(onLeave);
      },
    },
    'Leave',
  );
  const mapEl = h('div', { class: 'map', 'aria-label': 'Exercise map' });
  const legend = h('details', { class: 'legend', 'aria-label': 'Legend' });
  const card = h('aside', { class: 'region-card', hidden: true, 'aria-live': 'polite' });
  const zoom = h('div', { class: 'zoom' });
  const tabs = h('nav', { class: 'tabs', role: 'tablist', 'aria-label': 'Panels' });
  const panelEl = h('div', { class: 'panel', role: 'tabpanel' });
  const side = h('aside', { class: 'side' }, tabs, panelEl);
  fill(
    root,
    h(
      'div',
      { class: `app role-${role}` },
      bannerTop,
      h(
        'div',
        { class: 'topbar' },
        h('div', { class: 'brand' }, 'Concord'),
        turnInfo,
        h('div', { class: 'clock' }, timer, phaseEnd),
        role === 'nation' ? h('div', { class: 'ready-wrap' }, readyBtn, readySlot) : null,
        role === 'facilitator' || role === 'evaluator' ? viewAs : null,
        link,
        who,
        leave,
      ),
      h('main', {}, h('section', { class: 'map-pane' }, mapEl, legend, zoom, card), side),
      bannerBottom,
    ),
  );

  let viewingAs: string | null = null; // null or 'control' = own view
  let shown: View | null = session.view();
  let selected: string | null = null;
  let panels: Tab[] = [];
  let active = 0;
  const mounted = new Map<string, HTMLElement>();
  /** Where each tab was scrolled to when it was left: the side panel's one scroll area is shared by every tab. */
  const scrolls = new Map<string, number>();
  let map: MapHandle | null = null;

  const ctx = (): Ctx => ({
    session,
    role,
    nation: viewingAs && viewingAs !== 'control' && viewingAs !== 'public' ? viewingAs : info.nation,
    readOnly: isReadOnly(audienceOf(role, viewingAs)),
    selectRegion: (id) => {
      selected = id;
      map?.select(id);
      renderCard();
    },
    run: (slot, draft) => runInto(session, slot, draft),
  });

  const renderLink = (l: Link) => {
    const labels: Record<Link, string> = {
      connecting: 'Connecting…',
      online: 'Connected',
      reconnecting: 'Reconnecting…',
      offline: 'Offline',
    };
    link.className = `link ${l}`;
    fill(link, h('span', { class: 'dot' }), ` ${labels[l]}`);
  };
  renderLink(session.link);
  session.onLink(renderLink);

  const renderTabs = () => {
    const view = shown;
    if (!view) return;
    const c = ctx();
    fill(
      tabs,
      ...panels.map((t, i) => {
        const n = t.panel.badge?.(view, c) ?? 0;
        return h(
          'button',
          {
            role: 'tab',
            id: `tab-${t.id}`,
            class: i === active ? 'on' : '',
            'aria-selected': i === active ? 'true' : 'false',
            'data-panel': t.id,
            onclick: () => activate(i),
          },
          t.label,
          n ? h('span', { class: 'count', 'aria-label': `${n} new` }, String(n)) : null,
        );
      }),
    );
  };

  const activate = (i: number) => {
    const was = panels[active];
    if (was && mounted.get(was.id)?.isConnected) scrolls.set(was.id, panelEl.scrollTop);
    active = i;
    const t = panels[i];
    if (!t) return;
    let el = mounted.get(t.id);
    if (!el) {
      el = h('div', { class: `panel-body panel-${t.id}` });
      t.panel.mount(el, ctx());
      mounted.set(t.id, el);
    }
    fill(panelEl, el);
    if (shown) t.panel.update(shown, ctx());
    // A tab opens where it was left, or at its top: not at the scroll of the tab before it.
    panelEl.scrollTop = scrolls.get(t.id) ?? 0;
    renderTabs();
  };

  const gameNow = h('span', { class: 'gametime' });
  const renderTop = () => {
    if (!shown) return;
    const ex = shown.exercise;
    fill(bannerTop, shown.exercise.banner);
    fill(bannerBottom, shown.exercise.banner);
    const phase = ex.phases.find((p) => p.id === ex.phase);
    fill(
      turnInfo,
      h('strong', {}, ex.title),
      ex.turn ? ` · Turn ${ex.turn} of ${ex.turns} · ` : ' · ',
      h('span', { class: `phase ${ex.status}` }, ex.turn ? (phase?.label ?? '') : statusLabel(ex.status)),
      ex.status === 'paused' ? h('span', { class: 'paused' }, ' PAUSED') : null,
      ex.status === 'ended' ? h('span', { class: 'paused' }, ' ENDEX') : null,
      ex.turn ? gameNow : null,
    );
    if (info.nation) {
      const me = shown.nations.find((n) => n.id === info.nation);
      readyBtn.textContent = me?.ready ? '✔ Ready — undo' : 'Mark ready';
      readyBtn.classList.toggle('on', me?.ready === true);
      readyBtn.onclick = () => void runInto(session, readySlot, { type: 'nation.ready', ready: !me?.ready });
      readyBtn.disabled = ex.status !== 'running';
    }
    tick();
  };

  const tick = () => {
    if (!timer.isConnected && ticking !== null) {
      clearInterval(ticking);
      ticking = null;
      return;
    }
    if (!shown) return;
    const ex = shown.exercise;
    timer.textContent =
      ex.status === 'running' || ex.status === 'paused'
        ? countdown(ex.deadline, Date.now(), ex.status === 'paused' ? ex.pausedAt : null)
        : '';
    timer.classList.toggle('late', ex.deadline !== null && ex.status === 'running' && Date.now() > ex.deadline);
    phaseEnd.textContent = phaseEnds(ex);
    // The game clock runs with the phase, and stands still while paused.
    const at = ex.status === 'paused' && ex.pausedAt !== null ? ex.pausedAt : Date.now();
    gameNow.textContent = ` · ${gameClock(ex, at) || gameTime(ex.gameTime)}`;
    gameNow.title = `Game time: ${gameTime(gameTimeAt(ex, ex.timeline, at) ?? ex.gameTime)}`;
  };
  let ticking: ReturnType<typeof setInterval> | null = setInterval(tick, 1000);

  const renderCard = () => {
    if (!shown || !selected) {
      card.hidden = true;
      return;
    }
    card.hidden = false;
    // The same region gives back the same card: leave it in place, so a form in it keeps its focus.
    const el = regionCard(shown, selected, () => ctx().selectRegion(null), ctx());
    if (card.firstElementChild !== el) fill(card, el);
  };

  // The legend follows what the map shows (agreements and basing rights come and go).
  let legendFor = '';
  let legendOf: ((view: View) => LegendItem[]) | null = null;
  const renderLegend = () => {
    if (!shown || !legendOf) return;
    const items = legendOf(shown);
    const key = JSON.stringify(items);
    if (key === legendFor) return;
    legendFor = key;
    fill(
      legend,
      h('summary', {}, 'Legend'),
      h(
        'ul',
        {},
        ...items.map((l) =>
          h(
            'li',
            { class: `lg-${l.kind}` },
            l.colour || l.swatch ? h('span', { class: 'swatch', style: `background:${l.swatch ?? l.colour}` }) : null,
            l.glyph ? h('span', { class: 'glyph' }, l.glyph) : null,
            ` ${l.label}`,
          ),
        ),
      ),
    );
  };

  const render = () => {
    if (!shown) return;
    renderTop();
    panels[active]?.panel.update(shown, ctx());
    renderTabs();
    renderCard();
    map?.update(shown);
    renderLegend();
    window.__concord = { view: () => shown, role, nation: ctx().nation, seq: () => shown?.exercise.seq ?? 0 };
  };

  let generation = 0;
  const setPanels = async () => {
    const mine = ++generation;
    const loaded = await loadTabs(audienceOf(role, viewingAs));
    if (mine !== generation) return; // a later "view as" choice won
    panels = loaded;
    mounted.clear();
    scrolls.clear();
    active = 0;
    activate(0);
  };

  // "View as": control and evaluators can look through any audience's eyes, read-only.
  if (role === 'facilitator' || role === 'evaluator') {
    const refreshOptions = () => {
      if (!shown || viewAs.options.length) return;
      fill(
        viewAs,
        h('option', { value: 'control' }, 'View: exercise control'),
        ...shown.nations.map((n) => h('option', { value: n.id }, `View as ${n.name}`)),
        h('option', { value: 'public' }, 'View as the public'),
      );
    };
    refreshOptions();
    viewAs.addEventListener('change', () => {
      viewingAs = viewAs.value === 'control' ? null : viewAs.value;
      void setPanels().then(refreshView);
    });
    session.mirror.onChange(() => refreshOptions());
  }

  let pending = false;
  const refreshView = async () => {
    if (viewingAs === null) {
      shown = session.view();
      render();
      return;
    }
    if (pending) return;
    pending = true;
    const r = await session.requestView(viewingAs === 'public' ? 'observer' : viewingAs);
    pending = false;
    if (r.ok) {
      shown = r.view;
      render();
    }
  };
  session.mirror.onChange(() => void refreshView());

  await setPanels();
  render();

  // The map arrives a moment later: Phaser is loaded on demand.
  fill(
    zoom,
    h('button', { 'aria-label': 'Zoom in', onclick: () => map?.zoomBy(1.25) }, '+'),
    h('button', { 'aria-label': 'Zoom out', onclick: () => map?.zoomBy(0.8) }, '−'),
    h('button', { 'aria-label': 'Fit map', onclick: () => map?.fit() }, '⤢'),
  );
  const { createMap, legendItems } = await import('../scenes/map.ts');
  map = await createMap(mapEl, { onSelect: (id) => ctx().selectRegion(id) });
  legendOf = legendItems;
  if (shown) {
    map.update(shown);
    renderLegend();
  }
}
