import { MANIFEST_PATH } from '../../../core/manifest/manifest-schema.js';
import type { DetectorFactory } from '../../detector.js';
import { locateManifestKeys } from '../dependency/locate-manifest-keys.js';
import { checkDowntimeWindow } from './check-downtime-window.js';
import { describeRebootFlag } from './describe-reboot-flag.js';

/** The manifest's reboot flag, and its downtime claim (with reboot and rollback time) against the planned window. */
export const createRebootDetector: DetectorFactory = ({ manifest, options }) => {
  if (manifest === undefined) return { id: 'reboot' };
  let lines = new Map<string, number>();
  const at = (key: string): { path: string; line?: number } => {
    const line = lines.get(key);
    return { path: MANIFEST_PATH, ...(line && { line }) };
  };
  return {
    id: 'reboot',
    scanText(file) {
      if (file.meta.depth === 0 && file.meta.name === MANIFEST_PATH && file.isFirstSegment) {
        lines = locateManifestKeys(file.text, ['reboot', 'downtime']);
      }
      return [];
    },
    finish: () => [
      ...describeRebootFlag(manifest.reboot, at('reboot')),
      ...checkDowntimeWindow(
        manifest,
        options.plannedWindowMinutes,
        at(manifest.downtime === undefined ? 'reboot' : 'downtime'),
      ),
    ],
  };
};
