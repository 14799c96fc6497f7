/** What a file's path says about how to read it; one path can be several things (a cron.daily script is a script). */
export interface PathTraits {
  /** README, LICENSE, docs/, *.md, *.txt: mentions in it are not acted on. */
  documentation: boolean;
  /** A systemd unit file (`.service`, `.timer`, …). */
  unit: boolean;
  /** A crontab: lines are `schedule command`. */
  crontab: boolean;
  /** A system crontab (`/etc/crontab`, `cron.d/*`): a user field sits between schedule and command. */
  systemCrontab: boolean;
  /** `hourly` for a file in `cron.hourly/`, and so on: cron runs the whole file. */
  cronPeriod: 'hourly' | 'daily' | 'weekly' | 'monthly' | undefined;
  script: boolean;
}

const DOC_EXTENSIONS = new Set(['md', 'markdown', 'txt', 'rst', 'adoc']);
const DOC_NAMES = /^(readme|license|licence|changelog|changes|notice|copying|authors|history)([._-][\w.-]*)?$/i;
const UNIT_EXTENSIONS = new Set(['service', 'timer', 'socket', 'target', 'path', 'mount', 'automount', 'slice']);
const SCRIPT_EXTENSIONS = new Set(['sh', 'bash', 'ksh', 'zsh', 'ps1', 'psm1', 'bat', 'cmd', 'py', 'pl', 'rb']);
const CRON_PERIOD = /^cron\.(hourly|daily|weekly|monthly)$/i;

/** Classifies a path inside the package; a nested path `outer.zip!inner/x` is read from its last part. */
export function classifyPath(path: string): PathTraits {
  const parts = path.slice(path.lastIndexOf('!') + 1).split('/');
  const base = parts.pop() ?? '';
  const dirs = parts.map((dir) => dir.toLowerCase());
  const ext = base.includes('.') ? (base.split('.').pop() ?? '').toLowerCase() : '';
  const period = CRON_PERIOD.exec(dirs.at(-1) ?? '')?.[1]?.toLowerCase() as PathTraits['cronPeriod'];
  const inCronFolder = dirs.some((dir) => dir.startsWith('cron') && !CRON_PERIOD.test(dir));
  const systemCrontab = dirs.includes('cron.d') || (base === 'crontab' && dirs.at(-1) === 'etc');
  return {
    documentation:
      DOC_EXTENSIONS.has(ext) ||
      (DOC_NAMES.test(base) && !SCRIPT_EXTENSIONS.has(ext)) ||
      dirs.some((dir) => dir === 'docs' || dir === 'doc'),
    unit: UNIT_EXTENSIONS.has(ext),
    crontab: period === undefined && (ext === 'cron' || /^crontab/i.test(base) || inCronFolder),
    systemCrontab,
    cronPeriod: period,
    script:
      SCRIPT_EXTENSIONS.has(ext) ||
      period !== undefined ||
      dirs.some((dir) => dir === 'scripts' || dir === 'bin' || dir === 'hooks'),
  };
}
