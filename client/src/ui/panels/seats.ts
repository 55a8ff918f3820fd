/**
 * Seats for exercise control: the join codes (rotate or revoke one) and the participants (remove
 * one). Codes are stored hashed, so a code is shown only when it is issued or rotated.
 */
import { api } from '../../net/session.ts';
import { clock } from '../../format.ts';
import { fill, h } from '../dom.ts';
import { statusSlot, type Ctx, type Panel } from '../panel.ts';

interface CodeRow {
  id: string;
  role: string;
  nation: string | null;
  label: string;
  createdAt: number;
  revokedAt: number | null;
}
interface ParticipantRow {
  id: string;
  role: string;
  nation: string | null;
  position: string | null;
  name: string;
  joinedAt: number;
  removedAt: number | null;
  online: boolean;
}

export function seatsPanel(): Panel {
  const slot = statusSlot();
  const codes = h('div', { class: 'list codes' });
  const people = h('div', { class: 'list people' });
  const fresh = new Map<string, string>();
  let ctxRef: Ctx | null = null;

  const call = async <T>(method: string, path: string): Promise<T | null> => {
    if (!ctxRef) return null;
    const { exerciseId, token } = ctxRef.session.info;
    try {
      return await api<T>(method, `/exercises/${exerciseId}${path}`, undefined, token);
    } catch (e) {
      slot.className = 'status-slot error';
      fill(slot, h('strong', {}, 'Refused: '), (e as Error).message);
      return null;
    }
  };

  const refresh = async () => {
    const [c, p] = await Promise.all([
      call<{ codes: CodeRow[] }>('GET', '/codes'),
      call<{ participants: ParticipantRow[] }>('GET', '/participants'),
    ]);
    if (c)
      fill(
        codes,
        ...c.codes.map((row) =>
          h(
            'div',
            { class: `item code-row${row.revokedAt ? ' revoked' : ''}`, 'data-code': row.id },
            h('strong', {}, row.label),
            row.revokedAt ? h('span', { class: 'tag st-skipped' }, 'revoked') : null,
            fresh.has(row.id) ? h('div', { class: 'slip-code' }, fresh.get(row.id)) : null,
            row.revokedAt
              ? null
              : h(
                  'div',
                  { class: 'row' },
                  h('button', { onclick: () => void rotate(row.id) }, 'Rotate'),
                  h(
                    'button',
                    {
                      class: 'danger',
                      onclick: () => confirm(`Revoke the code for ${row.label}? It stops working at once.`) && void revoke(row.id),
                    },
                    'Revoke',
                  ),
                ),
          ),
        ),
      );
    if (p)
      fill(
        people,
        ...p.participants.map((row) =>
          h(
            'div',
            { class: 'item', 'data-participant': row.id },
            h('span', { class: `dot${row.online ? ' on' : ''}` }),
            ` ${row.name} — ${row.role}${row.nation ? ` ${row.nation}` : ''}${row.position ? ` (${row.position})` : ''} · joined ${clock(row.joinedAt)}`,
            row.removedAt ? h('span', { class: 'tag st-skipped' }, ' removed') : null,
            row.removedAt || row.id === ctxRef?.session.info.participant
              ? null
              : h(
                  'button',
                  { class: 'link', onclick: () => confirm(`Remove ${row.name} from the exercise?`) && void remove(row.id) },
                  'Remove',
                ),
          ),
        ),
      );
  };

  const rotate = async (id: string) => {
    const r = await call<{ code: { id: string; code: string } }>('POST', `/codes/${id}/rotate`);
    if (r) {
      fresh.set(r.code.id, r.code.code);
      slot.className = 'status-slot ok';
      fill(slot, `New code issued: ${r.code.code}. The old one no longer works.`);
    }
    await refresh();
  };
  const revoke = async (id: string) => {
    await call('DELETE', `/codes/${id}`);
    await refresh();
  };
  const remove = async (id: string) => {
    await call('DELETE', `/participants/${id}`);
    await refresh();
  };

  return {
    mount(root, ctx) {
      ctxRef = ctx;
      fill(
        root,
        h('div', { class: 'row' }, h('button', { onclick: () => void refresh() }, 'Refresh'), slot),
        h('h3', {}, 'Join codes'),
        codes,
        h('h3', {}, 'Participants'),
        people,
      );
      void refresh();
      ctx.session.onPresence(() => void refresh());
    },
    update(_view, ctx) {
      ctxRef = ctx;
    },
  };
}
