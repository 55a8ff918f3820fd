/**
 * The first screens: join with a code, or create an exercise and hand out its codes.
 */
import type { JoinPreview } from '@concord/shared/protocol/index';
import { ApiFailure, api, Session } from '../net/session.ts';
import { ROLE_LABELS } from '../format.ts';
import { field, fill, h } from './dom.ts';

interface ScenarioSummary {
  id: string;
  title: string;
  description: string;
  banner: string;
  turns: number;
  nations: Array<{ id: string; name: string; colour: string }>;
}

interface Created {
  id: string;
  scenario: { id: string; title: string; banner: string };
  codes: Array<{ id: string; role: string; nation: string | null; label: string; code: string }>;
}

const problemsList = (e: unknown) =>
  e instanceof ApiFailure && e.problems.length
    ? h('ul', { class: 'problems' }, ...e.problems.slice(0, 12).map((p) => h('li', {}, `${p.path}: ${p.message}`)))
    : null;

export function joinScreen(root: HTMLElement, onJoined: (s: Session) => void, notice?: string): void {
  const code = h('input', {
    type: 'text',
    name: 'code',
    autocomplete: 'off',
    autocapitalize: 'characters',
    spellcheck: 'false',
    required: true,
    placeholder: 'K7QM-2XHD-9PRA',
    maxlength: 40,
  });
  const name = h('input', { type: 'text', name: 'displayName', autocomplete: 'name', required: true, maxlength: 80 });
  const position = h('select', { name: 'position' }, h('option', { value: '' }, '—'));
  const positionField = field('Your position', position, 'Shown on every message you send');
  positionField.hidden = true;
  const what = h('p', { class: 'hint', 'aria-live': 'polite' });
  const error = h('div', { class: 'status-slot error', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Join');
  const form = h(
    'form',
    { class: 'card join', 'aria-label': 'Join an exercise' },
    h('h2', {}, 'Join an exercise'),
    field('Join code', code, 'From exercise control'),
    what,
    field('Display name', name),
    positionField,
    h('div', { class: 'row' }, submit),
    error,
  );

  let previewFor = '';
  const preview = async () => {
    const c = code.value.trim();
    if (c.replace(/[\s-]/g, '').length < 12 || c === previewFor) return;
    previewFor = c;
    try {
      const p = await api<JoinPreview>('POST', '/join/preview', { code: c });
      fill(what, `${p.exerciseTitle}: you will join as ${p.nation ? p.nation.name : ROLE_LABELS[p.role]}.`);
      positionField.hidden = !p.nation;
      if (p.nation)
        fill(position, h('option', { value: '' }, '— choose —'), ...p.nation.positions.map((q) => h('option', { value: q.id }, q.title)));
      fill(error);
    } catch (e) {
      fill(what);
      positionField.hidden = true;
      fill(error, e instanceof ApiFailure ? e.message : 'Could not check the code.');
    }
  };
  code.addEventListener('input', () => void preview());
  code.addEventListener('change', () => void preview());

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    submit.disabled = true;
    fill(error);
    Session.join(code.value.trim(), name.value.trim(), position.value || undefined)
      .then(onJoined)
      .catch((e: unknown) => fill(error, e instanceof ApiFailure ? e.message : String(e), problemsList(e)))
      .finally(() => (submit.disabled = false));
  });

  const create = h('a', { href: '#/create', class: 'button' }, 'Create an exercise');
  fill(
    root,
    h(
      'div',
      { class: 'front' },
      h('header', {}, h('h1', {}, 'Concord'), h('p', {}, 'Crisis exercises and policy wargames between allied nations')),
      notice ? h('div', { class: 'notice', role: 'alert' }, notice) : null,
      h(
        'div',
        { class: 'front-cards' },
        form,
        h(
          'div',
          { class: 'card' },
          h('h2', {}, 'Running an exercise?'),
          h('p', {}, 'Exercise control creates the exercise from a scenario and hands out one code per seat.'),
          create,
        ),
      ),
    ),
  );
  code.focus();
}

