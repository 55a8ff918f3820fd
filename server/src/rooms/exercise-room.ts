/**
 * ExerciseRoom: the thin Colyseus host of one exercise. It authenticates, hands each command to
 * the live exercise (decide → durable append → fold), and pushes each connected audience whose
 * picture changed the JSON patch from the picture it was shown to the new one. Visibility is
 * decided only in shared/src/views (`project` decides what a picture shows, `ViewFeed` when it
 * changes, `viewAs` and `receivesPresence` who gets what): nothing else is ever sent, so a socket
 * never carries what its audience may not see, nor a frame for activity it cannot see.
 */
import { CloseCode, ErrorCode, Protocol, Room, ServerError, validate, type AuthContext, type Client } from '@colyseus/core';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { EngineEvent, ExerciseState } from '@concord/shared/engine/index';
import { COMMAND, CommandRequest, PUSH, VIEW, ViewRequest, type Reply } from '@concord/shared/protocol/index';
import { formatPath } from '@concord/shared/scenario/index';
import {
  audienceLabel,
  audienceOf,
  CONTROL,
  EVALUATOR,
  receivesPresence,
  viewAs,
  ViewFeed,
  type Audience,
  type Shown,
  type View,
} from '@concord/shared/views/index';
import type { TokenClaims } from '../auth/tokens.ts';
import { actorOf, type ConcordService } from '../host/service.ts';
import type { LiveExercise } from '../host/exercise.ts';
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

type RoomClient = Client<{ auth: TokenClaims; userData: Seat }>;

type Refusal = Extract<Reply, { ok: false }>;
/** What a room request answers: a Reply, or the view request's whole projection. */
type Answer = Reply | { ok: true; seq: number; view: View };
/** A request payload after its check: the parsed value, or the refusal to answer with. */
type Checked<T> = { ok: true; value: T } | { ok: false; rejection: Omit<Refusal, 'ok'> };

/**
 * The validator handed to Colyseus for a request: it never fails, so bad input never reaches
 * Colyseus's own error reply (a raw validation dump) or its logged trace. The handler gets the
 * parsed payload or a `malformed` refusal naming the field, worded like a command's refusal.
 */
function checked<S extends z.ZodType>(name: string, schema: S) {
  return z.unknown().transform((input): Checked<z.output<S>> => {
    const parsed = schema.safeParse(input);
    if (parsed.success) return { ok: true, value: parsed.data };
    const issue = parsed.error.issues[0];
    const parts = (issue?.path ?? []).map((p) => (typeof p === 'symbol' ? String(p) : p));
    // An unknown field is reported on its parent object; name the field itself.
    if (issue?.code === 'unrecognized_keys' && issue.keys[0] !== undefined) parts.push(issue.keys[0]);
    const path = formatPath(parts);
    return { ok: false, rejection: { code: 'malformed', message: `${name}: ${path}: ${issue?.message ?? 'invalid payload'}`, path } };
  });
}

const INTERNAL: Refusal = { ok: false, code: 'internal', message: 'Something went wrong on the server; nothing was changed.' };

/** A request handler whose failure (a throw or a rejected promise) is logged and answered `internal`. */
function answering<P>(
  handler: (this: ExerciseRoom, client: RoomClient, payload: P) => Answer | Promise<Answer>,
): (this: ExerciseRoom, client: RoomClient, payload: P) => Answer | Promise<Answer> {
  return function (this: ExerciseRoom, client, payload) {
    const fail = (err: unknown): Answer => {
      ExerciseRoom.service.log.error({ exercise: this.roomId, err, participant: client.userData?.claims.sub }, 'request handler failed');
      return INTERNAL;
    };
    try {
      const answer = handler.call(this, client, payload);
      return answer instanceof Promise ? answer.catch(fail) : answer;
    } catch (err) {
      return fail(err);
    }
  };
}

/**
 * Leading bytes of the frames a client sends (Colyseus protocol codes, without modifier bits).
 * Anything else, and an empty frame, is not a message at all: Colyseus would drop it silently.
 */
