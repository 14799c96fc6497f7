import { chmod, mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
import type { Manifest } from '../../core/manifest/manifest-schema.js';
import { applyConfigChanges } from '../../preflight/detectors/config-key/apply-config-changes.js';
import { parseConfigText } from '../../preflight/detectors/config-key/parse-config-text.js';
import { encodeText } from './encode-text.js';
import { HostStepError } from './host-step-error.js';
import type { HostLayout } from './host-layout.js';
import { readConfigToEdit } from './read-config-to-edit.js';
import type { TextFile } from './read-text-file.js';
import { unencodableKeys } from './unencodable-keys.js';

export interface AppliedConfigFile {
  /** Path under `etc/dten/`. */
  file: string;
  /** True when there was no live file and the release's own copy was installed first. */
  seeded: boolean;
  /** Required keys whose value changed (or that were added). */
  set: string[];
  /** Removed keys that were present and are gone now. */
  removed: string[];
}

/** What a config file named in the manifest but in neither place is seeded with. */
const NO_FILE: TextFile = { text: '', encoding: 'utf8', byteOrderMark: false };

/**
 * Sets the manifest's required keys and drops its removed keys in the live config, keeping comments and layout
 * (applyConfigChanges) and the file's encoding (UTF-8 or UTF-16, with or without a byte-order mark). A file that is
 * not live yet is seeded from the release, in the release copy's encoding. Running it again changes nothing.
 */
export async function applyConfig(
  layout: HostLayout,
  releaseDir: string,
  changes: Manifest['config'],
): Promise<AppliedConfigFile[]> {
  const applied: AppliedConfigFile[] = [];
  for (const change of changes) {
    const { livePath, seedPath, live, edited } = await readConfigToEdit(layout, releaseDir, change.file);
    const file = edited ?? NO_FILE;
    const { text } = file;
    const before = parseConfigText(livePath, text);
    const next = applyConfigChanges(text, change.required, change.removed, livePath);
    const lost = unencodableKeys(file, change.required);
    if (lost.length > 0) throw new HostStepError('config-unencodable', { file: change.file, keys: lost });
    if (live === undefined || next !== text) {
      const mode = await stat(live === undefined ? seedPath : livePath).then(
        (stats) => stats.mode & 0o777,
        () => 0o644,
      );
      await mkdir(dirname(livePath), { recursive: true });
      // Written beside the live file, then renamed over it: the service never reads half a config.
      await writeFile(`${livePath}.dten-apply`, encodeText(next, file), { flush: true });
      await chmod(`${livePath}.dten-apply`, mode);
      await rename(`${livePath}.dten-apply`, livePath);
    }
    applied.push({
      file: relative(layout.configDir, livePath),
      seeded: live === undefined,
      set: Object.entries(change.required)
        .filter(([key, value]) => before.get(key)?.value !== String(value))
        .map(([key]) => key),
      removed: change.removed.filter((key) => before.has(key)),
    });
  }
  return applied;
}
