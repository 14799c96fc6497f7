import type { Finding } from '../../../core/findings/finding.js';
import { MANIFEST_PATH } from '../../../core/manifest/manifest-schema.js';

/** A config file the manifest names that the package lacks (`present` false) or holds only as binary. */
export function describeMissingConfigFile(name: string, ruleCount: number, present: boolean): Finding {
  return {
    category: 'config-key',
    severity: 'blocker',
    rule: present ? 'config-key/unreadable-file' : 'config-key/missing-file',
    path: MANIFEST_PATH,
    message: present
      ? `The manifest names ${name} as a config file, but it is not text, so ${ruleCount} key rule(s) could not be checked.`
      : `The manifest names ${name} as a config file, but the package does not contain it; the install will not find it either.`,
    remediation: `Ask the vendor for a package with ${name} as a text config file, or for a manifest that names the right file.`,
  };
}
