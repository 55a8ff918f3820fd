/**
 * ExerciseRoom: the thin Colyseus host of one exercise. It authenticates, hands each command to
 * the live exercise (decide → durable append → fold), and pushes each connected audience the
 * JSON patch from the projection it last sent to the current one. Visibility is decided only
 * by `project`: nothing else is ever sent, so a socket never carries what its audience may not see.
 */
import { CloseCode, Room, validate, type AuthContext, type Client } from '@colyseus/core';
import type { Logger } from 'pino';
import type { EngineEvent, ExerciseState } from '@concord/shared/engine/index';
import { COMMAND, CommandRequest, PUSH, VIEW, ViewRequest, type Reply } from '@concord/shared/protocol/index';
import { audienceFromLabel, audienceLabel, audienceOf, project, type Audience, type View } from '@concord/shared/views/index';
import type { TokenClaims } from '../auth/tokens.ts';
import { actorOf, type ConcordService } from '../host/service.ts';
import type { LiveExercise } from '../host/exercise.ts';
import { ApiError } from '../host/errors.ts';
import { TokenBucket } from './rate-limit.ts';
import { diffViews } from './diff.ts';

/** Close code sent to a participant removed by exercise control: the client must not reconnect. */
export const CLOSE_REMOVED = 4100;
export const RECONNECT_SECONDS = 60;

interface Seat {
  claims: TokenClaims;
  audience: string;
  bucket: TokenBucket;
}

interface AudienceCache {
  audience: Audience;
  seq: number;
  view: View;
}

type RoomClient = Client<{ auth: TokenClaims; userData: Seat }>;

export class ExerciseRoom extends Room<{ client: RoomClient }> {
  /** Set once by the server before any room is created (static onAuth runs unbound). */
  static service: ConcordService;
  static rate = { perSecond: 10, burst: 20 };

  override autoDispose = false;
  override patchRate = null;
  /** A hard ceiling: a client that floods past it is disconnected; the soft limit replies first. */
  override maxMessagesPerSecond = 60;

  override messages = {
    // Refusals are answered synchronously, so that a flooding client hears "rate_limited" before
    // the transport's hard ceiling cuts it off; only accepted work returns a promise.
    [COMMAND]: validate(CommandRequest, function (this: ExerciseRoom, client: RoomClient, parsed): Reply | Promise<Reply> {
      const seat = client.userData;
      if (!seat) return { ok: false, code: 'not_joined', message: 'This connection has not joined the exercise.' };
      if (!seat.bucket.take(Date.now()))
        return {
          ok: false,
          code: 'rate_limited',
          message: `Too many commands: at most ${ExerciseRoom.rate.perSecond} a second. Nothing was changed; try again in a moment.`,
        };
      if (!parsed.ok) return { ok: false, ...parsed.rejection };
      return this.live.submit(actorOf(seat.claims), parsed.command).then((reply) => {
        if (!reply.ok) this.log.debug({ participant: seat.claims.sub, command: parsed.command.type, code: reply.code }, 'command refused');
        return reply;
      });
    }),
    [VIEW]: validate(ViewRequest, function (this: ExerciseRoom, client: RoomClient, req) {
      const seat = client.userData;
      if (!seat) return { ok: false, code: 'not_joined', message: 'This connection has not joined the exercise.' };
      let audience = audienceOf(seat.claims);
      if (req.as !== undefined) {
        const wanted = audienceFromLabel(req.as);
        const known = wanted && (wanted.kind !== 'nation' || this.live.state.scenario.nations.some((n) => n.id === wanted.nation));
        if (!wanted || !known) return { ok: false, code: 'unknown_audience', message: `"${req.as}" is not an audience of this exercise.` };
        if (audience.kind !== 'control' && audienceLabel(wanted) !== audienceLabel(audience))
          return {
            ok: false,
            code: 'forbidden',
            message: "Only exercise control and evaluators can look through another audience's eyes.",
          };
        audience = wanted;
      }
      return { ok: true, seq: this.live.state.seq, view: project(this.live.state, audience) };
    }),
  };

  private live!: LiveExercise;
  private log!: Logger;
  private readonly cache = new Map<string, AudienceCache>();
  private unsubscribe: (() => void) | null = null;

  static override async onAuth(token: string, _options: unknown, _context: AuthContext): Promise<TokenClaims | false> {
    try {
      return await ExerciseRoom.service.authenticate(token);
    } catch {
      return false;
    }
  }

