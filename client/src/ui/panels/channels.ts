/**
 * Channels between nations: bilateral (two members) or multilateral. A nation sees its own; exercise
 * control sees all of them and can write into any as a persona.
 */
import type { View } from '@concord/shared/views/index';
import { channelTitle, clock } from '../../format.ts';
import { field, fill, h, select } from '../dom.ts';
import { empty, statusSlot, type Ctx, type Panel } from '../panel.ts';

const READ_KEY = 'concord.read';

function readMarks(): Record<string, number> {
  try {
    return JSON.parse(localStorage.getItem(READ_KEY) ?? '{}') as Record<string, number>;
  } catch {
    return {};
  }
}

export function channelsPanel(): Panel {
  let current: string | null = null;
  const list = h('nav', { class: 'channel-list', 'aria-label': 'Channels' });
  const thread = h('div', { class: 'thread', role: 'log', 'aria-live': 'polite' });
  const slot = statusSlot();
  const checks = h('fieldset', { class: 'checks' }, h('legend', {}, 'To'));
  const personaSelect = select([]);
  const personaField = field('Write as', personaSelect, 'Control only: a persona, or yourself as exercise control');
  const subject = h('input', { type: 'text', maxlength: 200, placeholder: 'Optional' });
  const body = h('textarea', { rows: 3, maxlength: 4000, required: true });
  const sendBtn = h('button', { type: 'submit', class: 'primary' }, 'Send');
  const form = h(
    'form',
    { class: 'composer' },
    checks,
    personaField,
    field('Subject', subject),
    field('Message', body),
    h('div', { class: 'row' }, sendBtn, slot),
  );
  let ctxRef: Ctx | null = null;
  let checksFor = '';

  const channelsOf = (view: View) => {
    const map = new Map<string, { members: readonly string[]; last: number; count: number }>();
    for (const m of view.messages) {
      const c = map.get(m.channel) ?? { members: m.members, last: 0, count: 0 };
      c.last = Math.max(c.last, m.seq);
      c.count++;
      map.set(m.channel, c);
    }
    return [...map.entries()].sort((a, b) => b[1].last - a[1].last);
  };

  const selectedRecipients = () => [...checks.querySelectorAll<HTMLInputElement>('input[type=checkbox]:checked')].map((c) => c.value);

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (!ctxRef) return;
    const to = selectedRecipients();
    const persona = personaSelect.value;
    void ctxRef
      .run(slot, { type: 'message.send', to, subject: subject.value, body: body.value, ...(persona ? { persona } : {}) })
      .then((r) => {
        if (r.ok) {
          body.value = '';
          subject.value = '';
          const members = [...new Set([...(ctxRef?.nation ? [ctxRef.nation] : []), ...to])].sort();
          current = members.join('+');
        }
      });
  });

  const render = (view: View, ctx: Ctx) => {
    ctxRef = ctx;
    const marks = readMarks();
    const channels = channelsOf(view);
    if (current === null && channels[0]) current = channels[0][0];
    fill(
      list,
      channels.length
        ? channels.map(([id, c]) => {
            const unread = view.messages.filter((m) => m.channel === id && m.seq > (marks[id] ?? 0) && m.from.nation !== ctx.nation).length;
            return h(
              'button',
              {
                class: `channel${id === current ? ' on' : ''}`,
                'data-channel': id,
                onclick: () => {
                  current = id;
                  render(view, ctx);
                },
              },
              h('span', {}, channelTitle(c.members, ctx.nation)),
              c.members.length > 2 ? h('small', {}, ' (multilateral)') : null,
              unread && id !== current ? h('span', { class: 'count' }, unread) : null,
            );
          })
        : empty('No conversations yet. Write to another nation below.'),
    );
    const msgs = view.messages.filter((m) => m.channel === current);
    fill(
      thread,
      current ? h('h3', {}, `Channel: ${channelTitle(current.split('+'), ctx.nation)}`) : null,
      ...msgs.map((m) =>
        h(
          'div',
          { class: `msg${m.from.nation === ctx.nation && ctx.nation ? ' mine' : ''}${m.from.persona ? ' persona' : ''}` },
          h(
            'div',
            { class: 'meta' },
            `${m.from.name}${m.from.nation ? ` (${m.from.nation}${m.from.position ? `, ${m.from.position}` : ''})` : ''} · T${m.turn} ${clock(m.at)}`,
          ),
          m.subject ? h('strong', {}, m.subject) : null,
          h('p', {}, m.body),
        ),
      ),
    );
    if (current && msgs.length) {
      const marks2 = readMarks();
      marks2[current] = Math.max(...msgs.map((m) => m.seq));
      localStorage.setItem(READ_KEY, JSON.stringify(marks2));
    }
    // Recipients: every other ally (plus "all"), rebuilt only when the cast changes.
    const key = `${ctx.nation}|${view.nations.map((n) => n.id).join(',')}`;
    if (key !== checksFor) {
      checksFor = key;
      fill(
        checks,
        h('legend', {}, 'To'),
        ...view.nations
          .filter((n) => n.id !== ctx.nation)
          .map((n) => h('label', { class: 'check' }, h('input', { type: 'checkbox', value: n.id }), ` ${n.name}`)),
      );
    }
    personaField.hidden = ctx.role !== 'facilitator';
    if (ctx.role === 'facilitator' && personaSelect.options.length === 0)
      fill(
        personaSelect,
        h('option', { value: '' }, 'Exercise control'),
        ...view.personas.map((p) => h('option', { value: p.id }, `${p.name} (${p.kind})`)),
      );
    // Pre-tick the members of the open channel.
    if (current)
      for (const c of checks.querySelectorAll<HTMLInputElement>('input[type=checkbox]'))
        if (document.activeElement !== c) c.checked = current.split('+').includes(c.value);
    form.hidden = ctx.readOnly;
  };

  return {
    badge(view, ctx) {
      const marks = readMarks();
      return view.messages.filter((m) => m.seq > (marks[m.channel] ?? 0) && m.from.nation !== ctx.nation && m.channel !== current).length;
    },
    mount(root) {
      fill(root, h('div', { class: 'channels' }, list, h('div', { class: 'thread-wrap' }, thread, form)));
    },
    update: render,
  };
}
