/**
 * Channels: a team's threads with other nations (bilateral or multilateral), with the personas
 * exercise control plays (a news desk, a foreign ministry…), and its own thread with exercise
 * control. A team replies on any of its threads and starts one with nations, a persona or
 * exercise control. Exercise control sees every thread, answers a team's control thread as
 * itself, and writes as a persona.
 */
import type { View } from '@concord/shared/views/index';
import { gameClock } from '../../format.ts';
import { nationName, nationsLabel, seatLabel } from '../labels.ts';
import { field, fill, h, select } from '../dom.ts';
import { empty, statusSlot, type Ctx, type Panel } from '../panel.ts';
import { replyAddress, threadOf, threadsOf, threadTitle, type Address, type Thread } from './threads.ts';

const READ_KEY = 'concord.read';

function readMarks(): Record<string, number> {
  try {
    return JSON.parse(localStorage.getItem(READ_KEY) ?? '{}') as Record<string, number>;
  } catch {
    return {};
  }
}

type Message = View['messages'][number];
/** Who a new message from a team goes to. */
type Counterpart = 'nations' | 'persona' | 'control';

export function channelsPanel(): Panel {
  let current: string | null = null;
  /** The thread a message just sent lands on, until the view shows it. */
  let awaiting: string | null = null;
  /** 'reply' writes on the open thread; 'new' starts one. */
  let mode: 'reply' | 'new' = 'reply';
  let ctxRef: Ctx | null = null;
  let viewRef: View | null = null;

  const list = h('nav', { class: 'channel-list', 'aria-label': 'Threads' });
  const thread = h('div', { class: 'thread', role: 'log', 'aria-live': 'polite' });
  const slot = statusSlot();

  // The composer. Its parts are kept between views so that nothing typed is lost.
  const replyTo = h('p', { class: 'composer-to' });
  const counterpart = select(
    [
      { value: 'nations', label: 'Other nations' },
      { value: 'persona', label: 'A persona' },
      { value: 'control', label: 'Exercise control (the white cell)' },
    ],
    { name: 'counterpart' },
  );
  const counterpartField = field(
    'Write to',
    counterpart,
    'Exercise control plays the personas: a ministry, a newsroom, the Secretary-General…',
  );
  const personaSelect = select([], { name: 'persona' });
  const personaField = field('Persona', personaSelect);
  const writeAs = select([], { name: 'writeAs' });
  const writeAsField = field('Write as', writeAs, 'Exercise control, or a persona it plays');
  const checks = h('fieldset', { class: 'checks' }, h('legend', {}, 'Nations'));
  const subject = h('input', { type: 'text', name: 'subject', maxlength: 200, placeholder: 'Optional' });
  const body = h('textarea', { name: 'body', rows: 3, maxlength: 4000, required: true });
  const sendBtn = h('button', { type: 'submit', class: 'primary' }, 'Send');
  const newBtn = h('button', { type: 'button', class: 'new-message' }, 'New message');
  const cancelNew = h('button', { type: 'button', class: 'link' }, 'Back to the thread');
  const form = h(
    'form',
    { class: 'composer', 'aria-label': 'Write a message' },
    replyTo,
    counterpartField,
    personaField,
    writeAsField,
    checks,
    field('Subject', subject),
    field('Message', body),
    h('div', { class: 'row' }, sendBtn, cancelNew, slot),
  );
  let checksFor = '';
  let personasFor = '';

  const selectedNations = () => [...checks.querySelectorAll<HTMLInputElement>('input[type=checkbox]:checked')].map((c) => c.value);
  const threadById = (view: View, self: string | null): Thread | undefined => threadsOf(view, self).find((t) => t.id === current);

  const refuse = (message: string, path: string) => {
    slot.className = 'status-slot error';
    fill(slot, h('strong', {}, 'Refused: '), message, h('span', { class: 'code' }, ` (${path})`));
  };

  /** The address of what the composer would send now, or a refusal naming the field. */
  const address = (view: View, ctx: Ctx): Address | { error: string; path: string } => {
    const self = ctx.nation;
    const t = mode === 'reply' ? threadById(view, self) : undefined;
    if (t) return replyAddress(t, self, writeAs.value || null);
    const to = selectedNations();
    if (self === null) {
      if (to.length === 0) return { error: 'Choose at least one nation to write to.', path: 'to' };
      return writeAs.value ? { to, persona: writeAs.value } : { to };
    }
    const kind = counterpart.value as Counterpart;
    if (kind === 'persona') {
      if (!personaSelect.value) return { error: 'Choose the persona to write to.', path: 'persona' };
      return { to, persona: personaSelect.value };
    }
    if (kind === 'control') return { to, control: true };
    if (to.length === 0) return { error: 'Choose at least one other nation, or write to a persona or to exercise control.', path: 'to' };
    return { to };
  };

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const ctx = ctxRef;
    const view = viewRef;
    if (!ctx || !view) return;
    if (!body.value.trim()) return refuse('Write a message.', 'body');
    const a = address(view, ctx);
    if ('error' in a) return refuse(a.error, a.path);
    void ctx.run(slot, { type: 'message.send', subject: subject.value, body: body.value, ...a }).then((r) => {
      if (!r.ok) return;
      body.value = '';
      subject.value = '';
      current = awaiting = threadOf(
        a,
        ctx.nation,
        view.nations.map((n) => n.id),
      );
      mode = 'reply';
      if (viewRef && ctxRef) render(viewRef, ctxRef);
    });
  });
  newBtn.addEventListener('click', () => {
    mode = 'new';
    fill(slot);
    if (viewRef && ctxRef) render(viewRef, ctxRef);
    counterpart.focus();
  });
  cancelNew.addEventListener('click', () => {
    mode = 'reply';
    fill(slot);
    if (viewRef && ctxRef) render(viewRef, ctxRef);
  });
  counterpart.addEventListener('change', () => {
    if (viewRef && ctxRef) renderComposer(viewRef, ctxRef);
  });
  writeAs.addEventListener('change', () => {
    if (viewRef && ctxRef) renderComposer(viewRef, ctxRef);
  });

  const sender = (view: View, m: Message, control: boolean): string => {
    if (m.from.persona !== null) return control ? `${m.from.name} (persona, written by exercise control)` : m.from.name;
    if (m.from.nation !== null)
      return `${m.from.name} (${seatLabel(view, { role: 'nation', nation: m.from.nation, position: m.from.position })})`;
    return `${m.from.name} (Exercise control)`;
  };

  const renderComposer = (view: View, ctx: Ctx) => {
    const self = ctx.nation;
    const control = self === null;
    const t = mode === 'reply' ? threadById(view, self) : undefined;
    const replying = t !== undefined;
    // Personas, for a team's "write to" and control's "write as".
    const pkey = view.personas.map((p) => p.id).join(',');
    if (pkey !== personasFor) {
      personasFor = pkey;
      const label = (p: View['personas'][number]) => (p.affiliation ? `${p.name} — ${p.affiliation}` : p.name);
      fill(
        personaSelect,
        h('option', { value: '' }, 'Choose a persona'),
        ...view.personas.map((p) => h('option', { value: p.id }, label(p))),
      );
      fill(writeAs, h('option', { value: '' }, 'Exercise control'), ...view.personas.map((p) => h('option', { value: p.id }, label(p))));
    }
    // Nations: every other ally, rebuilt only when the cast changes.
    const key = `${self}|${view.nations.map((n) => n.id).join(',')}`;
    if (key !== checksFor) {
      checksFor = key;
      fill(
        checks,
        h('legend', {}, 'Nations'),
        ...view.nations
          .filter((n) => n.id !== self)
          .map((n) => h('label', { class: 'check' }, h('input', { type: 'checkbox', value: n.id }), ` ${n.name}`)),
      );
    }
    const kind = counterpart.value as Counterpart;
    counterpartField.hidden = control || replying;
    personaField.hidden = control || replying || kind !== 'persona';
    // Control chooses who it writes as on a new message and on a thread between nations only.
    writeAsField.hidden = !control || (replying && t.kind !== 'nations');
    checks.hidden = replying;
    const legend = checks.querySelector('legend');
    if (legend) legend.textContent = control || kind === 'nations' ? 'To' : 'Other nations on the thread (optional)';
    cancelNew.hidden = !(mode === 'new' && threadsOf(view, self).some((x) => x.id === current));
    if (replying) {
      const { title } = threadTitle(view, t, self);
      const landsOn =
        control && t.kind === 'nations' && writeAs.value
          ? ` — as ${view.personas.find((p) => p.id === writeAs.value)?.name ?? 'the persona'}, this opens that persona's thread with them`
          : control && t.kind === 'nations'
            ? " — as exercise control, this opens exercise control's thread with them"
            : '';
      const as =
        control && t.kind === 'persona'
          ? ` as ${view.personas.find((p) => p.id === t.persona)?.name ?? 'the persona'}, to ${nationsLabel(view, t.members)}`
          : control && t.kind === 'control'
            ? ' as exercise control'
            : '';
      fill(replyTo, 'Reply to ', h('strong', {}, title), as, landsOn);
      sendBtn.textContent = 'Send reply';
    } else {
      fill(replyTo);
      sendBtn.textContent = 'Send';
    }
    form.hidden = ctx.readOnly;
  };

  const render = (view: View, ctx: Ctx) => {
    viewRef = view;
    ctxRef = ctx;
    const self = ctx.nation;
    const control = self === null;
    const marks = readMarks();
    const threads = threadsOf(view, self);
    if (threads.some((t) => t.id === current)) {
      if (awaiting === current) awaiting = null;
    } else if (current === null || (mode === 'reply' && current !== awaiting)) {
      // Open the latest conversation; with none yet, start a new message.
      current = threads.find((t) => t.count > 0)?.id ?? null;
      if (current === null) mode = 'new';
    }
    const unreadOf = (id: string) =>
      view.messages.filter(
        (m) => m.channel === id && m.seq > (marks[id] ?? 0) && (control ? m.from.nation !== null : m.from.nation !== self),
      ).length;
    fill(
      list,
      ctx.readOnly ? null : newBtn,
      threads.length
        ? threads.map((t) => {
            const unread = unreadOf(t.id);
            const { title, detail: full } = threadTitle(view, t, self);
            // Control's list names the teams on each thread; the thread's header says the rest.
            const detail = control ? nationsLabel(view, t.members) : full;
            return h(
              'button',
              {
                type: 'button',
                class: `channel kind-${t.kind}${t.id === current && mode === 'reply' ? ' on' : ''}`,
                'data-channel': t.id,
                onclick: () => {
                  current = t.id;
                  mode = 'reply';
                  fill(slot);
                  render(view, ctx);
                },
              },
              h('span', { class: 'channel-title' }, title),
              detail ? h('small', { class: 'channel-detail' }, detail) : null,
              unread && t.id !== current ? h('span', { class: 'count' }, unread) : null,
            );
          })
        : empty(control ? 'No messages yet.' : 'No conversations yet.'),
    );
    const t = mode === 'reply' ? threads.find((x) => x.id === current) : undefined;
    const msgs = t ? view.messages.filter((m) => m.channel === t.id) : [];
    const head = t ? threadTitle(view, t, self) : null;
    fill(
      thread,
      t && head
        ? h(
            'header',
            { class: 'thread-head' },
            h('h3', {}, head.title),
            head.detail ? h('p', { class: 'meta' }, head.detail) : null,
            t.kind === 'persona' && !control ? h('p', { class: 'hint' }, 'Exercise control plays this persona.') : null,
          )
        : h('h3', {}, 'New message'),
      t && msgs.length === 0 && t.kind === 'control'
        ? empty(
            control
              ? `Nothing yet from ${nationName(view, t.members[0] ?? '')}.`
              : 'Write to exercise control (the white cell): questions about the rules, requests for information, anything the scenario does not answer.',
          )
        : null,
      ...msgs.map((m) =>
        h(
          'div',
          {
            class: `msg${(control ? m.from.nation === null : m.from.nation === self) ? ' mine' : ''}${m.from.persona ? ' persona' : ''}${m.from.nation === null && m.from.persona === null ? ' from-control' : ''}`,
          },
          h('div', { class: 'meta' }, `${sender(view, m, control)} · Turn ${m.turn} · ${gameClock(view.exercise, m.at)}`),
          m.subject ? h('strong', {}, m.subject) : null,
          h('p', {}, m.body),
        ),
      ),
    );
    if (t && msgs.length) {
      const marks2 = readMarks();
      marks2[t.id] = Math.max(...msgs.map((m) => m.seq));
      localStorage.setItem(READ_KEY, JSON.stringify(marks2));
    }
    renderComposer(view, ctx);
  };

  return {
    badge(view, ctx) {
      const marks = readMarks();
      const control = ctx.nation === null;
      return view.messages.filter(
        (m) =>
          m.seq > (marks[m.channel] ?? 0) && (control ? m.from.nation !== null : m.from.nation !== ctx.nation) && m.channel !== current,
      ).length;
    },
    mount(root) {
      fill(root, h('div', { class: 'channels' }, list, h('div', { class: 'thread-wrap' }, thread, form)));
    },
    update: render,
  };
}
