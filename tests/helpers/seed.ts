/**
 * Seeds for random tests. Every fast-check property in a test file runs from one seed: the value
 * of CONCORD_SEED when it is set, otherwise a fresh random one. The seed is printed when the file
 * loads and is the first line of every property failure, so a failure replays exactly with
 *
 *   CONCORD_SEED=<seed> npx vitest run <file>
 *
 * Call `useSeed(import.meta.url)` once at the top of a test file; it sets fast-check's global
 * parameters, so every `fc.assert` in the file (including ones added later) uses the seed.
 */
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';

export const SEED_VAR = 'CONCORD_SEED';

const MIN = -(2 ** 31);
const MAX = 2 ** 31 - 1;

/** The seed from the environment, or a random 32-bit one. Throws naming the variable when it is not an integer. */
export function readSeed(env: Readonly<Record<string, string | undefined>> = process.env): { seed: number; fromEnv: boolean } {
  const raw = env[SEED_VAR]?.trim();
  if (raw === undefined || raw === '') return { seed: (Math.random() * 2 ** 32) | 0, fromEnv: false };
  const seed = /^-?\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(seed) || seed < MIN || seed > MAX)
    throw new Error(`${SEED_VAR} must be an integer from ${MIN} to ${MAX}, not ${JSON.stringify(raw)}`);
  return { seed, fromEnv: true };
}

/** The command that replays a file with a seed. */
export const replayCommand = (seed: number, file: string): string => `${SEED_VAR}=${seed} npx vitest run ${file}`;

/** Seed every fast-check property of the calling test file; prints the seed and returns it. */
export function useSeed(fileUrl: string, env: Readonly<Record<string, string | undefined>> = process.env): number {
  const { seed, fromEnv } = readSeed(env);
  const file = relative(process.cwd(), fileURLToPath(fileUrl));
  const replay = replayCommand(seed, file);
  console.log(`[seed] ${file}: ${SEED_VAR}=${seed}${fromEnv ? ' (from the environment)' : ' (random)'}; replay with: ${replay}`);
  fc.configureGlobal({
    ...fc.readConfigureGlobal(),
    seed,
    reporter: (details) => {
      if (!details.failed) return;
      throw new Error(`Replay with: ${replay}\n${fc.defaultReportMessage(details)}`, { cause: details.errorInstance });
    },
  });
  return seed;
}
