/** A JSON value; objects have no prototype, so a `__proto__` key is plain data. */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export type JsonParseResult =
  | { ok: true; value: JsonValue; lineOf: (value: JsonObject | JsonValue[]) => number | undefined }
  | { ok: false; error: { message: string; line: number; column: number } };

/** Deeper nesting than this is refused rather than risking the stack. */
const MAX_DEPTH = 512;

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
/** Any character JSON allows unescaped in a string: not a control character, quote or backslash. */
const PLAIN_STRING_TAIL = /[\u0020\u0021\u0023-\u005b\u005d-\uffff]*"/y;
const STRING_TAIL =
  /(?:[\u0020\u0021\u0023-\u005b\u005d-\uffff]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

export interface JsonParseOptions {
  /** Also accept `//` and `/* *\/` comments and trailing commas, as `bun.lock` and JSONC use. */
  jsonc?: boolean;
}

/**
 * Strict JSON (RFC 8259) that also remembers the line each object and array starts on, which is
 * the line of its key in any lockfile a tool wrote. `JSON.parse` reports no positions on Node 20
 * for many errors, and lockfiles are where a precise line matters.
 */
export function parseJsonWithLines(text: string, options: JsonParseOptions = {}): JsonParseResult {
  const jsonc = options.jsonc === true;
  const lines = new WeakMap<JsonObject | JsonValue[], number>();
  let offset = 0;
  let line = 1;
  let lineStart = 0;

  const skipWhitespace = (): void => {
    for (;;) {
      const char = text.charCodeAt(offset);
      if (char === 0x0a) {
        offset++;
        line++;
        lineStart = offset;
      } else if (char === 0x20 || char === 0x09 || char === 0x0d) {
        offset++;
      } else if (jsonc && char === 0x2f && text[offset + 1] === '/') {
        const end = text.indexOf('\n', offset);
        offset = end < 0 ? text.length : end;
      } else if (jsonc && char === 0x2f && text[offset + 1] === '*') {
        const end = text.indexOf('*/', offset + 2);
        if (end < 0) fail('unterminated comment');
        for (; offset < end + 2; offset++) {
          if (text.charCodeAt(offset) === 0x0a) {
            line++;
            lineStart = offset + 1;
          }
        }
      } else {
        return;
      }
    }
  };

  const fail = (message: string): never => {
    throw new JsonSyntaxError(message, offset);
  };

  const expect = (char: string): void => {
    skipWhitespace();
    if (text[offset] !== char) {
      fail(offset >= text.length ? 'unexpected end of JSON' : `expected '${char}'`);
    }
    offset++;
  };

  const parseString = (): string => {
    const start = offset;
    offset++;
    PLAIN_STRING_TAIL.lastIndex = offset;
    if (PLAIN_STRING_TAIL.test(text)) {
      offset = PLAIN_STRING_TAIL.lastIndex;
      return text.slice(start + 1, offset - 1);
    }
    STRING_TAIL.lastIndex = offset;
    if (!STRING_TAIL.test(text)) fail('unterminated or invalid string');
    offset = STRING_TAIL.lastIndex;
    return JSON.parse(text.slice(start, offset)) as string;
  };

  const parseValue = (depth: number): JsonValue => {
    skipWhitespace();
    const char = text[offset];
    switch (char) {
      case '{':
        return parseObject(depth + 1);
      case '[':
        return parseArray(depth + 1);
      case '"':
        return parseString();
      case undefined:
        return fail('unexpected end of JSON');
      default:
        break;
    }
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, offset)) {
        offset += word.length;
        return value;
      }
    }
    NUMBER.lastIndex = offset;
    if (NUMBER.test(text)) {
      const start = offset;
      offset = NUMBER.lastIndex;
      return Number(text.slice(start, offset));
    }
    return fail(`unexpected character '${char}'`);
  };

  const parseObject = (depth: number): JsonObject => {
    if (depth > MAX_DEPTH) fail('nesting too deep');
    const object = Object.create(null) as JsonObject;
    lines.set(object, line);
    offset++;
    skipWhitespace();
    if (text[offset] === '}') {
      offset++;
      return object;
    }
    for (;;) {
      skipWhitespace();
      if (jsonc && text[offset] === '}') {
        offset++;
        return object;
      }
      if (text[offset] !== '"')
        fail(offset >= text.length ? 'unexpected end of JSON' : 'expected a string key');
      const key = parseString();
      expect(':');
      object[key] = parseValue(depth);
      skipWhitespace();
      if (text[offset] === ',') {
        offset++;
      } else if (text[offset] === '}') {
        offset++;
        return object;
      } else {
        fail(offset >= text.length ? 'unexpected end of JSON' : "expected ',' or '}'");
      }
    }
  };

  const parseArray = (depth: number): JsonValue[] => {
    if (depth > MAX_DEPTH) fail('nesting too deep');
    const array: JsonValue[] = [];
    lines.set(array, line);
    offset++;
    skipWhitespace();
    if (text[offset] === ']') {
      offset++;
      return array;
    }
    for (;;) {
      skipWhitespace();
      if (jsonc && text[offset] === ']') {
        offset++;
        return array;
      }
      array.push(parseValue(depth));
      skipWhitespace();
      if (text[offset] === ',') {
        offset++;
      } else if (text[offset] === ']') {
        offset++;
        return array;
      } else {
        fail(offset >= text.length ? 'unexpected end of JSON' : "expected ',' or ']'");
      }
    }
  };

  try {
    if (text.charCodeAt(0) === 0xfeff) offset = 1;
    const value = parseValue(0);
    skipWhitespace();
    if (offset < text.length) fail('unexpected content after the JSON value');
    return { ok: true, value, lineOf: (object) => lines.get(object) };
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    return {
      ok: false,
      error: { message: error.message, line, column: error.offset - lineStart + 1 },
    };
  }
}

/** The plain object at `value`, or undefined for anything else (arrays included). */
export function asObject(value: JsonValue | undefined): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
}
