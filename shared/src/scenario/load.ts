/**
 * Turning untrusted input (a file, an upload) into a Scenario, or into a list of every problem
 * with its JSON path. Never throws on bad input.
 */
import { z } from 'zod';
import { ScenarioShape, type Scenario } from './schema.ts';
import { decodeUtf8, parseJson } from './text.ts';
import { crossCheck, formatPath, type ScenarioProblem } from './validate.ts';

export type ScenarioResult = { ok: true; scenario: Scenario } | { ok: false; problems: ScenarioProblem[] };

export function parseScenario(input: unknown): ScenarioResult {
  const shape = ScenarioShape.safeParse(input, { reportInput: true });
  if (!shape.success) return { ok: false, problems: zodProblems(shape.error) };
  const problems = crossCheck(shape.data);
  return problems.length ? { ok: false, problems } : { ok: true, scenario: shape.data };
}

/** A scenario's JSON text; a leading byte order mark is accepted, a syntax error names its line and column. */
export function parseScenarioText(text: string): ScenarioResult {
  const json = parseJson(text);
  if (!json.ok) return { ok: false, problems: [{ path: '(file)', message: `not valid JSON: ${json.message}` }] };
  return parseScenario(json.value);
}

/** A scenario file's bytes: UTF-8 (with or without a byte order mark), else refused. */
export function parseScenarioBytes(bytes: Uint8Array): ScenarioResult {
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) return { ok: false, problems: [{ path: '(file)', message: `${decoded.message}; save the file as UTF-8` }] };
  return parseScenarioText(decoded.text);
}

export function zodProblems(error: z.ZodError): ScenarioProblem[] {
  return error.issues.flatMap((issue) => flattenIssue(issue, []));
}

function flattenIssue(issue: z.core.$ZodIssue, prefix: PropertyKey[]): ScenarioProblem[] {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    // Report the branch that got furthest rather than "invalid input".
    const branches = issue.errors.map((errs) => errs.flatMap((e) => flattenIssue(e, path)));
    const best = branches.reduce((a, b) => (depth(b) > depth(a) ? b : a));
    if (best.length) return best;
  }
  if (issue.code === 'invalid_key' && issue.issues.length > 0) {
    const key = String(issue.path.at(-1) ?? '');
    return issue.issues.map((inner) => ({ path: formatPath(toParts(path)), message: `key "${key}": ${inner.message}` }));
  }
  if (issue.code === 'unrecognized_keys')
    return issue.keys.map((k) => ({ path: formatPath(toParts([...path, k])), message: `unknown field "${k}"` }));
  const missing = (issue.code === 'invalid_type' || issue.code === 'invalid_value') && 'input' in issue && issue.input === undefined;
  const expected =
    issue.code === 'invalid_type'
      ? issue.expected
      : issue.code === 'invalid_value'
        ? issue.values.map((v) => JSON.stringify(v)).join(' | ')
        : '';
  const message = missing ? `required field is missing (expected ${expected})` : issue.message;
  return [{ path: formatPath(toParts(path)), message }];
}

function toParts(path: PropertyKey[]): (string | number)[] {
  return path.map((p) => (typeof p === 'symbol' ? String(p) : p));
}

const depth = (ps: ScenarioProblem[]) => Math.max(0, ...ps.map((p) => p.path.length));

export const formatProblems = (problems: ScenarioProblem[]) => problems.map((p) => `${p.path}: ${p.message}`);

/** JSON Schema for editors, generated from the zod schema. */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ScenarioShape, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...schema, title: 'Concord scenario' };
}
