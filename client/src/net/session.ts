/**
 * A participant's session: the join token, the room connection, the mirrored view, and the one
 * typed command sender. Reconnection: the SDK retries dropped sockets by itself; if the room is
 * gone (server restart) the session rejoins with the same token until it succeeds.
 */
import { Client, type Room } from '@colyseus/sdk';
import { COMMAND, PUSH, VIEW } from '@concord/shared/protocol/names';
import type { CommandDraft, JoinResponse, Reply } from '@concord/shared/protocol/index';
import type { View } from '@concord/shared/views/index';
import { ViewMirror, type PatchMessage } from './mirror.ts';

export type Link = 'connecting' | 'online' | 'reconnecting' | 'offline';
export type SessionEnd = 'removed' | 'expired' | 'left';

/** The server's answer to a view request (control's "view as", or a resync). */
export type ViewAnswer = { ok: true; seq: number; view: View } | { ok: false; code: string; message: string };

export interface Presence {
  participant: string;
  name: string;
  role: string;
  nation: string | null;
  position: string | null;
  connected: boolean;
}

const STORAGE_KEY = 'concord.session';
const CLOSE_REMOVED = 4100;
const CONSENTED = 4000;

export class ApiFailure extends Error {
  readonly code: string;
  readonly problems: Array<{ path: string; message: string }>;
  constructor(code: string, message: string, problems: Array<{ path: string; message: string }> = []) {
    super(message);
    this.code = code;
    this.problems = problems;
  }
}

export async function api<T>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiFailure('network', 'The server cannot be reached. Check the connection and try again.');
  }
  const text = await res.text();
  const json = text ? (JSON.parse(text) as unknown) : null;
  if (!res.ok) {
    const err = (json as { error?: { code: string; message: string; problems?: Array<{ path: string; message: string }> } } | null)?.error;
    throw new ApiFailure(err?.code ?? `http_${res.status}`, err?.message ?? `The server answered ${res.status}.`, err?.problems);
  }
  return json as T;
}

export const savedSession = (): JoinResponse | null => {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as JoinResponse) : null;
  } catch {
    return null;
  }
};

export const forgetSession = () => localStorage.removeItem(STORAGE_KEY);

const newId = (): string =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `c${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;

export class Session {
  readonly info: JoinResponse;
  readonly mirror = new ViewMirror();
  link: Link = 'connecting';
  presence: Presence[] = [];
  private room: Room | null = null;
  private readonly client = new Client(location.origin);
  private readonly linkListeners = new Set<(l: Link) => void>();
  private readonly endListeners = new Set<(why: SessionEnd, message: string) => void>();
  private readonly presenceListeners = new Set<(p: Presence[]) => void>();
  private closed = false;

  constructor(info: JoinResponse) {
    this.info = info;
    this.client.auth.token = info.token;
  }

  static async join(code: string, displayName: string, position?: string): Promise<Session> {
    const info = await api<JoinResponse>('POST', '/join', { code, displayName, ...(position ? { position } : {}) });
    localStorage.setItem(STORAGE_KEY, JSON.stringify(info));
    return new Session(info);
  }

  onLink(fn: (l: Link) => void): () => void {
    this.linkListeners.add(fn);
    return () => this.linkListeners.delete(fn);
  }
  onEnd(fn: (why: SessionEnd, message: string) => void): () => void {
    this.endListeners.add(fn);
    return () => this.endListeners.delete(fn);
  }
  onPresence(fn: (p: Presence[]) => void): () => void {
    this.presenceListeners.add(fn);
    return () => this.presenceListeners.delete(fn);
  }

  private setLink(l: Link) {
    this.link = l;
    for (const fn of this.linkListeners) fn(l);
  }

  private end(why: SessionEnd, message: string) {
    this.closed = true;
    this.setLink('offline');
    if (why !== 'left') forgetSession();
    for (const fn of this.endListeners) fn(why, message);
  }

  /** Join the room; resolves when the first view has arrived. */
  async connect(): Promise<void> {
    this.setLink(this.room ? 'reconnecting' : 'connecting');
    const room = await this.client.joinById(this.info.exerciseId);
    this.room = room;
    const firstView = new Promise<void>((resolve) => {
      const off = this.mirror.onChange(() => {
        off();
        resolve();
      });
    });
    room.onMessage(PUSH.view, (m: { seq: number; view: View }) => this.mirror.reset(m.seq, m.view));
    room.onMessage(PUSH.patch, (m: PatchMessage) => {
      if (!this.mirror.apply(m)) void this.resync();
    });
    room.onMessage(PUSH.presence, (m: { online: Presence[] }) => {
      this.presence = m.online;
      for (const fn of this.presenceListeners) fn(m.online);
    });
    room.onMessage(PUSH.notice, () => undefined);
    room.onDrop(() => this.setLink('reconnecting'));
    room.onReconnect(() => this.setLink('online'));
    room.onLeave((code: number) => {
      if (this.closed) return;
      if (code === CLOSE_REMOVED) return this.end('removed', 'Exercise control removed you from this exercise.');
      if (code === CONSENTED) return this.end('left', 'You left the exercise.');
      void this.rejoinLoop();
    });
    await firstView;
    this.setLink('online');
  }

  private async rejoinLoop(): Promise<void> {
    this.setLink('reconnecting');
    for (let attempt = 0; !this.closed; attempt++) {
      await new Promise((r) => setTimeout(r, Math.min(5000, 500 * 2 ** Math.min(attempt, 4))));
      try {
        await this.connect();
        return;
      } catch (e) {
        const code = (e as { code?: number }).code;
        if (code === 525 || code === 401) return this.end('expired', 'Your session is no longer valid. Join again with your code.');
      }
    }
  }

  private async resync(): Promise<void> {
    const r = await this.requestView();
    if (r.ok) this.mirror.reset(r.seq, r.view);
  }

  async requestView(as?: string): Promise<ViewAnswer> {
    if (!this.room) return { ok: false, code: 'offline', message: 'Not connected.' };
    return this.room.request<{ as?: string }, ViewAnswer>(VIEW, as ? { as } : {});
  }

  private async whenOnline(ms: number): Promise<boolean> {
    if (this.link === 'online') return true;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        off();
        resolve(false);
      }, ms);
      const off = this.onLink((l) => {
        if (l === 'online') {
          clearTimeout(timer);
          off();
          resolve(true);
        }
      });
    });
  }

  /** Send a command. A retry after a timeout reuses the id, so the server applies it once. */
  async send(draft: CommandDraft): Promise<Reply> {
    const command = { ...draft, id: draft.id ?? newId() };
    for (let attempt = 0; attempt < 3; attempt++) {
      if (!(await this.whenOnline(10_000)) || !this.room)
        return {
          ok: false,
          code: 'offline',
          message: 'Not connected to the server; nothing was sent. Try again when the indicator is green.',
        };
      try {
        return await this.room.request<typeof command, Reply>(COMMAND, command, { timeout: 8000 });
      } catch {
        // Timed out or the socket closed mid-request: retry with the same id.
      }
    }
    return {
      ok: false,
      code: 'timeout',
      message: 'The server did not answer. The command may or may not have been applied; check before resending.',
    };
  }

  view(): View | null {
    return this.mirror.view;
  }

  async leave(): Promise<void> {
    this.closed = true;
    forgetSession();
    await this.room?.leave(true).catch(() => undefined);
    this.setLink('offline');
  }
}
