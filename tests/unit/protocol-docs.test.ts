/**
 * docs/protocol.md is generated from the schemas: it must be fresh, name every command with its
 * roles and rejection codes, show valid examples, and list the REST routes the router really has.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Command, COMMAND_TYPES, commandInfo, GENERAL_REJECTIONS } from '../../shared/src/protocol/index.ts';
import { DOCS_PATH, FLOOD_LIMIT, renderProtocolDocs, REST_ENDPOINTS, TRANSPORT_REJECTIONS } from '../../scripts/protocol-docs.ts';

const rendered = renderProtocolDocs();
const source = (path: string) => readFileSync(fileURLToPath(new URL(path, import.meta.url)), 'utf8');

/** The text of one command's section: from its heading to the next heading. */
function section(doc: string, type: string): string {
  const start = doc.indexOf(`\n#### \`${type}\`\n`);
  if (start < 0) return '';
  const rest = doc.slice(start + 1);
  const end = rest.slice(1).search(/\n#{2,4} /);
  return end < 0 ? rest : rest.slice(0, end + 1);
}

describe('docs/protocol.md', () => {
  it('is up to date with the schemas', () => {
    let current = '';
    try {
      current = readFileSync(DOCS_PATH, 'utf8');
    } catch {
      // Missing: compared below.
    }
    expect(current === rendered, 'docs/protocol.md is stale: run `npm run docs`').toBe(true);
  });

  it('is deterministic', () => {
    expect(renderProtocolDocs()).toBe(rendered);
  });

  it.each(COMMAND_TYPES)('documents %s with its roles, rejections and a valid example', (type) => {
    const info = commandInfo[type];
    const text = section(rendered, type);
    expect(text, `no section for ${type}`).not.toBe('');
    expect(text).toContain(`**Sent by:** ${info.roles.join(', ')}\n`);
    expect(text).toContain(info.summary);
    for (const [code, meaning] of Object.entries(info.rejections)) expect(text).toContain(`| \`${code}\` | ${meaning} |`);

    const example = /```json\n([\s\S]*?)\n```/.exec(text)?.[1];
    expect(example, `no example for ${type}`).toBeDefined();
    const parsed = Command.safeParse(JSON.parse(example ?? 'null'));
    expect(parsed.success).toBe(true);
    expect(parsed.data?.type).toBe(type);
  });

  it('lists every general rejection code', () => {
    for (const code of [...Object.keys(GENERAL_REJECTIONS), ...Object.keys(TRANSPORT_REJECTIONS)])
      expect(rendered).toContain(`| \`${code}\` |`);
    expect(Object.keys(TRANSPORT_REJECTIONS)).toEqual(['rate_limited', 'not_joined', 'storage_error']);
  });

  it('lists exactly the routes of the REST router', () => {
    const routes = [...source('../../server/src/http/api.ts').matchAll(/\br\.(get|post|put|patch|delete)\(\s*'([^']+)'/g)].map(
      (m) => `${m[1]!.toUpperCase()} /api${m[2]!}`,
    );
    expect(REST_ENDPOINTS.map((e) => `${e.method} ${e.path}`).sort()).toEqual(routes.sort());
    for (const e of REST_ENDPOINTS) expect(rendered).toContain(`| ${e.method} | \`${e.path}\` |`);
  });

  it('says how a client passes its token: client.auth.token before joining, not a join option', () => {
    const connecting = rendered.slice(rendered.indexOf('## Connecting'), rendered.indexOf('## Commands on the wire'));
    expect(connecting).toContain('client.auth.token = token;');
    expect(connecting).toContain('await client.joinById(exerciseId);');
    expect(connecting).toContain('`client.joinById(exerciseId, { token })` is refused');
  });

  it('states the room flood limit the room really has', () => {
    const m = /maxMessagesPerSecond\s*=\s*(\d+)/.exec(source('../../server/src/rooms/exercise-room.ts'));
    expect(Number(m?.[1])).toBe(FLOOD_LIMIT);
  });
});