const CLIENT_FRAMES: ReadonlySet<number> = new Set([
  Protocol.JOIN_ROOM,
  Protocol.LEAVE_ROOM,
  Protocol.ROOM_DATA,
  Protocol.ROOM_DATA_BYTES,
  Protocol.PING,
  Protocol.ROOM_REQUEST,
]);

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
    [COMMAND]: validate(
      CommandRequest,
      answering(function (this: ExerciseRoom, client: RoomClient, parsed: z.output<typeof CommandRequest>): Answer | Promise<Answer> {
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
          if (!reply.ok)
            this.log.debug({ participant: seat.claims.sub, command: parsed.command.type, code: reply.code }, 'command refused');
          return reply;
        });
      }),
    ),
    [VIEW]: validate(
      checked(VIEW, ViewRequest),
      answering(function (this: ExerciseRoom, client: RoomClient, parsed: Checked<z.output<typeof ViewRequest>>): Answer {
        const seat = client.userData;
        if (!seat) return { ok: false, code: 'not_joined', message: 'This connection has not joined the exercise.' };
        if (!parsed.ok) return { ok: false, ...parsed.rejection };
        const as = viewAs(this.live.state, seat.claims, parsed.value.as);
        if (!as.ok) return as;
        return { ok: true, ...this.shown(as.audience) };
      }),
    ),
  };

  /** Set by onCreate, before any client can join. */
  private created: { live: LiveExercise; log: Logger; feed: ViewFeed } | null = null;
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
    const log = ExerciseRoom.service.log.child({ exercise: id });
    const live = await ExerciseRoom.service.exercise(id);
    this.created = { live, log, feed: new ViewFeed(live.state) };
    this.unsubscribe = live.subscribe((events, state) => this.push(events, state));
  }

  private get live(): LiveExercise {
    if (!this.created) throw new Error('the exercise room is not created yet');
    return this.created.live;
  }

  private get feed(): ViewFeed {
    if (!this.created) throw new Error('the exercise room is not created yet');
    return this.created.feed;
  }

  private get log(): Logger {
    if (!this.created) throw new Error('the exercise room is not created yet');
    return this.created.log;
  }

  override onJoin(client: RoomClient): void {
    const claims = client.auth;
    // A ServerError is answered to the client without Colyseus logging a trace.
    if (!claims || claims.ex !== this.roomId) throw new ServerError(ErrorCode.AUTH_FAILED, 'This token belongs to another exercise.');
    this.closeOnUndecodableFrames(client);
    const audience = audienceOf(claims);
    const label = audienceLabel(audience);
    client.userData = {
      claims,
      audience: label,
      bucket: new TokenBucket(ExerciseRoom.rate.perSecond, ExerciseRoom.rate.burst, Date.now()),
    };
    client.send(PUSH.view, this.shown(audience));
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
    this.closeOnUndecodableFrames(client);
    // Anything may have happened meanwhile: send the whole current view.
    client.send(PUSH.view, this.shown(audienceOf(seat.claims)));
    this.sendPresence();
  }

  override onLeave(client: RoomClient): void {
    this.log.info({ participant: client.userData?.claims.sub }, 'client left');
    this.sendPresence();
  }

  override async onDispose(): Promise<void> {
    this.unsubscribe?.();
    // The exercise's clock stops with its room (rooms are disposed only when the server stops).
    if (this.created) await ExerciseRoom.service.release(this.roomId, this.created.live);
  }

  /**
   * Close with 4002 (CloseCode.WITH_ERROR) a connection that sends a frame that is not a Colyseus
   * message (empty, or an unknown leading byte), as an undecodable message is. Runs before the
   * room's own listener, which Colyseus attaches after onJoin and which ignores such frames.
   */
  private closeOnUndecodableFrames(client: RoomClient): void {
    client.ref.on('message', (data: unknown) => {
      const head = data instanceof Uint8Array ? data[0] : undefined;
      if (head !== undefined && CLIENT_FRAMES.has(head)) return;
      this.log.warn({ participant: client.userData?.claims.sub, head: head ?? null }, 'undecodable frame: connection closed');
      client.leave(CloseCode.WITH_ERROR);
    });
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

  /**
   * The picture an audience is shown now, as its clients have it (`ViewFeed`): for the view
   * request, a join, and the HTTP API's state route.
   */
  shown(audience: Audience): Shown {
    return this.feed.current(this.live.state, audience);
  }

  /**
   * After a command: the feed finds the audiences whose picture changed, and each one that has
   * someone connected gets the patch. An audience that can see nothing of the command gets no frame.
   */
  private push(events: readonly EngineEvent[], state: ExerciseState): void {
    const listening = new Map<string, RoomClient[]>();
    for (const c of this.clients) {
      const label = c.userData?.audience;
      if (label === undefined) continue;
      const list = listening.get(label);
      if (list) list.push(c);
      else listening.set(label, [c]);
    }
    const changes = this.feed.advance(state);
    let pushed = 0;
    for (const { label, before, after } of changes) {
      const clients = listening.get(label);
      if (!clients) continue;
      const ops = diffViews(before.view, after.view);
      if (ops.length === 0) continue;
      const message = { from: before.seq, to: after.seq, ops };
      for (const c of clients) c.send(PUSH.patch, message);
      pushed++;
    }
    // Control's pictures nobody watches are no longer followed; a nation's and the public's always are.
    for (const a of [CONTROL, EVALUATOR]) if (!listening.has(audienceLabel(a))) this.feed.forget(a);
    this.log.debug({ seq: state.seq, events: events.length, changed: changes.length, pushed }, 'pushed');
  }

  private sendPresence(): void {
    const online = this.online();
    for (const c of this.clients) if (c.userData && receivesPresence(c.userData.claims)) c.send(PUSH.presence, { online });
  }
}
