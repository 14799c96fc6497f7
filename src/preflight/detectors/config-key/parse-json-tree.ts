export type JsonNode =
  | { kind: 'object'; start: number; end: number; members: JsonMember[] }
  | { kind: 'array'; start: number; end: number; items: JsonNode[] }
  | { kind: 'value'; start: number; end: number; value: string | number | boolean | null };

export interface JsonMember {
  key: string;
  keyStart: number;
  value: JsonNode;
}

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}

const LITERAL = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
const STRING = /"(?:[^"\\\n]|\\.)*"/y;
const SPACE = /(?:\s|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*/y;

/**
 * JSON (comments and trailing commas tolerated) with the offset of every key and value. Hand-written because
 * JSON.parse keeps no positions, and the report needs lines and the edits need spans.
 */
export function parseJsonTree(text: string): JsonNode {
  let at = 0;
  const skip = (): void => {
    SPACE.lastIndex = at;
    SPACE.exec(text);
    at = SPACE.lastIndex;
  };
  const read = (pattern: RegExp, what: string): string => {
    pattern.lastIndex = at;
    const match = pattern.exec(text);
    if (!match) throw new JsonSyntaxError(`expected ${what}`, at);
    at = pattern.lastIndex;
    return match[0];
  };
  const expect = (char: string): void => {
    skip();
    if (text[at] !== char) throw new JsonSyntaxError(`expected "${char}"`, at);
    at++;
  };
  const readValue = (): JsonNode => {
    skip();
    const start = at;
    if (text[at] === '{') {
      at++;
      const members: JsonMember[] = [];
      for (skip(); text[at] !== '}'; skip()) {
        const keyStart = at;
        const key = JSON.parse(read(STRING, 'a key in double quotes')) as string;
        expect(':');
        members.push({ key, keyStart, value: readValue() });
        skip();
        if (text[at] === ',') at++;
        else if (text[at] !== '}') throw new JsonSyntaxError('expected "," or "}"', at);
      }
      return { kind: 'object', start, end: ++at, members };
    }
    if (text[at] === '[') {
      at++;
      const items: JsonNode[] = [];
      for (skip(); text[at] !== ']'; skip()) {
        items.push(readValue());
        skip();
        if (text[at] === ',') at++;
        else if (text[at] !== ']') throw new JsonSyntaxError('expected "," or "]"', at);
      }
      return { kind: 'array', start, end: ++at, items };
    }
    const raw = text[at] === '"' ? read(STRING, 'a string') : read(LITERAL, 'a value');
    return { kind: 'value', start, end: at, value: JSON.parse(raw) as string | number | boolean | null };
  };
  const root = readValue();
  skip();
  if (at < text.length) throw new JsonSyntaxError('unexpected text after the end', at);
  return root;
}
