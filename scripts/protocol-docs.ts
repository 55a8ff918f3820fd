/**
 * Generates docs/protocol.md, the reference of Concord's wire protocol, from the zod schemas and
 * the command info records (roles, summary, rejections). Nothing about a command is written by
 * hand here: add a command to a concern and rerun `npm run docs`.
 *
 *   node scripts/protocol-docs.ts           write docs/protocol.md
 *   node scripts/protocol-docs.ts --check   exit 1 if docs/protocol.md is stale
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import {
  ApiErrorBody,
  COMMAND,
  Command,
  COMMAND_TYPES,
  commandInfo,
  CreateExerciseRequest,
  GENERAL_REJECTIONS,
  JoinRequest,
  JoinResponse,
  PatchPush,
  PUSH,
  Reply,
  VIEW,
  ViewPush,
  ViewRequest,
  type CommandType,
} from '../shared/src/protocol/index.ts';
import { CommandId, EventMeta } from '../shared/src/engine/envelope.ts';
import { EngineEvent } from '../shared/src/engine/events.ts';
import { CONCERNS as ENGINE_CONCERNS } from '../shared/src/engine/concerns.ts';
import { MAX_FRAME_BYTES, MAX_HEADER_BYTES } from '../server/src/server.ts';
import { CLOSE_REMOVED, ExerciseRoom, RECONNECT_SECONDS } from '../server/src/rooms/exercise-room.ts';
import { MAX_BODY, ROOM_NAME } from '../server/src/http/api.ts';

type JsonSchema = z.core.JSONSchema.JSONSchema;
type SchemaOrBool = z.core.JSONSchema._JSONSchema;

/** Where the generated reference lives. */
export const DOCS_PATH = fileURLToPath(new URL('../docs/protocol.md', import.meta.url));

/** The concerns, from the engine's own list (those without commands have nothing to document here). */
const CONCERNS: ReadonlyArray<{ title: string; commands: readonly z.ZodType[] }> = ENGINE_CONCERNS.filter((c) => c.commands.length > 0).map(
  (c) => ({ title: c.name.charAt(0).toUpperCase() + c.name.slice(1), commands: c.commands }),
);

/** Codes the room and the live exercise answer with besides the engine's GENERAL_REJECTIONS. */
export const TRANSPORT_REJECTIONS: Readonly<Record<string, string>> = {
  rate_limited: `Too many commands from this connection (by default at most ${ExerciseRoom.rate.perSecond} a second, bursts of ${ExerciseRoom.rate.burst}). Nothing was changed; retry shortly with the same id.`,
  not_joined: 'The connection has not joined the exercise yet.',
  storage_error: 'The command could not be saved, so nothing changed. Retry with the same id.',
};

/** Messages a second after which Colyseus drops a flooding client (ExerciseRoom.maxMessagesPerSecond). */
export const FLOOD_LIMIT = 60;
/** Close code of a WebSocket frame over the limit (RFC 6455 "message too big"). */
export const CLOSE_TOO_LARGE = 1009;
/** Colyseus CloseCode.WITH_ERROR: the server dropped the client. */
export const CLOSE_KICKED = 4002;

export interface Endpoint {
  method: 'GET' | 'POST' | 'DELETE';
  /** Full path, with the `/api` prefix the server mounts the router on. */
  path: string;
  who: string;
  body: string;
  answer: string;
}

const FACILITATOR = 'a facilitator token of that exercise';