  override async onCreate(options: { exerciseId?: unknown }): Promise<void> {
    const id = typeof options.exerciseId === 'string' ? options.exerciseId : '';
    this.roomId = id;
    this.log = ExerciseRoom.service.log.child({ exercise: id });
    this.live = await ExerciseRoom.service.exercise(id);
    this.unsubscribe = this.live.subscribe((events, state) => this.push(events, state));
  }

  override onJoin(client: RoomClient): void {
    const claims = client.auth;
    if (!claims || claims.ex !== this.roomId) throw new ApiError(403, 'wrong_exercise', 'This token belongs to another exercise.');
    const audience = audienceOf(claims);
    const label = audienceLabel(audience);
    client.userData = {
      claims,
      audience: label,
      bucket: new TokenBucket(ExerciseRoom.rate.perSecond, ExerciseRoom.rate.burst, Date.now()),
    };
    const cached = this.viewFor(audience);
    client.send(PUSH.view, { seq: cached.seq, view: cached.view });
    this.log.info({ participant: claims.sub, role: claims.role, nation: claims.nation, audience: label }, 'client joined');
    this.sendPresence();
  }

  override async onDrop(client: RoomClient, code?: number): Promise<void> {
    this.sendPresence();
    if (code === CloseCode.WITH_ERROR || code === CLOSE_REMOVED) return;
    try {
      await this.allowReconnection(client, RECONNECT_SECONDS);
    } catch {
      // onLeave follows.
    }
  }

  override onReconnect(client: RoomClient): void {
    const seat = client.userData;
    if (!seat) return;
    // Anything may have happened meanwhile: send the whole current view.
    const cached = this.viewFor(audienceOf(seat.claims));
    client.send(PUSH.view, { seq: cached.seq, view: cached.view });
    this.sendPresence();
  }

  override onLeave(client: RoomClient): void {
    this.log.info({ participant: client.userData?.claims.sub }, 'client left');
    this.sendPresence();
  }

  override onDispose(): void {
    this.unsubscribe?.();
  }

  /** Disconnect every connection of a participant removed by control. */
  removeParticipant(participantId: string): number {
    let n = 0;
    for (const c of this.clients) {
      if (c.userData?.claims.sub !== participantId) continue;
      c.send(PUSH.notice, { code: 'removed', message: 'Exercise control removed you from this exercise.' });
      c.leave(CLOSE_REMOVED);
      n++;
    }
    return n;
  }

  /** Connected participants, for control's presence panel and the participants API. */
  online(): Array<{ participant: string; name: string; role: string; nation: string | null; position: string | null; connected: boolean }> {
    return this.clients.flatMap((c) => {
      const s = c.userData;
      return s
        ? [
            {
              participant: s.claims.sub,
              name: s.claims.name,
              role: s.claims.role,
              nation: s.claims.nation,
              position: s.claims.position,
              connected: true,
            },
          ]
        : [];
    });
  }

  private viewFor(audience: Audience): AudienceCache {
    const label = audienceLabel(audience);
    let cached = this.cache.get(label);
    if (!cached || cached.seq !== this.live.state.seq) {
      cached = { audience, seq: this.live.state.seq, view: project(this.live.state, audience) };
      this.cache.set(label, cached);
    }
    return cached;
  }

  /** After a command: one projection and one diff per audience that has someone connected. */
  private push(events: readonly EngineEvent[], state: ExerciseState): void {
    const listening = new Map<string, RoomClient[]>();
    for (const c of this.clients) {
      const label = c.userData?.audience;
      if (label === undefined) continue;
      const list = listening.get(label);
      if (list) list.push(c);
      else listening.set(label, [c]);
    }
    for (const [label, clients] of listening) {
      const before = this.cache.get(label);
      if (!before) continue;
      const view = project(state, before.audience);
      const ops = diffViews(before.view, view);
      const from = before.seq;
      this.cache.set(label, { audience: before.audience, seq: state.seq, view });
      if (ops.length === 0) continue;
      const message = { from, to: state.seq, ops };
      for (const c of clients) c.send(PUSH.patch, message);
    }
    // Audiences nobody watches are dropped from the cache and rebuilt on the next join.
    for (const label of [...this.cache.keys()]) if (!listening.has(label)) this.cache.delete(label);
    this.log.debug({ seq: state.seq, events: events.length, audiences: listening.size }, 'pushed');
  }

  private sendPresence(): void {
    const online = this.online();
    for (const c of this.clients)
      if (c.userData?.claims.role === 'facilitator' || c.userData?.claims.role === 'evaluator') c.send(PUSH.presence, { online });
  }
}