export async function createScreen(root: HTMLElement, onCreated: (c: Created) => void): Promise<void> {
  const error = h('div', { class: 'status-slot error', role: 'alert' });
  const list = h('div', { class: 'scenarios', role: 'radiogroup', 'aria-label': 'Scenario' });
  const seed = h('input', { type: 'number', min: 0, step: 1, placeholder: 'random' });
  const by = h('input', { type: 'text', maxlength: 80, placeholder: 'Exercise control' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Create exercise');
  const form = h(
    'form',
    { class: 'card create', 'aria-label': 'Create an exercise' },
    h('h2', {}, 'Create an exercise'),
    list,
    field('Seed', seed, 'Fix it to replay the same dice'),
    field('Created by', by),
    h('div', { class: 'row' }, submit, h('a', { href: '#/', class: 'link' }, 'Back')),
    error,
  );
  fill(root, h('div', { class: 'front' }, h('header', {}, h('h1', {}, 'Concord')), form));
  let scenarios: ScenarioSummary[] = [];
  try {
    scenarios = (await api<{ scenarios: ScenarioSummary[] }>('GET', '/scenarios')).scenarios;
  } catch (e) {
    fill(error, e instanceof ApiFailure ? e.message : String(e));
  }
  fill(
    list,
    ...scenarios.map((s, i) =>
      h(
        'label',
        { class: 'scenario' },
        h('input', { type: 'radio', name: 'scenario', value: s.id, checked: i === 0 }),
        h('strong', {}, ` ${s.title}`),
        h('span', { class: 'meta' }, ` · ${s.turns} turns · ${s.nations.map((n) => n.name).join(', ')}`),
        h('p', {}, s.description),
      ),
    ),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const chosen = list.querySelector<HTMLInputElement>('input:checked')?.value;
    if (!chosen) return;
    submit.disabled = true;
    api<Created>('POST', '/exercises', {
      scenarioId: chosen,
      ...(seed.value ? { seed: Number(seed.value) } : {}),
      ...(by.value ? { createdBy: by.value } : {}),
    })
      .then((c) => {
        // A nation's slip by the nation's name (the server's label carries its id too).
        const names = new Map(scenarios.find((s) => s.id === chosen)?.nations.map((n) => [n.id, n.name]));
        onCreated({
          ...c,
          codes: c.codes.map((code) => ({ ...code, label: (code.nation === null ? undefined : names.get(code.nation)) ?? code.label })),
        });
      })
      .catch((e: unknown) => fill(error, e instanceof ApiFailure ? e.message : String(e), problemsList(e)))
      .finally(() => (submit.disabled = false));
  });
}

/** The codes to hand out, laid out to be printed and cut into slips. */
export function codesScreen(root: HTMLElement, created: Created, joinAsControl: (code: string) => void): void {
  const control = created.codes.find((c) => c.role === 'facilitator');
  fill(
    root,
    h(
      'div',
      { class: 'front codes-page' },
      h('div', { class: 'banner' }, created.scenario.banner),
      h('h1', {}, created.scenario.title),
      h(
        'p',
        { class: 'no-print' },
        'Hand one code to each seat. Codes are shown only now: print this page or copy them. Exercise control can rotate or revoke a code later.',
      ),
      h(
        'div',
        { class: 'row no-print' },
        h('button', { class: 'primary', onclick: () => print() }, 'Print codes'),
        control ? h('button', { onclick: () => joinAsControl(control.code) }, 'Join as exercise control') : null,
      ),
      h(
        'div',
        { class: 'slips' },
        ...created.codes.map((c) =>
          h(
            'div',
            { class: `slip role-${c.role}`, 'data-role': c.role, 'data-nation': c.nation ?? '' },
            h('div', { class: 'slip-label' }, c.label),
            h('div', { class: 'slip-code' }, c.code),
            h('div', { class: 'slip-help' }, `Open ${location.origin} and enter this code.`),
          ),
        ),
      ),
      h('div', { class: 'banner' }, created.scenario.banner),
    ),
  );
}
