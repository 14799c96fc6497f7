const PASSED_THROUGH = ['PATH', 'HOME', 'LANG', 'LC_ALL', 'TZ', 'TMPDIR'] as const;

/**
 * The environment a vendor script or service gets: only these basics of the agent's own environment, so the job
 * key and tokens the agent holds never reach package code. The composition root calls it with `process.env`.
 */
export function pickChildEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of PASSED_THROUGH) {
    const value = env[name];
    if (value !== undefined) picked[name] = value;
  }
  return picked;
}
