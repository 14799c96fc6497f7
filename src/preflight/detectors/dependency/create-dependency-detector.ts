import { MANIFEST_PATH } from '../../../core/manifest/manifest-schema.js';
import type { DetectorFactory } from '../../detector.js';
import { checkComponentHosts } from './check-component-hosts.js';
import { checkProductHosts } from './check-product-hosts.js';
import { classifyRange } from './classify-range.js';
import { describeRangeProblem } from './describe-range-problem.js';
import { locateManifestKeys } from './locate-manifest-keys.js';

/**
 * The manifest's dependency ranges (loose or unreadable), and with an inventory, every host against them and
 * the product itself against `upgradeFrom`.
 */
export const createDependencyDetector: DetectorFactory = ({ manifest, options }) => {
  if (manifest === undefined) return { id: 'dependency' };
  const components = Object.keys(manifest.dependencies);
  let dependencyLines = new Map<string, number>();
  let upgradeFromLine: number | undefined;
  return {
    id: 'dependency',
    scanText(file) {
      if (file.meta.depth !== 0 || file.meta.name !== MANIFEST_PATH || !file.isFirstSegment) return [];
      dependencyLines = locateManifestKeys(file.text, components, 'dependencies');
      upgradeFromLine = locateManifestKeys(file.text, ['upgradeFrom']).get('upgradeFrom');
      return [];
    },
    finish() {
      const { inventory } = options;
      const findings = Object.entries(manifest.dependencies).flatMap(([component, declared]) => {
        const line = dependencyLines.get(component);
        const at = { path: MANIFEST_PATH, ...(line && { line }) };
        const range = classifyRange(declared);
        const checkable = range.kind === 'invalid' ? undefined : range.range;
        return [
          ...describeRangeProblem(component, declared, range, inventory, at),
          ...(inventory && checkable ? checkComponentHosts(component, declared, checkable, inventory, at) : []),
        ];
      });
      const at = { path: MANIFEST_PATH, ...(upgradeFromLine && { line: upgradeFromLine }) };
      const upgradeRange = classifyRange(manifest.upgradeFrom);
      if (upgradeRange.kind === 'invalid' || upgradeRange.range === undefined) {
        findings.push(...describeRangeProblem('upgradeFrom', manifest.upgradeFrom, { kind: 'invalid' }, undefined, at));
      } else if (inventory) {
        findings.push(...checkProductHosts(manifest, inventory, at));
      }
      return findings;
    },
  };
};
