import type { DetectorFactory } from '../../detector.js';
import { classifyPath } from '../text-scan/classify-path.js';
import { isCommentLine } from '../text-scan/is-comment-line.js';
import { maskInlineCredentials } from '../text-scan/mask-inline-credentials.js';
import { shortenText } from '../text-scan/shorten-text.js';
import { describeUnitFile } from './describe-unit-file.js';
import { describeUnitReference, type GatheredReference } from './describe-unit-reference.js';
import { findUnitReferences, type UnitReference } from './find-unit-references.js';
import { normaliseUnitName } from './normalise-unit-name.js';

const SYNC_POINT = /\.(target|slice)$/;

/** Checks scripts and unit files against the manifest's services: renamed units, undeclared units, unit files. */
export const createServiceUnitDetector: DetectorFactory = ({ manifest }) => {
  if (manifest === undefined) return { id: 'service-unit' };
  const declared = new Set(manifest.services.map((service) => normaliseUnitName(service.unit)));
  const renamed = new Map(
    manifest.services.flatMap((service) =>
      service.renamedFrom ? [[normaliseUnitName(service.renamedFrom), normaliseUnitName(service.unit)] as const] : [],
    ),
  );
  const rollbackScript = manifest.scripts.rollback;
  const shebangFiles = new Set<string>();
  const gathered = new Map<string, GatheredReference>();
  return {
    id: 'service-unit',
    scanText(file) {
      const traits = classifyPath(file.meta.name);
      if (file.isFirstSegment && file.text.startsWith('#!')) shebangFiles.add(file.meta.path);
      const scanned = traits.script || traits.unit || traits.crontab || shebangFiles.has(file.meta.path);
      if (!scanned || traits.documentation) return [];
      file.text.split(/\r?\n/).forEach((line, index) => {
        if (isCommentLine(line)) return;
        for (const reference of findUnitReferences(line, traits.unit)) {
          const renamedTo = renamed.get(reference.unit);
          const rule = ruleFor(reference, renamedTo, declared, file.meta.name === rollbackScript);
          if (rule === undefined) continue;
          const key = [file.meta.path, rule, reference.unit].join('\u0000');
          const seen = gathered.get(key);
          if (seen) seen.mentions++;
          else
            gathered.set(key, {
              unit: reference.unit,
              action: reference.action,
              rule,
              renamedTo,
              path: file.meta.path,
              line: file.firstLine + index,
              inUnitFile: traits.unit,
              evidence: shortenText(maskInlineCredentials(line), 120),
              mentions: 1,
            });
        }
      });
      return [];
    },
    finish: (files) => [
      ...[...gathered.values()].map((reference) => describeUnitReference(reference, manifest.version)),
      ...files.flatMap((meta) => describeUnitFile(meta, declared, renamed)),
    ],
  };
};

function ruleFor(
  reference: UnitReference,
  renamedTo: string | undefined,
  declared: ReadonlySet<string>,
  inRollback: boolean,
): GatheredReference['rule'] | undefined {
  if (renamedTo) return inRollback ? 'renamed-unit-in-rollback' : 'renamed-unit';
  const undeclared = reference.touches && !declared.has(reference.unit) && !SYNC_POINT.test(reference.unit);
  return undeclared ? 'undeclared-unit' : undefined;
}
