/**
 * The REST API. Handlers validate input with the shared zod schemas, check the caller's token,
 * and call the service; errors become `{ error: { code, message, problems? } }`.
 */
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { z } from 'zod';
import { matchMaker, type Room } from '@colyseus/core';
import { CreateExerciseRequest, JoinPreviewRequest, JoinRequest, type JoinResponse } from '@concord/shared/protocol/index';
import { decodeUtf8, parseJson, parseScenario, zodProblems, type Scenario } from '@concord/shared/scenario/index';
import { toJsonl } from '@concord/shared/replay/index';
import { viewAs } from '@concord/shared/views/index';
import { TokenError, type TokenClaims } from '../auth/tokens.ts';
import { ApiError } from '../host/errors.ts';
import type { ConcordService } from '../host/service.ts';
import type { ScenarioCatalog } from '../host/catalog.ts';
import { ExerciseRoom } from '../rooms/exercise-room.ts';

export const ROOM_NAME = 'exercise';
export const VERSION = '0.1.0';

export interface ApiDeps {
  service: ConcordService;
  catalog: ScenarioCatalog;
  startedAt: number;
  /** If set, creating and listing all exercises needs `Authorization: Bearer <adminKey>`. */
  adminKey?: string | undefined;
}

/** The largest JSON body the API reads. */
export const MAX_BODY = '4mb';

/** The room of that id on this process, if any (matchMaker types the lookup as always found). */
const localRoom = (exerciseId: string): Room | undefined => matchMaker.getLocalRoomById(exerciseId);

/** Make sure the exercise's room is running on this process, and return it. */
/** Rooms being created, so that two requests at once for the same exercise create one room. */
const creating = new Map<string, Promise<unknown>>();

export async function ensureRoom(exerciseId: string): Promise<ExerciseRoom> {
  const local = localRoom(exerciseId);
  if (local instanceof ExerciseRoom) return local;
  if (local === undefined) {
    let pending = creating.get(exerciseId);
    if (!pending) {
      pending = matchMaker.createRoom(ROOM_NAME, { exerciseId }).finally(() => creating.delete(exerciseId));
      creating.set(exerciseId, pending);
    }
    await pending;
  }
  const room = localRoom(exerciseId);
  if (!(room instanceof ExerciseRoom)) throw new ApiError(503, 'room_unavailable', 'The exercise room could not be started.');
  return room;
}

/** The `charset` parameter of a Content-Type header, lower-cased, or null if it has none. */
export function charsetOf(contentType: string | undefined): string | null {
  for (const param of (contentType ?? '').split(';').slice(1)) {
    const eq = param.indexOf('=');
    if (eq < 0 || param.slice(0, eq).trim().toLowerCase() !== 'charset') continue;
    return param
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .toLowerCase();
  }
  return null;
}

/**
 * JSON bodies, read as bytes and parsed here rather than by body-parser: only UTF-8 is accepted
 * (a declared charset other than utf-8 is refused with 415, invalid UTF-8 with 400), a leading
 * byte order mark is allowed, and a syntax error names its line and column.
 */
function jsonBody(): RequestHandler[] {
  const type = 'application/json';
  return [
    (req, _res, next) => {
      const charset = req.is(type) ? charsetOf(req.header('content-type')) : null;
      if (charset !== null && charset !== 'utf-8') {
        const named = charset.length > 40 ? `${charset.slice(0, 40)}...` : charset;
        next(
          new ApiError(415, 'unsupported_charset', `The body's charset "${named}" is not supported: send JSON as UTF-8 (charset=utf-8).`),
        );
      } else next();
    },
    express.raw({ type, limit: MAX_BODY }),
    (req, _res, next) => {
      const raw: unknown = req.body;
      if (!(raw instanceof Uint8Array)) return next();
      if (raw.length === 0) {
        req.body = undefined;
        return next();
      }
      const text = decodeUtf8(raw);
      if (!text.ok) return next(new ApiError(400, 'bad_encoding', `The body is ${text.message}; send it as UTF-8.`));
      const json = parseJson(text.text);
      if (!json.ok) return next(new ApiError(400, 'malformed_json', `The body is not valid JSON: ${json.message}.`));
      req.body = json.value;
      next();
    },
  ];
}

