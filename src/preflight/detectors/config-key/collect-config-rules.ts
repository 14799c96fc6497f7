import type { Manifest } from '../../../core/manifest/manifest-schema.js';
import type { ConfigRule, Policy } from '../../policy.js';

export interface ConfigRules {
  /** The manifest's rules by the config file they name; a policy rule for the same key lends its consequence and severity. */
  byFile: Map<string, ConfigRule[]>;
  /** Policy rules no manifest entry names: checked across every config file the manifest lists. */
  packageWide: ConfigRule[];
}

export function collectConfigRules(manifest: Manifest, policy: Policy): ConfigRules {
  const fromPolicy = new Map(policy.config.map((rule) => [rule.key, rule]));
  const byFile = new Map<string, ConfigRule[]>();
  const named = new Set<string>();
  for (const entry of manifest.config) {
    const rules: ConfigRule[] = [
      ...entry.removed.map((key): ConfigRule => ({
        key,
        kind: 'removed',
        consequence: `it was removed in version ${manifest.version}, so the new version ignores it, or refuses to start if it checks its settings strictly`,
        severity: 'blocker',
      })),
      ...Object.entries(entry.required).map(([key, value]): ConfigRule => ({
        key,
        kind: 'required',
        value,
        consequence: `the manifest of version ${manifest.version} requires ${key} = ${String(value)}`,
        severity: 'blocker',
      })),
    ].map((rule) => {
      const known = fromPolicy.get(rule.key);
      named.add(rule.key);
      return known?.kind === rule.kind ? { ...rule, consequence: known.consequence, severity: known.severity } : rule;
    });
    byFile.set(entry.file, [...(byFile.get(entry.file) ?? []), ...rules]);
  }
  return { byFile, packageWide: policy.config.filter((rule) => !named.has(rule.key)) };
}

/** An entry name as the manifest's paths are spelled (the schema drops `./` in front of those). */
export function normaliseConfigPath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(\.\/|\/)+/, '');
}
