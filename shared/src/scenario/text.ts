/**
 * Untrusted bytes and text to JSON, with errors a person can act on: invalid UTF-8 is refused
 * (never silently turned into U+FFFD) with the byte and line where it starts, a leading byte
 * order mark is accepted, and a JSON syntax error names its line and column. Never throws.
 */

export type Decoded = { ok: true; text: string } | { ok: false; message: string };
export type ParsedJson = { ok: true; value: unknown } | { ok: false; message: string };

const BOM = '\uFEFF';

/** Strict UTF-8 to text. A leading byte order mark is dropped. */
export function decodeUtf8(bytes: Uint8Array): Decoded {
  try {
    // `fatal` refuses invalid sequences; the default `ignoreBOM: false` drops a leading BOM.
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const at = firstInvalidUtf8(bytes);
    const line = lineOfByte(bytes, at);
    const hex = (bytes[at] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    return {
      ok: false,
      message: `not valid UTF-8 (Latin-1 or Windows-1252?): line ${line}, byte ${at + 1} is 0x${hex}, which does not begin a valid UTF-8 sequence`,
    };
  }
}

/** JSON.parse that drops a leading BOM and reports a syntax error as "line L, column C: reason". */
export function parseJson(text: string): ParsedJson {
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch (e) {
    const found = jsonSyntaxError(body);
    if (found) {
      const { line, column } = lineAndColumn(body, found.at);
      return { ok: false, message: `line ${line}, column ${column}: ${found.reason}` };
    }
    // The scanner and the engine disagree (which should not happen): keep the engine's words, short.
    const message = e instanceof Error ? e.message : String(e);
    return { ok: false, message: message.length > 160 ? `${message.slice(0, 157)}...` : message };
  }
}

/** 1-based line and column (in characters) of a UTF-16 offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: [...text.slice(start, offset)].length + 1 };
}

/** Offset of the first byte that does not begin a well-formed UTF-8 sequence (RFC 3629). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    let need: number;
    let min: number;
    let max = 0xbf;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) need = 2;
    else if (b >= 0xf0 && b <= 0xf4) need = 3;
    else return i;
    min = 0x80;
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are refused by the second byte.
    if (b === 0xe0) min = 0xa0;
    else if (b === 0xed) max = 0x9f;
    else if (b === 0xf0) min = 0x90;
    else if (b === 0xf4) max = 0x8f;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < (k === 1 ? min : 0x80) || c > (k === 1 ? max : 0xbf)) return i;
    }
    i += need + 1;
  }
  return bytes.length;
}

function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/**
 * Where a JSON text first breaks the grammar (RFC 8259), and why; null if it does not.
 * Iterative, so that deep nesting cannot overflow the stack.
 */
export function jsonSyntaxError(text: string): { at: number; reason: string } | null {
  const n = text.length;
  const stack: Array<'object' | 'array'> = [];
  let i = 0;
  type Expect = 'value' | 'first-value' | 'key' | 'first-key' | 'after';
  let expect: Expect = 'value';
  const fail = (at: number, reason: string) => ({ at, reason });
  const found = (at: number) => (at >= n ? 'the end of the text' : show(text, at));
  const skipSpace = () => {
    while (i < n) {
      const c = text[i];
      if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') break;
      i++;
    }
  };
  /** Scans a string starting at the opening quote; returns an error or null. */
  const scanString = (): { at: number; reason: string } | null => {
    const open = i;
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return null;
      }
      if (c < 0x20) return fail(i, `a string cannot contain ${show(text, i)}: escape it (for example \\n)`);
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9A-Fa-f]{4}$/.test(text.slice(i + 2, i + 6))) return fail(i, 'a \\u escape needs four hexadecimal digits');
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else return fail(i, `${e === undefined ? 'the text ends after a backslash' : `"\\${e}" is not a valid escape`}`);
        continue;
      }
      i++;
    }
    return fail(open, 'this string is never closed (no closing double quote)');
  };
  const scanNumber = (): { at: number; reason: string } | null => {
    const start = i;
    const m = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 400));
    if (!m) return fail(start, 'not a valid number');
    i += m[0].length;
    const next = text[i];
    if (next !== undefined && /[0-9.eE+-]/.test(next)) return fail(i, 'not a valid number (JSON has no leading zeros, "+", or bare ".")');
    return null;
  };

  for (;;) {
    skipSpace();
    const top = stack.at(-1);
    const c = text[i];
    if (expect === 'after') {
      if (top === undefined) return i < n ? fail(i, `unexpected ${found(i)} after the end of the JSON value`) : null;
      const close = top === 'object' ? '}' : ']';
      if (c === ',') {
        i++;
        expect = top === 'object' ? 'key' : 'value';
      } else if (c === close) {
        i++;
        stack.pop();
      } else if (c === undefined) return fail(i, `the text ends before this ${top} is closed with '${close}'`);
      else return fail(i, `expected ',' or '${close}' but found ${found(i)}`);
      continue;
    }
    if (expect === 'key' || expect === 'first-key') {
      if (c === '}') {
        if (expect === 'key') return fail(i, "a comma cannot come before '}' (trailing comma)");
        i++;
        stack.pop();
        expect = 'after';
        continue;
      }
      if (c !== '"') return fail(i, `expected a property name in double quotes but found ${found(i)}`);
      const bad = scanString();
      if (bad) return bad;
      skipSpace();
      if (text[i] !== ':') return fail(i, `expected ':' after the property name but found ${found(i)}`);
      i++;
      expect = 'value';
      continue;
    }
    // A value is expected.
    if (c === ']' && top === 'array' && expect === 'value') return fail(i, "a comma cannot come before ']' (trailing comma)");
    if (c === ']' && expect === 'first-value') {
      i++;
      stack.pop();
      expect = 'after';
      continue;
    }
    if (c === '{') {
      i++;
      stack.push('object');
      expect = 'first-key';
      continue;
    }
    if (c === '[') {
      i++;
      stack.push('array');
      expect = 'first-value';
      continue;
    }
    expect = 'after';
    if (c === '"') {
      const bad = scanString();
      if (bad) return bad;
    } else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
      const bad = scanNumber();
      if (bad) return bad;
    } else {
      const word = ['true', 'false', 'null'].find((w) => text.startsWith(w, i));
      if (word === undefined)
        return fail(i, c === undefined ? 'the text ends where a value was expected' : `expected a value but found ${found(i)}`);
      i += word.length;
    }
  }
}

/** A character for a message: quoted if printable, else its code point. */
function show(text: string, at: number): string {
  const cp = text.codePointAt(at) ?? 0;
  const ch = String.fromCodePoint(cp);
  return /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(ch) ? `'${ch}'` : `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}