export function apiRouter(deps: ApiDeps): express.Router {
  const { service, catalog } = deps;
  const r = express.Router();
  r.use(jsonBody());

  const bearer = (req: Request): string | null => {
    const h = req.header('authorization');
    return h?.startsWith('Bearer ') ? h.slice(7).trim() : null;
  };
  const claimsOf = async (req: Request): Promise<TokenClaims> => {
    const token = bearer(req);
    if (!token) throw new ApiError(401, 'no_token', 'Send your session token as "Authorization: Bearer <token>".');
    try {
      return await service.authenticate(token);
    } catch (e) {
      if (e instanceof TokenError)
        throw new ApiError(401, e.code === 'expired' ? 'token_expired' : 'bad_token', `Your token is not valid: ${e.message}.`);
      throw e;
    }
  };
  const requireRole = async (req: Request, exerciseId: string, roles: ReadonlyArray<TokenClaims['role']>): Promise<TokenClaims> => {
    const claims = await claimsOf(req);
    if (claims.ex !== exerciseId) throw new ApiError(403, 'wrong_exercise', 'Your token belongs to another exercise.');
    if (!roles.includes(claims.role)) throw new ApiError(403, 'forbidden', `Only ${roles.join(' or ')} may do this.`);
    return claims;
  };
  const requireAdmin = (req: Request) => {
    if (deps.adminKey && bearer(req) !== deps.adminKey)
      throw new ApiError(401, 'admin_key', 'This server requires its admin key (CONCORD_ADMIN_KEY) for that.');
  };
  const body = <T extends z.ZodType>(schema: T, req: Request): z.infer<T> => {
    const parsed = schema.safeParse(req.body ?? {});
    if (!parsed.success) throw new ApiError(400, 'invalid_request', 'The request body is invalid.', zodProblems(parsed.error));
    return parsed.data;
  };
  const param = (req: Request, name: string): string => {
    const v = req.params[name];
    if (typeof v !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(v)) throw new ApiError(400, 'bad_id', `"${name}" is not a valid id.`);
    return v;
  };

  r.get('/health', async (_req, res) => {
    const rows = await service.store.exercises();
    res.json({
      ok: true,
      version: VERSION,
      uptimeSeconds: Math.round((Date.now() - deps.startedAt) / 1000),
      exercises: rows.length,
      unfinished: rows.filter((e) => e.status !== 'ended').length,
    });
  });

  r.get('/scenarios', (_req, res) => {
    res.json({ scenarios: catalog.list() });
  });

  r.post('/exercises', async (req, res) => {
    requireAdmin(req);
    const b = body(CreateExerciseRequest, req);
    let scenario: Scenario;
    if (b.scenarioId !== undefined) {
      const found = catalog.get(b.scenarioId);
      if (!found) throw new ApiError(404, 'unknown_scenario', `There is no shipped scenario "${b.scenarioId}".`);
      scenario = found;
    } else {
      const parsed = parseScenario(b.scenario);
      if (!parsed.ok)
        throw new ApiError(
          422,
          'invalid_scenario',
          `The scenario has ${parsed.problems.length} problem${parsed.problems.length === 1 ? '' : 's'}.`,
          parsed.problems.map((p) => ({ path: p.path === '(root)' ? 'scenario' : `scenario.${p.path}`, message: p.message })),
        );
      scenario = parsed.scenario;
    }
    const created = await service.createExercise(scenario, { seed: b.seed, createdBy: b.createdBy });
    await ensureRoom(created.id);
    res.status(201).json({
      id: created.id,
      scenario: { id: scenario.meta.id, title: scenario.meta.title, banner: scenario.meta.banner },
      codes: created.codes,
    });
  });

  r.get('/exercises', async (req, res) => {
    if (deps.adminKey && bearer(req) === deps.adminKey) {
      res.json({ exercises: await service.store.exercises() });
      return;
    }
    // A facilitator token lists its own exercise only, whether or not the server has an admin key.
    const claims = await claimsOf(req);
    if (claims.role !== 'facilitator') throw new ApiError(403, 'forbidden', 'Only exercise control may list exercises.');
    res.json({ exercises: (await service.store.exercises()).filter((e) => e.id === claims.ex) });
  });

  r.post('/join/preview', async (req, res) => {
    const b = body(JoinPreviewRequest, req);
    res.json(await service.preview(b.code));
  });

  r.post('/join', async (req, res) => {
    const b = body(JoinRequest, req);
    const joined = await service.join({ code: b.code, displayName: b.displayName, position: b.position });
    await ensureRoom(joined.claims.ex);
    const answer: JoinResponse = {
      token: joined.token,
      exerciseId: joined.claims.ex,
      participant: joined.claims.sub,
      role: joined.claims.role,
      nation: joined.claims.nation,
      position: joined.claims.position,
      displayName: joined.claims.name,
      expiresIn: joined.expiresIn,
      room: ROOM_NAME,
    };
    res.json(answer);
  });

  r.get('/exercises/:id/log', async (req, res) => {
    const id = param(req, 'id');
    await requireRole(req, id, ['facilitator', 'evaluator']);
    const events = await service.store.events(id, 0);
    res.type('application/x-ndjson').setHeader('content-disposition', `attachment; filename="${id}.jsonl"`);
    res.send(toJsonl(events));
  });

  r.get('/exercises/:id/state', async (req, res) => {
    const id = param(req, 'id');
    const claims = await requireRole(req, id, ['facilitator', 'evaluator', 'nation', 'observer']);
    const live = await service.exercise(id);
    const as = viewAs(live.state, claims, typeof req.query.as === 'string' ? req.query.as : undefined);
    if (!as.ok) throw new ApiError(as.code === 'forbidden' ? 403 : 400, as.code, as.message);
    // The picture as that audience's clients have it (it moves only when what it may see changes).
    res.json((await ensureRoom(id)).shown(as.audience));
  });

  r.get('/exercises/:id/codes', async (req, res) => {
    const id = param(req, 'id');
    await requireRole(req, id, ['facilitator']);
    res.json({ codes: await service.listCodes(id) });
  });

  r.post('/exercises/:id/codes/:code/rotate', async (req, res) => {
    const id = param(req, 'id');
    await requireRole(req, id, ['facilitator']);
    res.json({ code: await service.rotateCode(id, param(req, 'code')) });
  });

  r.delete('/exercises/:id/codes/:code', async (req, res) => {
    const id = param(req, 'id');
    await requireRole(req, id, ['facilitator']);
    await service.revokeCode(id, param(req, 'code'));
    res.status(204).end();
  });

  r.get('/exercises/:id/participants', async (req, res) => {
    const id = param(req, 'id');
    await requireRole(req, id, ['facilitator']);
    const online = new Set((await ensureRoom(id)).online().map((o) => o.participant));
    res.json({ participants: (await service.participants(id)).map((p) => ({ ...p, online: online.has(p.id) })) });
  });

  r.delete('/exercises/:id/participants/:pid', async (req, res) => {
    const id = param(req, 'id');
    const claims = await requireRole(req, id, ['facilitator']);
    const pid = param(req, 'pid');
    if (pid === claims.sub) throw new ApiError(400, 'self', 'You cannot remove yourself.');
    await service.removeParticipant(id, pid);
    const disconnected = (await ensureRoom(id)).removeParticipant(pid);
    res.json({ removed: pid, disconnected });
  });

  r.use((_req, _res, next) => next(new ApiError(404, 'not_found', 'No such API route.')));
  r.use(errorHandler(service));
  return r;
}

