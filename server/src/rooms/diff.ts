/**
 * The JSON patch from one projection to the next. Collections that only grow (messages, actions,
 * outcomes…) are recognised by identity of their existing elements and patched with appends,
 * without walking them; everything else goes through fast-json-patch's comparison.
 */
import fastJsonPatch, { type Operation } from 'fast-json-patch';

const isList = (v: unknown): v is readonly unknown[] => Array.isArray(v);

export function diffViews(before: Record<string, unknown>, after: Record<string, unknown>): Operation[] {
  const ops: Operation[] = [];
  for (const key of Object.keys(before)) if (!(key in after)) ops.push({ op: 'remove', path: `/${escape(key)}` });
  for (const [key, next] of Object.entries(after)) {
    const prev = before[key];
    if (prev === next) continue;
    const path = `/${escape(key)}`;
    if (isList(prev) && isList(next) && next.length >= prev.length && samePrefix(prev, next)) {
      for (let i = prev.length; i < next.length; i++) ops.push({ op: 'add', path: `${path}/${i}`, value: next[i] });
      continue;
    }
    if (
      prev === undefined ||
      typeof prev !== 'object' ||
      prev === null ||
      typeof next !== 'object' ||
      next === null ||
      Array.isArray(prev) !== Array.isArray(next)
    ) {
      ops.push({ op: prev === undefined ? 'add' : 'replace', path, value: next });
      continue;
    }
    for (const op of fastJsonPatch.compare(prev, next)) ops.push({ ...op, path: `${path}${op.path}` });
  }
  return ops;
}

function samePrefix(prev: readonly unknown[], next: readonly unknown[]): boolean {
  for (let i = 0; i < prev.length; i++) if (prev[i] !== next[i]) return false;
  return true;
}

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
