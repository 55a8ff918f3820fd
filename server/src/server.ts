/**
 * One process, one port: the HTTP API, the Colyseus WebSocket and the built client.
 */
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { Duplex } from 'node:stream';
import { join, resolve } from 'node:path';
import { format } from 'node:util';
import express from 'express';
import { Server } from '@colyseus/core';
import { WebSocketTransport } from '@colyseus/ws-transport';
import { pino, type Logger } from 'pino';
import { ConcordService } from './host/service.ts';
import { ScenarioCatalog } from './host/catalog.ts';
import { SqliteEventStore } from './store/sqlite.ts';
import type { EventStore } from './store/types.ts';
import { apiRouter, ensureRoom, ROOM_NAME } from './http/api.ts';
import { ExerciseRoom } from './rooms/exercise-room.ts';

const ROOT = resolve(import.meta.dirname, '../..');

/** Largest client→server WebSocket frame. Commands are bounded well below this by their schemas. */
export const MAX_FRAME_BYTES = 64 * 1024;
/** Largest request head (request line and headers together), Node's default made explicit. */
export const MAX_HEADER_BYTES = 16 * 1024;

export interface ServerOptions {
  port?: number;
  host?: string;
  dataDir?: string;
  scenariosDir?: string;
  clientDir?: string;
  adminKey?: string;
  log?: Logger;
  store?: EventStore;
  /** Soft per-client command rate (commands per second and burst). */
  rate?: { perSecond: number; burst: number };
  /** The clock that stamps commands and drives due times (tests move it; defaults to Date.now). */
  now?: () => number;
}

export interface RunningServer {
  port: number;
  url: string;
  service: ConcordService;
  close(): Promise<void>;
}

export function defaultLogger(): Logger {
  return pino({ level: process.env.LOG_LEVEL ?? 'info', base: { svc: 'concord' } });
}

export async function startServer(opts: ServerOptions = {}): Promise<RunningServer> {
  const log = opts.log ?? defaultLogger();
  // The scenarios first: an invalid one stops the start before anything is opened.
  const catalog = await ScenarioCatalog.load(opts.scenariosDir ?? join(ROOT, 'scenarios'));
  const dataDir = resolve(opts.dataDir ?? process.env.CONCORD_DATA_DIR ?? 'data');
  const store = opts.store ?? new SqliteEventStore(join(dataDir, 'concord.sqlite'));
  const service = await ConcordService.open({ store, log, now: opts.now });
  ExerciseRoom.service = service;
  if (opts.rate) ExerciseRoom.rate = opts.rate;

  const app = express();
  app.disable('x-powered-by');
  app.use('/api', apiRouter({ service, catalog, startedAt: Date.now(), adminKey: opts.adminKey ?? process.env.CONCORD_ADMIN_KEY }));
  const clientDir = opts.clientDir ?? join(ROOT, 'client', 'dist');
  if (existsSync(join(clientDir, 'index.html'))) {
    app.use(express.static(clientDir, { index: 'index.html', maxAge: '1h', setHeaders: noCacheForHtml }));
    // Client-side routes (e.g. /join/CODE) fall back to the app.
    app.get(/^\/(?!api\/|matchmake\/).*/, (_req, res) => res.sendFile(join(clientDir, 'index.html')));
  } else {
    log.warn({ clientDir }, 'no built client found; serving the API and WebSocket only (run `npm run build`)');
  }

  const httpServer = http.createServer({ maxHeaderSize: MAX_HEADER_BYTES }, app);
  httpServer.on('clientError', answerClientError);
  const transport = new WebSocketTransport({ server: httpServer, maxPayload: MAX_FRAME_BYTES });
  const gameServer = new Server({ transport, greet: false, gracefullyShutdown: false, logger: colyseusLogger(log) });
  gameServer.define(ROOM_NAME, ExerciseRoom);
  const port = opts.port ?? Number(process.env.PORT ?? 2567);
  await gameServer.listen(port, opts.host);
  const address = httpServer.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;

  // Bring every unfinished exercise back, so that rejoining clients find their room.
  const unfinished = await service.unfinished();
  for (const id of unfinished) {
    try {
      await ensureRoom(id);
    } catch (err) {
      log.error({ exercise: id, err }, 'could not restore exercise');
    }
  }
  log.info({ port: actualPort, dataDir, restored: unfinished.length, scenarios: catalog.list().map((s) => s.id) }, 'concord listening');

  let closed = false;
  return {
    port: actualPort,
    url: `http://localhost:${actualPort}`,
    service,
    async close() {
      if (closed) return;
      closed = true;
      await gameServer.gracefullyShutdown(false);
      // Every exercise's clock stops before the store closes.
      await service.close();
      await store.close();
      log.info('concord stopped');
    },
  };
}

/**
 * A request Node could not parse never reaches Express: answer it here, with a short JSON body
 * that says what was wrong (Node's default answer has an empty body), then close the connection.
 */
export function answerClientError(err: Error & { code?: string }, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, reason, code, message] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [
          431,
          'Request Header Fields Too Large',
          'headers_too_large',
          `The request headers are too large: at most ${MAX_HEADER_BYTES / 1024} KiB in all.`,
        ]
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'timeout', 'The request took too long to arrive.']
        : [400, 'Bad Request', 'bad_request', 'The request is not valid HTTP.'];
  const body = JSON.stringify({ error: { code, message } });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

/**
 * Colyseus logs through the server's pino logger (as JSON lines), not the console. Its error
 * reports (a frame it could not decode, a refused join, a socket error) are about what a client
 * sent, so each is logged as one warn line without its stack trace; DEBUG=colyseus:errors still
 * prints the whole report.
 */
function colyseusLogger(log: Logger) {
  const child = log.child({ component: 'colyseus' });
  const line = (args: unknown[]) => format(...args);
  return {
    debug: (...args: unknown[]) => child.debug(line(args)),
    trace: (...args: unknown[]) => child.trace(line(args)),
    info: (...args: unknown[]) => child.info(line(args)),
    warn: (...args: unknown[]) => child.warn(line(args)),
    error: (...args: unknown[]) => child.warn(line(args).split('\n', 1)[0] ?? ''),
  };
}

function noCacheForHtml(res: http.ServerResponse, path: string): void {
  if (path.endsWith('.html')) res.setHeader('cache-control', 'no-cache');
}
