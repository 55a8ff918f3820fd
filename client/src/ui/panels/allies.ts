/**
 * A nation's "Allies" tab: the adversary's escalation as the scenario shows it, and, ally by ally,
 * what that ally chose to show: the actions it shared with the alliance (this turn and before),
 * the agreements in force or published that it is party to, the positions it stated in the
 * consultations this nation sits in, its joint operations and pledges, and the trust between the two if the scenario shows it.
 */
import type { View } from '@concord/shared/views/index';
import { gameClock } from '../../format.ts';
import { fill, h } from '../dom.ts';
import { actionTypeLabel, nationName, regionName } from '../labels.ts';
import { empty, type Ctx, type Panel } from '../panel.ts';
import { escalationWidget, trendBadge } from './escalation-widget.ts';
import { trustBand } from './cohesion-matrix.ts';
import { contributionText, PLEDGE_STATUS, STATUS as OP_STATUS, type Operation } from './operations-model.ts';

const STANCE = { support: 'Supports', oppose: 'Opposes', abstain: 'Abstains' } as const;
const STATUS = { in_force: 'in force', suspended: 'suspended' } as const;

function allyCard(view: View, me: string, ally: string): HTMLElement {
  const turn = view.exercise.turn;
  const shared = view.actions.filter((a) => a.nation === ally && 'ally' in a).sort((x, y) => y.seq - x.seq);
  const now = shared.filter((a) => a.turn === turn);
  const before = shared.filter((a) => a.turn !== turn);
  const agreements = view.agreements.filter(
    (a) =>
      a.parties.includes(ally) &&
      (((a.status === 'in_force' || a.status === 'suspended') && a.parties.includes(me)) || a.published !== null),
  );
  const positions = view.consultations.flatMap((c) => {
    const v = c.positions[ally];
    return v && c.members.includes(me) ? [{ c, v }] : [];
  });
  // The operations the ally proposed or takes part in, as this nation sees them: in full where it
  // takes part too (with the ally's pledge), otherwise their title, status and regions.
  const ops = view.operations.filter((o) => o.participants.includes(ally)).reverse();
  const operationItem = (o: Operation) => {
    const pledge = o.full ? o.pledges.find((p) => p.nation === ally) : undefined;
    return h(
      'li',
      { 'data-operation': o.id },
      h('strong', {}, o.title),
      o.proposer === ally ? ' — proposed' : '',
      ` · ${o.regions.map((r) => regionName(view, r)).join(', ')}`,
      h('span', { class: 'meta' }, ` · ${OP_STATUS[o.status].label}`),
      pledge
        ? h(
            'div',
            { class: 'meta' },
            `Pledged ${contributionText(view, pledge.pledged) || 'nothing'} · delivered ${contributionText(view, pledge.delivered) || 'nothing'} (${PLEDGE_STATUS[pledge.status]})`,
          )
        : o.full
          ? h('div', { class: 'meta' }, 'No pledge')
          : null,
    );
  };
  const pair = view.cohesion?.pairs.find((p) => (p.a === me && p.b === ally) || (p.b === me && p.a === ally));
  const actionItem = (a: (typeof shared)[number]) =>
    h(
      'li',
      { 'data-action': a.id },
      h('strong', {}, a.title),
      ` — ${actionTypeLabel(a.type)}`,
      a.regions.length ? ` · ${a.regions.map((r) => regionName(view, r)).join(', ')}` : '',
      h(
        'span',
        { class: 'meta' },
        ` · T${a.turn}${a.status === 'withdrawn' ? ' · withdrawn' : a.status === 'adjudicated' ? ' · adjudicated' : ''}`,
      ),
    );
  return h(
    'article',
    { class: 'item ally', 'data-ally': ally },
    h(
      'header',
      { class: 'row' },
      h('h4', {}, nationName(view, ally)),
      pair
        ? h(
            'span',
            { class: 'ally-trust' },
            'Trust ',
            pair.value !== undefined ? h('strong', { class: `trust band-${trustBand(pair.value)}` }, String(pair.value)) : null,
            ' ',
            trendBadge(pair.trend),
          )
        : null,
    ),
    h('h5', {}, 'Shared actions this turn'),
    now.length ? h('ul', {}, ...now.map(actionItem)) : empty('None shared this turn.'),
    before.length
      ? h('details', {}, h('summary', {}, `Earlier shared actions (${before.length})`), h('ul', {}, ...before.map(actionItem)))
      : null,
    h('h5', {}, 'Joint operations'),
    ops.length ? h('ul', {}, ...ops.map(operationItem)) : empty('No joint operation with this ally.'),
    h('h5', {}, 'Agreements'),
    agreements.length
      ? h(
          'ul',
          {},
          ...agreements.map((a) =>
            h(
              'li',
              { 'data-agreement': a.id },
              a.title,
              h(
                'span',
                { class: 'meta' },
                ` · ${a.status === 'in_force' || a.status === 'suspended' ? STATUS[a.status] : a.status}${a.published ? ' · published' : ''}`,
              ),
            ),
          ),
        )
      : empty('No agreement in force or published with this ally.'),
    h('h5', {}, 'Positions in consultations'),
    positions.length
      ? h(
          'ul',
          {},
          ...positions.map(({ c, v }) =>
            h(
              'li',
              { 'data-consultation': c.id },
              h('strong', {}, `${STANCE[v.stance]} `),
              `${c.article} ${c.clauseTitle} (${c.treatyName})`,
              v.statement ? ` — “${v.statement}”` : '',
              h('span', { class: 'meta' }, ` · ${gameClock(view.exercise, v.at)}`),
            ),
          ),
        )
      : empty('No position stated in your consultations.'),
  );
}

export function alliesPanel(): Panel {
  const ladder = escalationWidget();
  const list = h('div', { class: 'list allies' });
  return {
    mount(root) {
      fill(root, ladder.root, h('h3', {}, 'Allies'), list);
    },
    update(view: View, ctx: Ctx) {
      ladder.update(view, ctx);
      ladder.root.hidden = view.escalation === null;
      const me = ctx.nation;
      if (me === null) return fill(list, empty('Allies are shown to nation teams.'));
      const allies = (view.allies ?? []).map((a) => a.nation);
      fill(list, allies.length ? allies.map((ally) => allyCard(view, me, ally)) : empty('No allies in this scenario.'));
    },
  };
}
