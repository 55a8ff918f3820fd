/** Exercise control's console: the clock and phases, and who is online and ready. */
import type { View } from '@concord/shared/views/index';
import type { Presence } from '../../net/session.ts';
import { statusLabel } from '../../format.ts';
import { fill, h } from '../dom.ts';
import { statusSlot, type Ctx, type Panel } from '../panel.ts';

export function controlPanel(): Panel {
  const slot = statusSlot();
  const buttons = h('div', { class: 'button-grid' });
  const teams = h('table', { class: 'teams' });
  const online = h('div', { class: 'online' });
  const dice = h('div', { class: 'row' });
  const lastRollEl = h('p', { class: 'meta last-roll' });
  let presence: Presence[] = [];
  let ctxRef: Ctx | null = null;

  const renderPresence = () => {
    fill(
      online,
      h('h3', {}, `Online (${presence.length})`),
      presence.length
        ? h(
            'ul',
            { class: 'presence' },
            ...presence.map((p) =>
              h(
                'li',
                {},
                h('span', { class: 'dot on' }),
                ` ${p.name} — ${p.role}${p.nation ? ` ${p.nation}` : ''}${p.position ? ` (${p.position})` : ''}`,
              ),
            ),
          )
        : h('p', { class: 'empty' }, 'Nobody else is connected.'),
    );
  };

  return {
    mount(root, ctx) {
      ctxRef = ctx;
      ctx.session.onPresence((p) => {
        presence = p;
        renderPresence();
      });
      presence = ctx.session.presence;
      renderPresence();
      fill(
        root,
        h('h3', {}, 'Clock and phases'),
        buttons,
        slot,
        h('h3', {}, 'Teams'),
        teams,
        online,
        h('h3', {}, 'Dice'),
        dice,
        lastRollEl,
      );
    },
    update(view: View, ctx: Ctx) {
      ctxRef = ctx;
      const ex = view.exercise;
      const run = (draft: Parameters<Ctx['run']>[1]) => () => void ctx.run(slot, draft);
      const phaseLabel = ex.phases.find((p) => p.id === ex.phase)?.label ?? '—';
      const last = ex.turn === ex.turns && ex.phaseIndex === ex.phases.length - 1;
      dice.hidden = ctx.readOnly;
      fill(
        buttons,
        h(
          'p',
          { class: 'meta wide' },
          `${statusLabel(ex.status)} · turn ${ex.turn}/${ex.turns} · ${phaseLabel} · auto-advance ${ex.autoAdvance ? 'on' : 'off'}`,
        ),
        ctx.readOnly
          ? null
          : ex.status === 'setup'
            ? h('button', { class: 'primary', onclick: run({ type: 'exercise.start' }) }, 'Start exercise')
            : null,
        !ctx.readOnly && (ex.status === 'running' || ex.status === 'paused')
          ? [
              h(
                'button',
                {
                  class: 'primary',
                  disabled: last,
                  onclick: run({ type: 'phase.advance', expect: { turn: ex.turn, phase: ex.phase ?? 'brief' } }),
                },
                ex.phaseIndex === ex.phases.length - 1
                  ? `Start turn ${ex.turn + 1}`
                  : `Next phase: ${ex.phases[ex.phaseIndex + 1]?.label ?? ''}`,
              ),
              ex.status === 'running'
                ? h('button', { onclick: run({ type: 'exercise.pause', reason: 'Paused by exercise control' }) }, 'Pause')
                : h('button', { class: 'primary', onclick: run({ type: 'exercise.resume' }) }, 'Resume'),
              h(
                'button',
                {
                  role: 'switch',
                  'aria-checked': ex.autoAdvance ? 'true' : 'false',
                  class: ex.autoAdvance ? 'switch on' : 'switch',
                  title: ex.autoAdvance
                    ? 'On: each phase ends by itself at its deadline. Click to end phases yourself.'
                    : 'Off: a phase ends only when you move on. Click to let phases end by themselves at their deadline.',
                  onclick: run({ type: 'clock.auto', on: !ex.autoAdvance }),
                },
                `Auto-advance: ${ex.autoAdvance ? 'on' : 'off'}`,
              ),
              h('button', { onclick: run({ type: 'phase.extend', minutes: 5 }) }, '+5 min'),
              h('button', { onclick: run({ type: 'phase.extend', minutes: 15 }) }, '+15 min'),
              h('button', { onclick: run({ type: 'phase.restart' }) }, 'Repeat phase'),
              h(
                'button',
                {
                  class: 'danger',
                  onclick: () => {
                    if (confirm('End the exercise (ENDEX)? Nothing more can be played.'))
                      void ctx.run(slot, { type: 'exercise.end', reason: 'ENDEX' });
                  },
                },
                'End exercise',
              ),
            ]
          : null,
      );
      const submitted = (n: string) => view.actions.filter((a) => a.nation === n && a.turn === ex.turn && a.status !== 'withdrawn').length;
      const connected = (n: string) => presence.filter((p) => p.nation === n && p.role === 'nation').length;
      fill(
        teams,
        h('thead', {}, h('tr', {}, h('th', {}, 'Nation'), h('th', {}, 'Online'), h('th', {}, 'Ready'), h('th', {}, 'Actions this turn'))),
        h(
          'tbody',
          {},
          ...view.nations.map((n) =>
            h(
              'tr',
              { 'data-nation': n.id },
              h('td', {}, h('span', { class: 'swatch', style: `background:${n.colour}` }), ` ${n.name}`),
              h('td', {}, connected(n.id) ? `${connected(n.id)}` : '—'),
              h('td', {}, n.ready ? '✔ ready' : '…'),
              h('td', {}, String(submitted(n.id))),
            ),
          ),
        ),
      );
      if (!dice.childElementCount) {
        const ds = statusSlot();
        const purpose = h('input', { type: 'text', placeholder: 'What the roll decides', 'aria-label': 'Roll purpose', maxlength: 200 });
        fill(
          dice,
          purpose,
          h(
            'button',
            {
              onclick: () =>
                ctxRef && void ctxRef.run(ds, { type: 'dice.roll', sides: 100, count: 1, purpose: purpose.value || 'Adjudication roll' }),
            },
            'Roll d100',
          ),
          ds,
        );
      }
      const lastRoll = (view.control?.rolls ?? []).at(-1);
      lastRollEl.textContent = lastRoll
        ? `Last roll: ${lastRoll.results.join(', ')} on d${lastRoll.sides} — ${lastRoll.purpose} (turn ${lastRoll.turn})`
        : 'No dice rolled yet.';
    },
  };
}
