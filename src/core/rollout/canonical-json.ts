/**
 * JSON with object keys sorted by code unit and no whitespace, so equal data always hashes the same.
 * Undefined object members are left out, as JSON.stringify does; anything JSON cannot hold is refused.
 * Hand-written: the stable stringifiers in node_modules are transitive dependencies, not ours to import. Every job is
 * signed and verified through it, so it builds one string in plain loops rather than arrays of pieces.
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonical JSON cannot hold the number ${value}`);
      return JSON.stringify(value);
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i += 1) {
          const item: unknown = value[i];
          out += `${i === 0 ? '' : ','}${item === undefined ? 'null' : canonicalJson(item)}`;
        }
        return `${out}]`;
      }
      if (hasToJson(value)) return canonicalJson(value.toJSON());
      const record = value as Record<string, unknown>;
      let out = '';
      // The default sort compares UTF-16 code units.
      for (const key of Object.keys(record).sort()) {
        const member = record[key];
        if (member !== undefined) out += `,${JSON.stringify(key)}:${canonicalJson(member)}`;
      }
      return `{${out.slice(1)}}`;
    }
    default:
      throw new TypeError(`canonical JSON cannot hold a ${typeof value}`);
  }
}

function hasToJson(value: object): value is { toJSON(): unknown } {
  return typeof (value as { toJSON?: unknown }).toJSON === 'function';
}
