/**
 * `concord` — the command line. Each sub-command is a thin shell over shared/ and server/
 * functions; it returns an exit code rather than calling process.exit, so tests can run it
 * in-process.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { Command, CommanderError } from 'commander';
import { formatProblems, parseScenarioText, scenarioJsonSchema } from '@concord/shared/scenario/index';

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

const processIo: Io = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
};

export async function main(argv: string[], io: Io = processIo): Promise<number> {
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

async function validateFile(file: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    return [`(file): cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`];
  }
  const result = parseScenarioText(text);
  return result.ok ? [] : formatProblems(result.problems);
}
