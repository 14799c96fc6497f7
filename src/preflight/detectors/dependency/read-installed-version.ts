import semver from 'semver';

export interface InstalledVersion {
  host: string;
  /** As the inventory has it. */
  raw: string;
  /** Undefined when nothing in it reads as a version. */
  version: semver.SemVer | undefined;
  /** True when the strict parse failed and `semver.coerce` read it (`v4.1` → 4.1.0, `16.2` → 16.2.0). */
  coerced: boolean;
}

export function readInstalledVersion(host: string, raw: string): InstalledVersion {
  const strict = semver.parse(raw.trim());
  if (strict) return { host, raw, version: strict, coerced: false };
  return { host, raw, version: semver.coerce(raw) ?? undefined, coerced: true };
}

/** Build suffixes such as `4.1.0-build7` are read as semver pre-releases: let them match the range of their release. */
export function satisfiesRange(installed: InstalledVersion, range: string): boolean {
  return installed.version !== undefined && semver.satisfies(installed.version, range, { includePrerelease: true });
}

/** `12.4 (read as 12.4.0)` when coerced, else the version as the inventory has it. */
export function describeInstalled(installed: InstalledVersion): string {
  return installed.coerced && installed.version
    ? `${installed.raw} (read as ${installed.version.version})`
    : installed.raw;
}