/** The REST routes of server/src/http/api.ts (not schema-driven; a test compares them with the router). */
export const REST_ENDPOINTS: readonly Endpoint[] = [
  { method: 'GET', path: '/api/health', who: 'anyone', body: '—', answer: '`{ ok, version, uptimeSeconds, exercises, unfinished }`' },
  { method: 'GET', path: '/api/scenarios', who: 'anyone', body: '—', answer: '`{ scenarios }`: the shipped scenarios' },
  {
    method: 'POST',
    path: '/api/exercises',
    who: 'the admin key if the server has one (`CONCORD_ADMIN_KEY`), otherwise anyone',
    body: '[CreateExerciseRequest](#createexerciserequest)',
    answer: '201 `{ id, scenario: { id, title, banner }, codes }`: the new exercise and its join codes',
  },
  {
    method: 'GET',
    path: '/api/exercises',
    who: 'the admin key (every exercise), or a facilitator token (its own exercise only)',
    body: '—',
    answer: '`{ exercises }`',
  },
  {
    method: 'POST',
    path: '/api/join/preview',
    who: 'anyone holding a join code',
    body: '`{ code }`',
    answer: '`{ exerciseTitle, banner, role, nation: { id, name, positions } | null }`: what the code opens, without joining',
  },
  {
    method: 'POST',
    path: '/api/join',
    who: 'anyone holding a join code',
    body: '[JoinRequest](#joinrequest)',
    answer: '[JoinResponse](#joinresponse): the session token for the room',
  },
  {
    method: 'GET',
    path: '/api/exercises/:id/log',
    who: 'a facilitator or evaluator token of that exercise',
    body: '—',
    answer: 'The event log as NDJSON (`application/x-ndjson`), one [event](#events) a line',
  },
  {
    method: 'GET',
    path: '/api/exercises/:id/state',
    who: 'any token of that exercise',
    body: "— (query `as`: an audience label, default the caller's own; as for the `view` request, only exercise control may name another)",
    answer: '`{ seq, view }`: the picture that audience is shown (the same as its clients have); 403 `forbidden`, 400 `unknown_audience`',
  },
  {
    method: 'GET',
    path: '/api/exercises/:id/codes',
    who: FACILITATOR,
    body: '—',
    answer: '`{ codes }`: the join codes (without their secrets)',
  },
  {
    method: 'POST',
    path: '/api/exercises/:id/codes/:code/rotate',
    who: FACILITATOR,
    body: '—',
    answer: '`{ code }`: a fresh code for the same seat; `:code` (a code id) is revoked',
  },
  { method: 'DELETE', path: '/api/exercises/:id/codes/:code', who: FACILITATOR, body: '—', answer: '204: the code is revoked' },
  {
    method: 'GET',
    path: '/api/exercises/:id/participants',
    who: FACILITATOR,
    body: '—',
    answer: '`{ participants }`, each with an `online` flag',
  },
  {
    method: 'DELETE',
    path: '/api/exercises/:id/participants/:pid',
    who: `${FACILITATOR} (not for themselves)`,
    body: '—',
    answer: `\`{ removed, disconnected }\`; the participant's connections are closed with ${CLOSE_REMOVED}`,
  },
];

// ---------------------------------------------------------------------------------------------
// JSON Schema helpers

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

function jsonSchema(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
}

function asSchema(s: SchemaOrBool | undefined): JsonSchema {
  if (s === undefined || s === true) return {};
  if (s === false) return { not: {} };
  return s;
}

function itemsOf(s: JsonSchema): JsonSchema | undefined {
  return s.items === undefined || Array.isArray(s.items) ? undefined : asSchema(s.items);
}

const variantsOf = (s: JsonSchema): JsonSchema[] | undefined => s.anyOf ?? s.oneOf;

const isObject = (s: JsonSchema): boolean => s.type === 'object' || s.properties !== undefined;

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function range(min: number | undefined, max: number | undefined, unit: string): string | null {
  if (min !== undefined && max !== undefined) return min === max ? `exactly ${plural(min, unit)}` : `${min}–${max} ${unit}s`;
  if (max !== undefined) return `at most ${plural(max, unit)}`;
  if (min !== undefined) return `at least ${plural(min, unit)}`;
  return null;
}

function typeLabel(s: JsonSchema): string {
  if (s.const !== undefined) return JSON.stringify(s.const);
  const variants = variantsOf(s);
  if (variants) return [...new Set(variants.map(typeLabel))].join(' or ');
  if (s.$ref !== undefined) return 'object';
  if (s.not !== undefined && Object.keys(s).length === 1) return 'nothing';
  const t = s.type;
  if (t === 'array') {
    const items = itemsOf(s);
    const inner = items ? typeLabel(items) : 'any JSON';
    return `array of ${inner.includes(' or ') ? `(${inner})` : inner}`;
  }
  if (t === 'string' && s.format !== undefined) return `string (${s.format})`;
  if (Array.isArray(t)) return t.join(' or ');
  if (t === undefined) return s.properties ? 'object' : 'any JSON';
  return t;
}

