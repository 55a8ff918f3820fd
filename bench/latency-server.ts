/**
 * The server side of the latency benchmark, run as a child process so that its CPU and memory
 * can be read from /proc: `node bench/latency-server.ts concord|bare <port> <dataDir>`.
 */
import http from 'node:http';
import express from 'express';
import { Room, Server, type Client } from '@colyseus/core';
import { WebSocketTransport } from '@colyseus/ws-transport';
import { pino } from 'pino';
import { startServer } from '../server/src/server.ts';

/** The baseline: a room with no rules and no storage that echoes each request to everyone in it. */
class EchoRoom extends Room {
  override autoDispose = false;
  override patchRate = null;
  override messages = {
    command: (client: Client, payload: unknown) => {
      this.broadcast('echo', payload);
      return { ok: true, from: client.sessionId };
    },
  };
  override onCreate(options: { id?: string }): void {
    if (options.id) this.roomId = options.id;
  }
}

const [kind, portArg, dataDir] = process.argv.slice(2);
const port = Number(portArg);
if (kind === 'concord') {
  await startServer({
    port,
    host: '127.0.0.1',
    dataDir: dataDir!,
    log: pino({ level: 'warn' }),
    rate: { perSecond: 50, burst: 100 },
    clientDir: '/nonexistent',
  });
} else if (kind === 'bare') {
  const httpServer = http.createServer(express());
  const transport = new WebSocketTransport({ server: httpServer, maxPayload: 64 * 1024 });
  const server = new Server({ transport, greet: false, gracefullyShutdown: false });
  server.define('echo', EchoRoom);
  await server.listen(port, '127.0.0.1');
} else {
  console.error('usage: latency-server.ts concord|bare <port> <dataDir>');
  process.exit(2);
}
console.log('ready');
