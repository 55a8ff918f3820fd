/**
 * What every browser test file stands on: the real server serving the built client on a free
 * port with its own data directory, and Debian's Chromium. `useE2E` registers the set-up and the
 * tear-down with Vitest; the accessors throw if the set-up failed part way, and the tear-down
 * survives that.
 */
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startServer, type RunningServer } from '../../server/src/server.ts';
import { buildClientIfStale } from '../../scripts/ensure-client.ts';
import { quietLog, tempDir } from '../integration/support.ts';
import { launchBrowser } from './browser.ts';

const CLIENT_DIST = fileURLToPath(new URL('../../client/dist/', import.meta.url));

/** What a set-up gave, or a clear error when it did not get that far. */
export function up<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} is not up`);
  return value;
}

export interface E2E {
  server(): RunningServer;
  browser(): Browser;
  /** Every browser context a test opened, closed at the end (in the order opened). */
  readonly contexts: BrowserContext[];
}

export function useE2E(tempPrefix: string): E2E {
  let server: RunningServer | undefined;
  let dir: Awaited<ReturnType<typeof tempDir>> | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    buildClientIfStale();
    dir = await tempDir(tempPrefix);
    server = await startServer({ port: 0, host: '127.0.0.1', dataDir: dir.path, clientDir: CLIENT_DIST, log: quietLog() });
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
    await dir?.remove();
  });
  return { server: () => up(server, 'the server'), browser: () => up(browser, 'the browser'), contexts };
}