function constraints(s: JsonSchema): string[] {
  const out: string[] = [];
  if (s.enum) out.push(`one of ${s.enum.map((v) => code(String(v))).join(', ')}`);
  const chars = range(s.minLength, s.maxLength, 'character');
  if (chars) out.push(chars);
  if (s.pattern !== undefined) out.push(`pattern ${code(s.pattern)}`);
  const min = s.minimum !== undefined && s.minimum > -MAX_SAFE ? s.minimum : undefined;
  const max = s.maximum !== undefined && s.maximum < MAX_SAFE ? s.maximum : undefined;
  if (min !== undefined && max !== undefined) out.push(`${min}–${max}`);
  else if (min !== undefined) out.push(`≥ ${min}`);
  else if (max !== undefined) out.push(`≤ ${max}`);
  if (typeof s.exclusiveMinimum === 'number') out.push(`> ${s.exclusiveMinimum}`);
  if (typeof s.exclusiveMaximum === 'number') out.push(`< ${s.exclusiveMaximum}`);
  const items = range(s.minItems, s.maxItems, 'item');
  if (items) out.push(items);
  const item = itemsOf(s);
  if (item && !isObject(item)) {
    const each = constraints(item);
    if (each.length) out.push(`each: ${each.join(', ')}`);
  }
  const variants = variantsOf(s);
  if (variants) for (const v of variants) if (!isObject(v)) out.push(...constraints(v));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Markdown helpers

/** An inline code span that survives backticks in its content. */
function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** Escape a value for a GFM table cell (pipes, even inside code spans, and line breaks). */
const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

function table(head: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(head), `|${head.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

const json = (value: unknown): string => JSON.stringify(value, null, 2);

// ---------------------------------------------------------------------------------------------
// Field tables

interface Row {
  name: string;
  type: string;
  presence: string;
  constraints: string;
  description: string;
}

function presence(s: JsonSchema, required: boolean, when: string): string {
  const base = s.default !== undefined ? `optional, default ${code(JSON.stringify(s.default))}` : required ? 'required' : 'optional';
  return when === '' ? base : `${base} ${when}`;
}

/**
 * One row per property, then rows for the fields of nested objects (`a.b`, `a[].b`). `when` says
 * which shape of a union the fields belong to (e.g. "when `kind` is `"region"`").
 */
function objectRows(s: JsonSchema, prefix = '', skip: ReadonlySet<string> = new Set(), when = ''): Row[] {
  const required = new Set(s.required ?? []);
  const rows: Row[] = [];
  for (const [key, raw] of Object.entries(s.properties ?? {})) {
    if (skip.has(key)) continue;
    const p = asSchema(raw);
    const name = `${prefix}${key}`;
    rows.push({
      name,
      type: typeLabel(p),
      presence: presence(p, required.has(key), when),
      constraints: constraints(p).join('; '),
      description: p.description ?? '',
    });
    rows.push(...nestedRows(p, name));
  }
  return rows;
}

function nestedRows(s: JsonSchema, name: string): Row[] {
  const items = itemsOf(s);
  if (s.type === 'array' && items) return nestedRows(items, `${name}[]`);
  if (isObject(s)) return objectRows(s, `${name}.`);
  const objects = (variantsOf(s) ?? []).filter(isObject);
  if (objects.length === 0) return [];
  if (objects.length === 1) return objectRows(objects[0]!, `${name}.`);
  // Several object shapes: find the discriminator (a field every shape fixes with a constant).
  const first = objects[0]!;
  const tag = Object.keys(first.properties ?? {}).find((k) =>
    objects.every((o) => o.properties?.[k] !== undefined && asSchema(o.properties[k]).const !== undefined),
  );
  if (tag === undefined) return objects.flatMap((o, i) => objectRows(o, `${name}.`, new Set(), `in shape ${i + 1}`));
  const tags = objects.map((o) => asSchema(o.properties?.[tag]).const);
  const rows: Row[] = [
    {
      name: `${name}.${tag}`,
      type: tags.map((t) => JSON.stringify(t)).join(' or '),
      presence: 'required',
      constraints: '',
      description: 'Selects which of the fields below apply.',
    },
  ];
  for (const o of objects) {
    const value = JSON.stringify(asSchema(o.properties?.[tag]).const);
    rows.push(...objectRows(o, `${name}.`, new Set([tag]), `when ${code(tag)} is ${code(value)}`));
  }
  return rows;
}

function fieldTable(rows: readonly Row[]): string {
  if (rows.length === 0) return '_No fields._';
  return table(
    ['Field', 'Type', 'Presence', 'Constraints', 'Description'],
    rows.map((r) => [code(r.name), r.type, r.presence, r.constraints, r.description]),
  );
}

const schemaTable = (schema: z.ZodType): string => fieldTable(objectRows(jsonSchema(schema)));

// ---------------------------------------------------------------------------------------------
// Examples, built from the schema: required fields get a sample value, defaulted ones their default.

function words(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function sampleString(s: JsonSchema, name: string): string {
  const stem = name.replace(/[^A-Za-z0-9]/g, '') || 'value';
  const candidates = [`Example ${words(stem)}`, `${stem}-1`, 'CAL', 'x'];
  const pattern = s.pattern === undefined ? null : new RegExp(s.pattern, 'u');
  const fits = (c: string) =>
    (pattern === null || pattern.test(c)) && c.length >= (s.minLength ?? 0) && c.length <= (s.maxLength ?? Infinity);
  const found = candidates.find(fits);
  if (found === undefined) throw new Error(`protocol-docs: no sample string for "${name}" (pattern ${s.pattern ?? 'none'})`);
  return found;
}

function sample(s: JsonSchema, name: string): unknown {
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  const variants = variantsOf(s);
  if (variants && variants[0]) return sample(variants[0], name);
  switch (s.type) {
    case 'string':
      return sampleString(s, name);
    case 'integer':
    case 'number':
      return s.minimum !== undefined && s.minimum > -MAX_SAFE ? s.minimum : Math.min(1, s.maximum ?? 1);
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'array': {
      const items = itemsOf(s) ?? {};
      return Array.from({ length: s.minItems ?? 0 }, () => sample(items, name.replace(/s$/, '')));
    }
    default:
      return isObject(s) ? exampleObject(s) : null;
  }
}

function exampleObject(s: JsonSchema): Record<string, unknown> {
  const required = new Set(s.required ?? []);
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(s.properties ?? {})) {
    const p = asSchema(raw);
    if (required.has(key)) out[key] = sample(p, key);
    else if (p.default !== undefined) out[key] = p.default;
  }
  return out;
}

export const EXAMPLE_ID = 'c0ffee00-0001';

function exampleCommand(s: JsonSchema): Record<string, unknown> {
  const { id: _sampled, type, ...payload } = exampleObject(s);
  const ordered = { id: EXAMPLE_ID, type, ...payload };
  const parsed = Command.safeParse(ordered);
  if (!parsed.success)
    throw new Error(`protocol-docs: the generated example is not a valid command: ${JSON.stringify(ordered)}: ${parsed.error.message}`);
  return ordered;
}

// ---------------------------------------------------------------------------------------------
// Sections

function isCommandType(t: unknown): t is CommandType {
  return typeof t === 'string' && (COMMAND_TYPES as readonly string[]).includes(t);
}

interface CommandDoc {
  type: CommandType;
  concern: string;
  schema: JsonSchema;
}

function commandDocs(): CommandDoc[] {
  const docs: CommandDoc[] = [];
  for (const concern of CONCERNS)
    for (const c of concern.commands) {
      const schema = jsonSchema(c);
      const type = asSchema(schema.properties?.type).const;
      if (!isCommandType(type)) throw new Error(`protocol-docs: ${concern.title} has a command with no known type (${String(type)})`);
      docs.push({ type, concern: concern.title, schema });
    }
  const listed = docs.map((d) => d.type);
  const missing = COMMAND_TYPES.filter((t) => !listed.includes(t));
  const twice = listed.filter((t, i) => listed.indexOf(t) !== i);
  if (missing.length || twice.length || Command.options.length !== listed.length)
    throw new Error(
      `protocol-docs: the concerns do not cover the command union (missing: ${missing.join(', ') || 'none'}; twice: ${twice.join(', ') || 'none'})`,
    );
  return docs;
}

function header(): string {
  return `<!-- Generated by scripts/protocol-docs.ts from the zod schemas. Do not edit: run \`npm run docs\`. -->

# Concord protocol reference

> **Generated** by \`scripts/protocol-docs.ts\` from the zod schemas and command info records in
> \`shared/src/engine\` and \`shared/src/protocol\`. Do not edit it by hand: change the schemas and run
> \`npm run docs\` (\`node scripts/protocol-docs.ts --check\` fails when this file is stale).

Contents: [Connecting](#connecting) · [Commands on the wire](#commands-on-the-wire) · [Replies](#replies) ·
[Pushed messages](#pushed-messages) · [The view request](#the-view-request) · [Limits and close codes](#limits-and-close-codes) ·
[General rejection codes](#general-rejection-codes) · [Commands](#commands) · [Events](#events) · [REST API](#rest-api)`;
}

function transport(): string {
  const idRow: Row = {
    name: 'id',
    type: typeLabel(jsonSchema(CommandId)),
    presence: 'required',
    constraints: constraints(jsonSchema(CommandId)).join('; '),
    description: 'Chosen by the client, unique per intent (a UUID will do). The idempotency key.',
  };
  const typeRow: Row = {
    name: 'type',
    type: 'string',
    presence: 'required',
    constraints: `one of the ${COMMAND_TYPES.length} [command types](#commands)`,
    description: 'Selects the payload fields.',
  };
  const replyVariants = variantsOf(jsonSchema(Reply)) ?? [];
  const replyTables = replyVariants
    .map((v) => {
      const ok = asSchema(v.properties?.ok).const;
      return `**${ok === true ? 'Accepted' : 'Refused'}** (\`ok: ${String(ok)}\`):\n\n${fieldTable(objectRows(v))}`;
    })
    .join('\n\n');
  const { perSecond, burst } = ExerciseRoom.rate;
  return `## Connecting

1. \`POST /api/join\` with a join code (see [REST API](#rest-api)) answers a session token.
2. Join the Colyseus room \`${ROOM_NAME}\` with that token; the room is the exercise (its room id is the exercise id).
3. The server pushes the whole [view](#pushed-messages) for the participant's audience at once, then patches.

**Passing the token.** Set it as the SDK client's auth token *before* joining. It is not a join option:
\`client.joinById(exerciseId, { token })\` is refused (the room reads no options), while

\`\`\`ts
import { Client } from '@colyseus/sdk';

const client = new Client('http://localhost:2567');
client.auth.token = token; // the \`token\` of the POST /api/join answer
const room = await client.joinById(exerciseId);
\`\`\`

joins. The SDK then sends it as \`Authorization: Bearer <token>\` when it reserves the seat and as the
\`_authToken\` query parameter of the WebSocket URL. The same token rejoins after a reload or a restart.

A dropped connection keeps its seat for ${RECONNECT_SECONDS} seconds; on reconnection the whole view is pushed again.

## Commands on the wire

Every change to an exercise is a command, sent as a Colyseus request named \`${COMMAND}\`:

\`\`\`ts
const reply = await room.request('${COMMAND}', { id, type, ...payload });
\`\`\`

A command is one flat, strict JSON object: the two envelope fields below plus the payload fields of its
type. Unknown fields are refused (\`malformed\`, with the path of the field).

${fieldTable([idRow, typeRow])}

**Idempotency.** The \`id\` is the idempotency key. Sending a command whose \`id\` was already applied
changes nothing and answers \`{ ok: true, duplicate: true, seqs }\` with the sequence numbers of the events the
first delivery produced. So after a timeout or a reconnection, resend the same command with the same \`id\`;
use a new \`id\` for each new intent. The role check comes first: a sender who may not send the command is
refused even when the id was applied.

## Replies

Every \`${COMMAND}\` request is answered with exactly one Reply:

${replyTables}

\`code\` is one of the [general rejection codes](#general-rejection-codes) or one listed under the command;
\`message\` is a sentence for the user; \`path\` names the offending field for \`malformed\` (e.g. \`to[1]\`).

## Pushed messages

The server pushes these messages (\`room.onMessage(name, handler)\`):

${table(
  ['Message', 'To whom, when', 'Payload'],
  [
    [
      code(PUSH.view),
      'The participant, on join and on reconnection',
      '`{ seq, view }`: the whole projection for the audience at event `seq`',
    ],
    [
      code(PUSH.patch),
      'Every connected audience whose projection changed, after each accepted command',
      '`{ from, to, ops }`: an RFC 6902 JSON Patch from the projection at `from` to the projection at `to`',
    ],
    [
      code(PUSH.presence),
      'Exercise control (facilitators and evaluators), whenever someone connects or leaves',
      '`{ online: [{ participant, name, role, nation, position, connected }] }`',
    ],
    [
      code(PUSH.notice),
      'A participant about to be disconnected by the server',
      '`{ code, message }`; `code` is `removed` when control removed the participant',
    ],
  ],
)}

Apply a patch only if its \`from\` equals the \`seq\` of the view you hold; otherwise you missed one, so ask
for the whole view again with the [view request](#the-view-request).

An audience's picture changes only when something it may see changes: a nation or the public gets no
frame at all for activity it cannot see (an evaluator's note, a held inject, the adversary's moves), and
its \`seq\` (and the view's \`exercise.seq\` and \`exercise.lastAt\`) name the last event that changed its
picture, not the last event of the exercise. Exercise control's picture follows every event. An accepted
command of a nation always changes that nation's picture, so its reply's \`seqs\` are reached.

\`${PUSH.view}\` payload:

${schemaTable(ViewPush)}

\`${PUSH.patch}\` payload (each of \`ops\` is an RFC 6902 operation):

${schemaTable(PatchPush)}

## The view request

\`\`\`ts
const answer = await room.request('${VIEW}', { as }); // \`as\` optional
\`\`\`

${schemaTable(ViewRequest)}

It answers \`{ ok: true, seq, view }\` with the whole projection (after a gap in the patches), or
\`{ ok: false, code, message, path? }\` with \`not_joined\`, \`malformed\` (the payload does not match the table above;
\`path\` names the field), \`unknown_audience\` or \`forbidden\`. Without \`as\` it is the
participant's own audience. With \`as\` (\`facilitator\`, \`evaluator\`, \`observer\` or a nation trigraph such as
\`CAL\`), exercise control (facilitators and evaluators) looks through another audience's eyes; everyone else may
only name their own.

## Limits and close codes

- **Frame size.** A client WebSocket frame may be at most ${MAX_FRAME_BYTES} bytes (${MAX_FRAME_BYTES / 1024} KiB);
  a larger one closes the connection with ${CLOSE_TOO_LARGE}. The command schemas keep every valid command well below it.
- **Rate limit.** Each connection may send ${perSecond} commands a second on average, in bursts of up to ${burst}
  (server defaults). A command over the limit is answered \`rate_limited\` and nothing changes.
  A client that floods past ${FLOOD_LIMIT} messages a second is disconnected with ${CLOSE_KICKED}.
- **Bad frames.** A request (\`room.request\`) is always answered: with a refusal when its payload is invalid,
  with an error when it cannot be decoded or has no handler; the connection stays open. A frame that is not a
  Colyseus message at all (empty, or with an unknown leading byte), or a fire-and-forget message (\`room.send\`)
  that cannot be decoded or has an unknown name, closes the connection with ${CLOSE_KICKED}.

${table(
  ['Close code', 'Meaning', 'Client should'],
  [
    [String(CLOSE_REMOVED), 'Removed by exercise control (a `notice` comes first)', 'Not reconnect; the token is no longer accepted'],
    [String(CLOSE_TOO_LARGE), 'A frame was larger than the limit', 'Fix the client; reconnect'],
    [
      String(CLOSE_KICKED),
      `Kicked: dropped with an error (more than ${FLOOD_LIMIT} messages a second; a frame that is not a Colyseus message, such as an empty frame or an unknown leading byte; an undecodable fire-and-forget message or one of unknown name; or a refused join)`,
      'Not reconnect automatically',
    ],
  ],
)}`;
}

function generalRejections(): string {
  const engine = Object.entries(GENERAL_REJECTIONS).map(([k, v]) => [code(k), v, 'engine']);
  const room = Object.entries(TRANSPORT_REJECTIONS).map(([k, v]) => [code(k), v, 'room']);
  return `## General rejection codes

Any command may be refused with these codes, besides those listed under each command.

${table(['Code', 'Meaning', 'Raised by'], [...engine, ...room])}`;
}

function commandSection(doc: CommandDoc): string {
  const info = commandInfo[doc.type];
  const rows = objectRows(doc.schema, '', new Set(['id', 'type']));
  const rejections = Object.entries(info.rejections);
  const rejectionText = rejections.length
    ? table(
        ['Code', 'Meaning'],
        rejections.map(([k, v]) => [code(k), v]),
      )
    : '_Only the [general codes](#general-rejection-codes)._';
  return `#### \`${doc.type}\`

**Sent by:** ${info.roles.join(', ')}

${info.summary}

${rows.length ? fieldTable(rows) : '_No payload fields._'}

Rejections:

${rejectionText}

Example:

\`\`\`json
${json(exampleCommand(doc.schema))}
\`\`\``;
}

function commands(): string {
  const docs = commandDocs();
  const index = table(
    ['Command', 'Concern', 'Sent by', 'Summary'],
    docs.map((d) => [`[${code(d.type)}](#${slug(d.type)})`, d.concern, commandInfo[d.type].roles.join(', '), commandInfo[d.type].summary]),
  );
  const sections = CONCERNS.map((concern) => {
    const own = docs.filter((d) => d.concern === concern.title);
    return [`### ${concern.title}`, ...own.map(commandSection)].join('\n\n');
  });
  return [
    `## Commands`,
    `Fields with a default may be left out. Every command also carries \`id\` and \`type\` ([above](#commands-on-the-wire)).`,
    index,
    ...sections,
  ].join('\n\n');
}

function compactField(name: string, s: JsonSchema, required: boolean): string {
  const type = s.enum ? s.enum.map((v) => JSON.stringify(v)).join(' | ') : typeLabel(s);
  return `${code(name)}${required ? '' : '?'}: ${type}`;
}

function events(): string {
  const meta = Object.keys(EventMeta);
  const rows = EngineEvent.options.map((option) => {
    const s = jsonSchema(option);
    const type = asSchema(s.properties?.type).const;
    const required = new Set(s.required ?? []);
    const fields = Object.entries(s.properties ?? {})
      .filter(([k]) => k !== 'type' && !meta.includes(k))
      .map(([k, v]) => compactField(k, asSchema(v), required.has(k)));
    return [code(String(type)), fields.length ? fields.join(', ') : '—'];
  });
  return `## Events

Accepted commands produce events; the exercise log (\`GET /api/exercises/:id/log\`) is these, one a line.
Clients normally see their effects only through view patches. Every event carries:

${fieldTable(objectRows(jsonSchema(z.strictObject(EventMeta))))}

${table(['Event', 'Fields (besides the ones above)'], rows)}`;
}

function rest(): string {
  return `## REST API

Authenticated routes take the session token as \`Authorization: Bearer <token>\`.
Errors answer \`{ error: { code, message, problems? } }\` with an HTTP status.

A JSON body must be UTF-8 (a leading byte order mark is allowed) and at most ${MAX_BODY.replace('mb', ' MB')}.
A body declared in another charset is refused with 415 \`unsupported_charset\`, invalid UTF-8 with 400
\`bad_encoding\`, a JSON syntax error with 400 \`malformed_json\` (naming its line and column), and a larger
body with 413 \`too_large\`. Request headers may be at most ${MAX_HEADER_BYTES / 1024} KiB in all (431
\`headers_too_large\`). A path with a malformed percent-encoding (such as \`%ZZ\`) is refused with 400 \`bad_path\`.

${table(
  ['Method', 'Path', 'Who may call', 'Body', 'Answer'],
  REST_ENDPOINTS.map((e) => [e.method, code(e.path), e.who, e.body, e.answer]),
)}

### CreateExerciseRequest

Give exactly one of \`scenarioId\` and \`scenario\`.

${schemaTable(CreateExerciseRequest)}

### JoinRequest

${schemaTable(JoinRequest)}

### JoinResponse

${schemaTable(JoinResponse)}

### ApiErrorBody

${schemaTable(ApiErrorBody)}`;
}

/** The whole reference, deterministically (no dates, schema order). */
export function renderProtocolDocs(): string {
  return [header(), transport(), generalRejections(), commands(), events(), rest()].join('\n\n') + '\n';
}

if (import.meta.main) {
  const text = renderProtocolDocs();
  if (process.argv.includes('--check')) {
    let current: string | null;
    try {
      current = readFileSync(DOCS_PATH, 'utf8');
    } catch {
      current = null;
    }
    if (current !== text) {
      console.error('docs/protocol.md is stale (or missing): run `npm run docs`.');
      process.exitCode = 1;
    } else console.log('docs/protocol.md is up to date.');
  } else {
    mkdirSync(dirname(DOCS_PATH), { recursive: true });
    writeFileSync(DOCS_PATH, text);
    console.log(`wrote docs/protocol.md (${COMMAND_TYPES.length} commands)`);
  }
}
