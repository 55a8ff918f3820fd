/** The scenarios shipped in scenarios/ (or another folder), validated once at start. */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatProblems, parseScenarioBytes, type Scenario } from '@concord/shared/scenario/index';

export interface CatalogEntry {
  file: string;
  scenario: Scenario;
}

export class ScenarioCatalog {
  private readonly byId = new Map<string, CatalogEntry>();

  static async load(dir: string): Promise<ScenarioCatalog> {
    const catalog = new ScenarioCatalog();
    const files = (await readdir(dir)).filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json')).sort();
    for (const f of files) {
      const result = parseScenarioBytes(await readFile(join(dir, f)));
      if (!result.ok) throw new Error(`scenario ${f} is invalid:\n  ${formatProblems(result.problems).join('\n  ')}`);
      catalog.byId.set(result.scenario.meta.id, { file: f, scenario: result.scenario });
    }
    return catalog;
  }

  get(id: string): Scenario | undefined {
    return this.byId.get(id)?.scenario;
  }

  list(): Array<{
    id: string;
    title: string;
    version: string;
    description: string;
    banner: string;
    turns: number;
    nations: Array<{ id: string; name: string; colour: string }>;
  }> {
    return [...this.byId.values()].map(({ scenario: s }) => ({
      id: s.meta.id,
      title: s.meta.title,
      version: s.meta.version,
      description: s.meta.description,
      banner: s.meta.banner,
      turns: s.clock.turns,
      nations: s.nations.map((n) => ({ id: n.id, name: n.name, colour: n.colour })),
    }));
  }
}
