/**
 * Build the client if the build is missing or older than its sources (run by `npm start`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const STAMP = join(ROOT, 'client', 'dist', 'index.html');
const SOURCES = ['client/src', 'client/index.html', 'client/vite.config.ts', 'client/package.json', 'client/public', 'shared/src'].map(
  (p) => join(ROOT, p),
);

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let m = st.mtimeMs;
  for (const entry of readdirSync(path)) m = Math.max(m, newest(join(path, entry)));
  return m;
}

export function clientIsStale(): boolean {
  if (!existsSync(STAMP)) return true;
  const built = statSync(STAMP).mtimeMs;
  return SOURCES.some((s) => newest(s) > built);
}

/** Build the client with Vite when it is missing or stale; returns whether it built. */
export function buildClientIfStale(log: (s: string) => void = console.log): boolean {
  if (!clientIsStale()) return false;
  log('concord: building the client…');
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(ROOT, 'client', 'vite.config.ts')],
    {
      stdio: 'inherit',
      cwd: ROOT,
    },
  );
  return true;
}

if (import.meta.main && !buildClientIfStale()) console.log('concord: client build is up to date');
