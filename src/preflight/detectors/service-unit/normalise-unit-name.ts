import { UNIT_SUFFIX } from '../../../core/manifest/unit-name-problem.js';

/** `dten`, `dten.service` and `/etc/systemd/system/dten.service` all name `dten.service`. */
export function normaliseUnitName(name: string): string {
  const base =
    name
      .replace(/^["']|["']$/g, '')
      .split(/[/\\]/)
      .pop() ?? name;
  return UNIT_SUFFIX.test(base) ? base : `${base}.service`;
}
