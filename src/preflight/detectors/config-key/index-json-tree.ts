import type { JsonMember, JsonNode } from './parse-json-tree.js';

export interface IndexedJsonNode {
  node: JsonNode;
  /** The member that holds it; undefined for the root and array items. */
  member: JsonMember | undefined;
  /** The object that holds the member. */
  parent: Extract<JsonNode, { kind: 'object' }> | undefined;
}

/** Every node by its dotted path (`dten.hybrid.enable`, `servers.0.host`); the root is `''`. */
export function indexJsonTree(root: JsonNode): Map<string, IndexedJsonNode> {
  const index = new Map<string, IndexedJsonNode>();
  const visit = (node: JsonNode, path: string, member?: JsonMember, parent?: IndexedJsonNode['parent']): void => {
    index.set(path, { node, member, parent });
    const join = (key: string): string => (path === '' ? key : `${path}.${key}`);
    if (node.kind === 'object') for (const child of node.members) visit(child.value, join(child.key), child, node);
    if (node.kind === 'array') node.items.forEach((item, position) => visit(item, join(String(position))));
  };
  visit(root, '');
  return index;
}

/** Turns offsets into 1-based line numbers (binary search over the line starts). */
export function createLineLookup(text: string): (offset: number) => number {
  const starts = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if ((starts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  };
}
