/**
 * `concord` — the command line. Each sub-command is a thin shell over shared/ and server/
 * functions; it returns an exit code rather than calling process.exit, so tests can run it
 * in-process.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { Command, CommanderError } from 'commander';
import { formatProblems, parseScenarioBytes, scenarioJsonSchema, type Scenario } from '@concord/shared/scenario/index';
import { simulate } from '@concord/shared/sim/simulate';
import { parseJsonl, Replay, toJsonl } from '@concord/shared/replay/index';
import { audienceFromLabel, project } from '@concord/shared/views/index';

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

const processIo: Io = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
};

let stdioGuarded = false;

/**
 * A reader that stops early (`concord replay … | head`) closes the pipe: that is not a failure,
 * so EPIPE on standard output ends the process quietly with 0 (EPIPE on standard error is
 * ignored: there is nobody left to tell). Any other write error is one line and exit 1.
 */
function guardStdio(): void {
  if (stdioGuarded) return;
  stdioGuarded = true;
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    process.stderr.write(`concord: cannot write to standard output: ${err.code ?? err.message}\n`);
    process.exit(1);
  });
  process.stderr.on('error', () => undefined);
}

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  if (io === processIo) guardStdio();
  let code = 0;
  const program = new Command('concord')
    .description('Concord: facilitated crisis exercises between allied nations')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });

  const scenario = program.command('scenario').description('work with scenario files');

  scenario
    .command('validate')
    .description('check scenario files; exit 1 and list every problem if any is invalid')
    .argument('<files...>', 'scenario JSON files')
    .action(async (files: string[]) => {
      for (const file of files) {
        const problems = await validateFile(file);
        if (problems.length === 0) io.out(`✓ ${file}`);
        else {
          code = 1;
          io.err(`✗ ${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
          for (const line of problems) io.err(`  ${line}`);
        }
      }
    });

  scenario
    .command('schema')
    .description('print the JSON Schema of the scenario format')
    .option('--out <file>', 'write to a file instead of standard output')
    .action(async (opts: { out?: string }) => {
      const text = `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
      if (opts.out) {
        await writeFile(opts.out, text);
        io.out(`wrote ${opts.out}`);
      } else io.out(text);
    });

  program
    .command('simulate')
    .description('let bots play every role of a scenario and write the event log (same seed, same bytes)')
    .argument('<scenario>', 'scenario JSON file')
    .requiredOption('--seed <n>', 'random seed (integer)', parseInteger('--seed'))
    .option('--turns <k>', 'stop after k turns (default: all)', parseInteger('--turns'))
    .option('--intensity <x>', 'how busy the bots are (default 1)', parseNumber('--intensity'))
    .requiredOption('--out <log.jsonl>', 'where to write the log')
    .action(async (file: string, opts: { seed: number; turns?: number; intensity?: number; out: string }) => {
      const scenario = await loadScenario(file);
      const run = simulate(scenario, { seed: opts.seed, turns: opts.turns, intensity: opts.intensity });
      await writeFile(opts.out, toJsonl(run.events));
      io.out(
        `wrote ${opts.out}: ${run.events.length} events from ${run.commands} commands, turn ${run.state.turn}, ${run.state.status}` +
          (run.rejections.length ? `, ${run.rejections.length} commands refused` : ''),
      );
    });

  program
    .command('replay')
    .description('fold a log and print the state one audience saw, as JSON')
    .argument('<log>', 'exercise log (JSON Lines)')
    .option('--at <seq>', 'stop after this event (default: the end)', parseInteger('--at'))
    .option('--as <audience>', 'facilitator | evaluator | observer | a nation trigraph', 'facilitator')
    .action(async (file: string, opts: { at?: number; as: string }) => {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (e) {
        throw new CliError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
      const log = parseJsonl(text);
      if (!log.ok) throw new CliError(`${file} is not a valid exercise log:\n  ${log.problems.join('\n  ')}`);
      const replay = new Replay(log.events);
      const audience = audienceFromLabel(opts.as);
      const nations = replay.final.scenario.nations.map((n) => n.id);
      if (!audience || (audience.kind === 'nation' && !nations.includes(audience.nation)))
        throw new CliError(`--as ${opts.as}: expected facilitator, evaluator, observer or one of ${nations.join(', ')}`);
      if (opts.at !== undefined && (opts.at < 1 || opts.at > replay.lastSeq))
        throw new CliError(`--at ${opts.at}: the log runs from 1 to ${replay.lastSeq}`);
      io.out(JSON.stringify(project(replay.seek(opts.at ?? replay.lastSeq), audience), null, 2));
    });

  program
    .command('serve')
    .description('serve the API, the WebSocket and the client on one port')
    .option('--port <n>', 'port (default $PORT or 2567)', parseInteger('--port'))
    .option('--data <dir>', 'data directory (default $CONCORD_DATA_DIR or ./data)')
    .option('--scenarios <dir>', 'folder of scenario files offered to facilitators')
    .action(async (opts: { port?: number; data?: string; scenarios?: string }) => {
      const { startServer } = await import('./server.ts');
      let server: Awaited<ReturnType<typeof startServer>>;
      try {
        server = await startServer({ port: opts.port, dataDir: opts.data, scenariosDir: opts.scenarios });
      } catch (e) {
        // An invalid scenario in the folder, a port in use, an unreadable data directory: say so, no trace.
        throw new CliError(`cannot start the server: ${e instanceof Error ? e.message : String(e)}`);
      }
      io.out(`Concord is running on ${server.url}`);
      const stop = () => {
        server.close().then(
          () => process.exit(0),
          (e: unknown) => {
            io.err(`concord: could not stop cleanly: ${e instanceof Error ? e.message : String(e)}`);
            process.exit(1);
          },
        );
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      await new Promise<never>(() => {});
    });

  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof CliError) {
      io.err(`concord: ${e.message}`);
      return 1;
    }
    throw e;
  }
  return code;
}

export class CliError extends Error {}

function parseInteger(flag: string) {
  return (v: string): number => {
    if (!/^-?\d+$/.test(v)) throw new CliError(`${flag} must be an integer, not "${v}"`);
    return Number(v);
  };
}

function parseNumber(flag: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw new CliError(`${flag} must be a non-negative number, not "${v}"`);
    return n;
  };
}

async function loadScenario(file: string): Promise<Scenario> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    throw new CliError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const result = parseScenarioBytes(bytes);
  if (!result.ok) throw new CliError(`${file} is not a valid scenario:\n  ${formatProblems(result.problems).join('\n  ')}`);
  return result.scenario;
}

async function validateFile(file: string): Promise<string[]> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    return [`(file): cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`];
  }
  const result = parseScenarioBytes(bytes);
  return result.ok ? [] : formatProblems(result.problems);
}
