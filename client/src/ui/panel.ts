/** What every side panel implements, and the context the shell gives it. */
import type { CommandDraft, Reply } from '@concord/shared/protocol/index';
import type { View } from '@concord/shared/views/index';
import type { Session } from '../net/session.ts';
import { fill, h } from './dom.ts';

export interface Ctx {
  session: Session;
  /** The participant's own nation (null for control, evaluators and public observers). */
  nation: string | null;
  role: 'facilitator' | 'nation' | 'evaluator' | 'observer';
  /** True when the screen shows someone else's picture (control's "view as") or for read-only roles. */
  readOnly: boolean;
  selectRegion(id: string | null): void;
  /** Send a command; a refusal is shown in `slot`, next to the control that sent it. */
  run(slot: HTMLElement, draft: CommandDraft): Promise<Reply>;
}

/** A side panel. Its id, tab label and audiences are in panels/registry.ts. */
export interface Panel {
  /** A count shown on the tab (unread items, open queue…). */
  badge?(view: View, ctx: Ctx): number;
  mount(root: HTMLElement, ctx: Ctx): void;
  update(view: View, ctx: Ctx): void;
}

/** The slot next to a control where refusals and confirmations appear. */
export const statusSlot = (): HTMLElement => h('div', { class: 'status-slot', role: 'status', 'aria-live': 'polite' });

export async function runInto(session: Session, slot: HTMLElement, draft: CommandDraft): Promise<Reply> {
  slot.className = 'status-slot pending';
  fill(slot, 'Sending…');
  const reply = await session.send(draft);
  if (reply.ok) {
    slot.className = 'status-slot ok';
    fill(slot, reply.duplicate ? 'Already done.' : 'Done.');
    setTimeout(() => {
      if (slot.classList.contains('ok')) fill(slot);
    }, 2500);
  } else {
    slot.className = 'status-slot error';
    fill(slot, h('strong', {}, 'Refused: '), reply.message, reply.path ? h('span', { class: 'code' }, ` (${reply.path})`) : null);
    slot.dataset.code = reply.code;
  }
  return reply;
}

export const empty = (text: string) => h('p', { class: 'empty' }, text);
