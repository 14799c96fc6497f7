/** An element by its local name (`task:Exec` → `Exec`), with its child elements and its text. */
export interface XmlElement {
  name: string;
  children: XmlElement[];
  text: string;
}

// A comment, a processing instruction, CDATA, a tag (attributes quoted or not), or text.
const MARKUP =
  /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<(\/?)([A-Za-z_][\w.:-]*)(?:\s(?:[^<>"']|"[^"]*"|'[^']*')*?)?(\/?)>|([^<]+)/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/** Control and format characters (bidi overrides among them), bar the whitespace XML text may hold. */
const UNSEEN = /(?![\t\n\r])[\p{Cc}\p{Cf}]/u;

/**
 * The element tree of a small XML file, or undefined when it is not well nested. Hand-written rather than a
 * dependency: a Task Scheduler file needs only elements and text, and this reader refuses a DOCTYPE outright,
 * so no declared entity is ever expanded. Attributes and namespaces are skipped.
 */
export function parseXml(text: string): XmlElement | undefined {
  const top: XmlElement = { name: '', children: [], text: '' };
  const open = [top];
  const markup = new RegExp(MARKUP.source, 'y');
  while (markup.lastIndex < text.length) {
    const match = markup.exec(text);
    const current = open.at(-1);
    if (!match || !current) return undefined;
    const [, cdata, closing, qualified, selfClosing, characters] = match;
    if (cdata !== undefined) current.text += cdata;
    if (characters !== undefined) current.text += decodeEntities(characters);
    if (qualified === undefined) continue;
    const name = qualified.slice(qualified.indexOf(':') + 1);
    if (closing) {
      if (current.name !== name || open.length === 1) return undefined;
      open.pop();
      continue;
    }
    const element: XmlElement = { name, children: [], text: '' };
    current.children.push(element);
    if (!selfClosing) open.push(element);
  }
  return open.length === 1 && top.children.length === 1 ? top.children[0] : undefined;
}

/** The element at `path` below `element` (the first of each name), or undefined. */
export function childAt(element: XmlElement | undefined, ...path: string[]): XmlElement | undefined {
  return path.reduce((at, name) => at?.children.find((child) => child.name === name), element);
}

/** The trimmed text of the element at `path` below `element`; undefined when there is no such element. */
export function textAt(element: XmlElement | undefined, ...path: string[]): string | undefined {
  return childAt(element, ...path)?.text.trim();
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (entity, name: string) => {
    if (!name.startsWith('#')) return ENTITIES[name] ?? entity;
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
    // A control or bidi character written as a reference would be invisible in the file: it stays as written.
    const char = code <= 0x10ffff ? String.fromCodePoint(code) : '';
    return char === '' || UNSEEN.test(char) ? entity : char;
  });
}
