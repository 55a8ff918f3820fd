/**
 * One process, one port: the HTTP API, the Colyseus WebSocket and the built client.
 */
import { existsSync } from 'node:fs';
import http from 'node:http';
import { join, resolve } from 'node:path';
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
  const dataDir = resolve(opts.dataDir ?? process.env.CONCORD_DATA_DIR ?? 'data');
  const store = opts.store ?? new SqliteEventStore(join(dataDir, 'concord.sqlite'));
  const service = await ConcordService.open({ store, log });
  const catalog = await ScenarioCatalog.load(opts.scenariosDir ?? join(ROOT, 'scenarios'));
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

  const httpServer = http.createServer(app);
  const transport = new WebSocketTransport({ server: httpServer, maxPayload: MAX_FRAME_BYTES });
  const gameServer = new Server({ transport, greet: false, gracefullyShutdown: false });
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
      await store.close();
      log.info('concord stopped');
    },
  };
}

function noCacheForHtml(res: http.ServerResponse, path: string): void {
  if (path.endsWith('.html')) res.setHeader('cache-control', 'no-cache');
}
