import type { Finding } from '../../../core/findings/finding.js';
import type { DetectorFactory, FileMeta, TextFile } from '../../detector.js';
import { checkAcrossFiles } from './check-across-files.js';
import { checkConfigRule, type ParsedConfig } from './check-config-rule.js';
import { collectConfigRules, normaliseConfigPath } from './collect-config-rules.js';
import { describeMissingConfigFile } from './describe-missing-config-file.js';
import { describeUnparsableConfig } from './describe-unparsable-config.js';
import { createLineLookup } from './index-json-tree.js';
import { parseConfigText } from './parse-config-text.js';
import { JsonSyntaxError } from './parse-json-tree.js';

/** Checks the config files the manifest names against its removed/required keys and the policy's rules. */
export const createConfigKeyDetector: DetectorFactory = ({ manifest, policy }) => {
  if (manifest === undefined) return { id: 'config-key' };
  const { byFile, packageWide } = collectConfigRules(manifest, policy);
  const texts = new Map<string, { meta: FileMeta; parts: string[] }>();
  return {
    id: 'config-key',
    scanText(file: TextFile) {
      const name = normaliseConfigPath(file.meta.name);
      if (!byFile.has(name)) return [];
      const kept = texts.get(name);
      if (kept?.meta.path === file.meta.path) kept.parts.push(file.text);
      else if (kept === undefined || file.meta.depth < kept.meta.depth)
        texts.set(name, { meta: file.meta, parts: [file.text] });
      return [];
    },
    finish(files) {
      const findings: Finding[] = [];
      const parsed: ParsedConfig[] = [];
      for (const [name, rules] of byFile) {
        const kept = texts.get(name);
        if (kept === undefined) {
          const present = files.some((meta) => normaliseConfigPath(meta.name) === name);
          findings.push(describeMissingConfigFile(name, rules.length, present));
          continue;
        }
        const text = kept.parts.join('');
        try {
          const config = { path: kept.meta.path, name, text, settings: parseConfigText(name, text) };
          parsed.push(config);
          findings.push(...rules.flatMap((rule) => checkConfigRule(rule, config) ?? []));
        } catch (error) {
          if (!(error instanceof JsonSyntaxError)) throw error;
          findings.push(describeUnparsableConfig(kept.meta.path, createLineLookup(text)(error.offset), error.message));
        }
      }
      if (byFile.size > 0 && parsed.length === 0) return findings;
      return [...findings, ...packageWide.flatMap((rule) => checkAcrossFiles(rule, parsed))];
    },
  };
};