/** What body-parser and the router throw for bad requests: http-errors with a 4xx status. */
interface HttpError {
  status: number;
  type?: unknown;
  expose?: unknown;
}

function isClientHttpError(e: unknown): e is Error & HttpError {
  if (!(e instanceof Error)) return false;
  const status: unknown = (e as Error & { status?: unknown }).status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/** Every error becomes `{ error: { code, message, problems? } }`; only a server fault (500) is logged. */
function errorHandler(service: ConcordService) {
  return (err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const send = (status: number, code: string, message: string, problems?: unknown) =>
      res.status(status).json({ error: { code, message, ...(Array.isArray(problems) ? { problems } : {}) } });
    if (err instanceof ApiError) return send(err.status, err.code, err.message, err.details);
    // The router could not decode a path parameter (e.g. "%ZZ").
    if (err instanceof URIError)
      return send(400, 'bad_path', 'The path is not valid: a "%" in it must start a percent-encoded byte such as %25.');
    if (isClientHttpError(err)) {
      if (err.type === 'entity.too.large')
        return send(413, 'too_large', `The request body is too large (limit ${MAX_BODY.replace('mb', ' MB')}).`);
      if (err.type === 'encoding.unsupported')
        return send(415, 'unsupported_encoding', "The body's Content-Encoding is not supported: send it uncompressed or gzipped.");
      return send(
        err.status,
        'bad_request',
        err.expose === true ? `The request is not valid: ${err.message}.` : 'The request is not valid.',
      );
    }
    service.log.error({ err }, 'unhandled API error');
    return send(500, 'internal', 'Something went wrong on the server; nothing was changed.');
  };
}
