import { join, resolve } from 'node:path';
import { checkPathSegment } from './check-path-segment.js';
import { resolveInside } from './resolve-inside.js';

/** Where the agent keeps everything on one host; `--root` (default `/`) lets several agents share a machine. */
export interface HostLayout {
  root: string;
  /** `<root>/opt/dten`: holds `releases/` and the `current` link. */
  optDir: string;
  releasesDir: string;
  currentLink: string;
  /** `<root>/etc/dten`: the live configuration. */
  configDir: string;
  /** `<root>/var/lib/dten`: journal, backups and paused schedules. */
  stateDir: string;
  journalDir: string;
  backupsDir: string;
  /** `var/lib/dten/packages`: packages downloaded over HTTP, named by digest; cleanup removes them. */
  packagesDir: string;
  pausedDir: string;
  cronDir: string;
  systemdDir: string;
  /** `<root>/run/dten`: pid and port files of services the exec adapter runs. */
  runDir: string;
  /** `<root>/var/log/dten`: output of services the exec adapter runs. */
  logDir: string;
  releaseDir(version: string): string;
  /** Live path of a config file the manifest names by its place in the package (`config/dten.conf`). */
  liveConfigFile(packagePath: string): string;
}

export function createHostLayout(root = '/'): HostLayout {
  const base = resolve(root);
  const optDir = join(base, 'opt/dten');
  const releasesDir = join(optDir, 'releases');
  const configDir = join(base, 'etc/dten');
  const stateDir = join(base, 'var/lib/dten');
  return {
    root: base,
    optDir,
    releasesDir,
    currentLink: join(optDir, 'current'),
    configDir,
    stateDir,
    journalDir: join(stateDir, 'journal'),
    backupsDir: join(stateDir, 'backups'),
    packagesDir: join(stateDir, 'packages'),
    pausedDir: join(stateDir, 'paused'),
    cronDir: join(base, 'etc/cron.d'),
    systemdDir: join(base, 'etc/systemd/system'),
    runDir: join(base, 'run/dten'),
    logDir: join(base, 'var/log/dten'),
    releaseDir: (version) => join(releasesDir, checkPathSegment('release version', version)),
    liveConfigFile: (packagePath) =>
      resolveInside(configDir, packagePath.replace(/^config\//, ''), 'config file named in the manifest'),
  };
}
