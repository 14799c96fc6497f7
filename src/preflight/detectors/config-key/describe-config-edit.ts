import type { ConfigValue } from '../../../core/manifest/manifest-schema.js';
import { applyConfigChanges } from './apply-config-changes.js';

/** The lines a change writes, found by applying it and comparing: what the remediation tells a person to type. */
export function describeConfigEdit(name: string, text: string, key: string, value: ConfigValue): string[] {
  try {
    const before = text.split(/\r?\n/);
    const after = applyConfigChanges(text, { [key]: value }, [], name).split(/\r?\n/);
    let head = 0;
    while (head < before.length && before[head] === after[head]) head++;
    let tail = 0;
    while (tail < before.length - head && before.at(-1 - tail) === after.at(-1 - tail)) tail++;
    const written = after.slice(head, after.length - tail).filter((line) => line.trim() !== '');
    return written.length > 0 ? written : [`${key} = ${String(value)}`];
  } catch {
    return [`${key} = ${String(value)}`];
  }
}
