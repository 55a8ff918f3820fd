/**
 * Turning untrusted input (a file, an upload) into a Scenario, or into a list of every problem
 * with its JSON path. Never throws on bad input.
 */
import { z } from 'zod';
import { ScenarioShape, type Scenario } from './schema.ts';
import { crossCheck, formatPath, type ScenarioProblem } from './validate.ts';

export type ScenarioResult = { ok: true; scenario: Scenario } | { ok: false; problems: ScenarioProblem[] };

export function parseScenario(input: unknown): ScenarioResult {
  const shape = ScenarioShape.safeParse(input);
  if (!shape.success) return { ok: false, problems: zodProblems(shape.error) };
  const problems = crossCheck(shape.data);
  return problems.length ? { ok: false, problems } : { ok: true, scenario: shape.data };
}

export function parseScenarioText(text: string): ScenarioResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, problems: [{ path: '(file)', message: `not valid JSON: ${(e as Error).message}` }] };
  }
  return parseScenario(json);
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
  const parts = path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  const missing = /^Invalid input: expected (.+), received undefined$/.exec(issue.message);
  const message = missing ? `required field is missing (expected ${missing[1]})` : issue.message;
  return [{ path: formatPath(parts), message }];
}

const depth = (ps: ScenarioProblem[]) => Math.max(0, ...ps.map((p) => p.path.length));

export const formatProblems = (problems: ScenarioProblem[]) => problems.map((p) => `${p.path}: ${p.message}`);

/** JSON Schema for editors, generated from the zod schema. */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ScenarioShape, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...schema, title: 'Concord scenario' };
}
