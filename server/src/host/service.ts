/**
 * Exercises, join codes, participants and tokens: everything the HTTP API and the room need
 * from the host, independent of transport.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { Logger } from 'pino';
import { createExercise, type Actor } from '@concord/shared/engine/index';
import type { Scenario } from '@concord/shared/scenario/index';
import type { JoinPreview } from '@concord/shared/protocol/index';
import { hashCode, newCode, newId, normaliseCode } from '../auth/codes.ts';
import { Tokens, type TokenClaims } from '../auth/tokens.ts';
import type { EventStore, JoinCodeRow, ParticipantRow } from '../store/types.ts';
import { ApiError } from './errors.ts';
import { LiveExercise } from './exercise.ts';

export interface IssuedCode {
  id: string;
  role: JoinCodeRow['role'];
  nation: string | null;
  label: string;
  code: string;
}

export class ConcordService {
  readonly store: EventStore;
  readonly tokens: Tokens;
  readonly log: Logger;
  readonly now: () => number;
  private readonly secret: string;
  private readonly live = new Map<string, Promise<LiveExercise>>();
  private closed = false;

  private constructor(args: { store: EventStore; secret: string; log: Logger; now: () => number; tokenTtlSeconds?: number }) {
    this.store = args.store;
    this.secret = args.secret;
    this.tokens = new Tokens(args.secret, args.tokenTtlSeconds);
    this.log = args.log;
    this.now = args.now;
  }

  /** The secret is kept in the store so that a restarted server accepts the same codes and tokens. */
  static async open(args: {
    store: EventStore;
    log: Logger;
    now?: () => number;
    secret?: string;
    tokenTtlSeconds?: number;
  }): Promise<ConcordService> {
    let secret = args.secret ?? (await args.store.setting('secret'));
    if (!secret) {
      secret = randomBytes(32).toString('base64url');
      await args.store.setSetting('secret', secret);
    }
    return new ConcordService({ ...args, secret, now: args.now ?? Date.now });
  }

  async createExercise(scenario: Scenario, opts: { seed?: number; createdBy?: string } = {}): Promise<{ id: string; codes: IssuedCode[] }> {
    const id = newId('ex').replace(/[^A-Za-z0-9_-]/g, 'x');
    const at = this.now();
    const by: Actor = { role: 'facilitator', nation: null, position: null, name: opts.createdBy ?? 'Exercise control', participant: null };
    const genesis = createExercise({ exerciseId: id, scenario, seed: opts.seed ?? randomInt(0, 2 ** 31 - 1), at, by });
    await this.store.create({ id, scenarioId: scenario.meta.id, title: scenario.meta.title, status: 'setup', createdAt: at }, genesis);
    const codes = await this.issueCodes(id, scenario);
    this.log.info({ exercise: id, scenario: scenario.meta.id }, 'exercise created');
    return { id, codes };
  }

  private async issueCodes(exerciseId: string, scenario: Scenario): Promise<IssuedCode[]> {
    const wanted: Array<Pick<IssuedCode, 'role' | 'nation' | 'label'>> = [
      { role: 'facilitator', nation: null, label: 'Exercise control (white cell)' },
      ...scenario.nations.map((n) => ({ role: 'nation' as const, nation: n.id, label: `${n.name} (${n.id})` })),
      { role: 'evaluator', nation: null, label: 'Evaluators' },
      { role: 'observer', nation: null, label: 'Observers (public picture)' },
    ];
    const issued = wanted.map((w) => ({ ...w, id: newId('code'), code: newCode() }));
    await this.store.addCodes(issued.map((c) => this.codeRow(exerciseId, c)));
    return issued;
  }

  private codeRow(exerciseId: string, c: IssuedCode): JoinCodeRow {
    const canonical = normaliseCode(c.code);
    if (canonical === null) throw new Error(`issued join code ${c.id} is not in code form`);
    return {
      id: c.id,
      exerciseId,
      hash: hashCode(this.secret, canonical),
      role: c.role,
      nation: c.nation,
      label: c.label,
      createdAt: this.now(),
      revokedAt: null,
    };
  }

  /** Replace a code with a fresh one; the old one stops working at once. */
  async rotateCode(exerciseId: string, codeId: string): Promise<IssuedCode> {
    const old = (await this.store.codes(exerciseId)).find((c) => c.id === codeId && c.revokedAt === null);
    if (!old) throw new ApiError(404, 'unknown_code', 'No active join code with that id in this exercise.');
    await this.store.revokeCode(exerciseId, codeId, this.now());
    const fresh: IssuedCode = { id: newId('code'), role: old.role, nation: old.nation, label: old.label, code: newCode() };
    await this.store.addCodes([this.codeRow(exerciseId, fresh)]);
    this.log.info({ exercise: exerciseId, code: codeId, replacement: fresh.id }, 'join code rotated');
    return fresh;
  }

  async revokeCode(exerciseId: string, codeId: string): Promise<void> {
    if (!(await this.store.revokeCode(exerciseId, codeId, this.now())))
      throw new ApiError(404, 'unknown_code', 'No active join code with that id in this exercise.');
    this.log.info({ exercise: exerciseId, code: codeId }, 'join code revoked');
  }

  async listCodes(exerciseId: string) {
    return (await this.store.codes(exerciseId)).map(({ hash: _hash, ...c }) => c);
  }

  private async codeRowFor(code: string): Promise<JoinCodeRow> {
    const canonical = normaliseCode(code);
    const row = canonical ? await this.store.codeByHash(hashCode(this.secret, canonical)) : null;
    if (!row || row.revokedAt !== null) throw new ApiError(401, 'bad_code', 'That join code is not valid. Check it with exercise control.');
    return row;
  }

  /** What a code opens, without joining. */
  async preview(code: string): Promise<JoinPreview> {
    const row = await this.codeRowFor(code);
    const { scenario } = (await this.exercise(row.exerciseId)).state;
    const nation = row.nation ? scenario.nations.find((n) => n.id === row.nation) : undefined;
    return {
      exerciseTitle: scenario.meta.title,
      banner: scenario.meta.banner,
      role: row.role,
      nation: nation ? { id: nation.id, name: nation.name, positions: nation.positions } : null,
    };
  }

  async join(input: {
    code: string;
    displayName: string;
    position?: string | undefined;
  }): Promise<{ token: string; claims: TokenClaims; expiresIn: number }> {
    const row = await this.codeRowFor(input.code);
    const live = await this.exercise(row.exerciseId);
    if (live.state.status === 'ended') throw new ApiError(409, 'ended', 'This exercise has ended.');
    let position: string | null = null;
    if (input.position !== undefined && input.position !== '') {
      const nation = live.state.scenario.nations.find((n) => n.id === row.nation);
      if (!nation?.positions.some((p) => p.id === input.position))
        throw new ApiError(400, 'bad_position', `"${input.position}" is not a position of this team.`, { path: 'position' });
      position = input.position;
    }
    const participant: ParticipantRow = {
      id: newId('p'),
      exerciseId: row.exerciseId,
      codeId: row.id,
      role: row.role,
      nation: row.nation,
      position,
      name: input.displayName,
      joinedAt: this.now(),
      removedAt: null,
    };
    await this.store.addParticipant(participant);
    const claims: TokenClaims = {
      ex: row.exerciseId,
      sub: participant.id,
      role: row.role,
      nation: row.nation,
      position,
      name: input.displayName,
    };
    this.log.info({ exercise: row.exerciseId, participant: participant.id, role: row.role, nation: row.nation }, 'participant joined');
    return { token: await this.tokens.sign(claims), claims, expiresIn: this.tokens.ttlSeconds };
  }

  /** Verify a token and that its participant has not been removed. */
  async authenticate(token: unknown): Promise<TokenClaims> {
    const claims = await this.tokens.verify(token);
    const p = await this.store.participant(claims.sub);
    if (!p || p.exerciseId !== claims.ex)
      throw new ApiError(401, 'unknown_participant', 'This session is not known here; join again with your code.');
    if (p.removedAt !== null) throw new ApiError(403, 'removed', 'Exercise control removed you from this exercise.');
    return claims;
  }

  async participants(exerciseId: string): Promise<ParticipantRow[]> {
    return this.store.participants(exerciseId);
  }

  async removeParticipant(exerciseId: string, participantId: string): Promise<void> {
    if (!(await this.store.removeParticipant(exerciseId, participantId, this.now())))
      throw new ApiError(404, 'unknown_participant', 'No such participant in this exercise.');
    this.log.info({ exercise: exerciseId, participant: participantId }, 'participant removed');
  }

  /** The live exercise, restored from the store on first use. */
  exercise(id: string): Promise<LiveExercise> {
    if (this.closed) return Promise.reject(new ApiError(503, 'closing', 'The server is shutting down.'));
    let p = this.live.get(id);
    if (!p) {
      p = (async () => {
        if (!(await this.store.exercise(id))) throw new ApiError(404, 'unknown_exercise', `There is no exercise "${id}".`);
        return LiveExercise.restore({ id, store: this.store, log: this.log, now: this.now });
      })();
      this.live.set(id, p);
      p.catch(() => this.live.delete(id));
    }
    return p;
  }

  /**
   * Forget a live exercise and stop its clock (its room is gone). Only that instance is dropped:
   * the next use restores the exercise from the store, with its timer.
   */
  async release(id: string, live?: LiveExercise): Promise<void> {
    const p = this.live.get(id);
    if (!p) return;
    const held = await p.catch(() => null);
    if (live !== undefined && held !== live) return;
    if (this.live.get(id) === p) this.live.delete(id);
    await held?.close();
  }

  /** Stop every live exercise's clock and let queued commands finish, before the store closes. */
  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.live.values()];
    this.live.clear();
    await Promise.all(all.map((p) => p.then((live) => live.close()).catch(() => undefined)));
  }

  async unfinished(): Promise<string[]> {
    return (await this.store.exercises()).filter((e) => e.status !== 'ended').map((e) => e.id);
  }
}

export const actorOf = (c: TokenClaims): Actor => ({
  role: c.role,
  nation: c.nation,
  position: c.position,
  name: c.name,
  participant: c.sub,
});
