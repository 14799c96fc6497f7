import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, loadConfig } from '../../src/config.js';
import { isUserError } from '../../src/core/errors/user-error.js';
import { describeUserError } from '../../src/messages/user-error-text.js';

function errorFor(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (isUserError(error)) return describeUserError(error);
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('configuration from the environment', () => {
  it('when nothing is set, the embedded defaults apply', () => {
    const config = loadConfig({});
    expect(config.staleBinaryDays).toBe(180);
    expect(config.archiveLimits.maxCompressionRatio).toBe(200);
  });

  it('when sizes carry units, they are read as bytes', () => {
    const config = loadConfig({ DTEN_MAX_TOTAL_BYTES: '2GiB', DTEN_MAX_NESTED_BYTES: '512KiB' });
    expect(config.archiveLimits.maxTotalBytes).toBe(2 * 1024 ** 3);
    expect(config.archiveLimits.maxNestedBytes).toBe(512 * 1024);
  });

  it('when the package store is to be served, its address is host:port, IPv6 in brackets, and nothing else', () => {
    expect(loadConfig({}).packageListen).toBeUndefined();
    expect(loadConfig({ DTEN_PACKAGE_LISTEN: '0.0.0.0:8430' }).packageListen).toEqual({ host: '0.0.0.0', port: 8430 });
    expect(loadConfig({ DTEN_PACKAGE_LISTEN: '[::]:8430' }).packageListen).toEqual({ host: '::', port: 8430 });
    expect(loadConfig({ DTEN_PACKAGE_LISTEN: 'store.internal:443' }).packageListen).toEqual({
      host: 'store.internal',
      port: 443,
    });
    for (const wrong of ['8430', '0.0.0.0', '0.0.0.0:0', '0.0.0.0:70000', '::1:8430', 'http://0.0.0.0:8430'])
      expect(errorFor({ DTEN_PACKAGE_LISTEN: wrong })).toBe(
        'DTEN_PACKAGE_LISTEN is not valid: expected host:port, such as 0.0.0.0:8430, 10.0.0.5:8430 or [::]:8430. Fix it in the environment or .env (see .env.example).',
      );
  });

  it('when a value is wrong, the one-line error names the variable and says where to fix it', () => {
    const message = errorFor({ DTEN_MAX_TOTAL_BYTES: 'lots' });
    expect(message).toContain('DTEN_MAX_TOTAL_BYTES');
    expect(message).toContain('.env.example');
    expect(message).not.toContain('\n');
    expect(errorFor({ DTEN_STALE_BINARY_DAYS: '-3' })).toContain('DTEN_STALE_BINARY_DAYS');
  });

  it('every variable dten reads is in .env.example', async () => {
    const example = await readFile(new URL('../../.env.example', import.meta.url), 'utf8');
    const listed = new Set(example.split('\n').map((line) => /^(?:#\s*)?([A-Z][A-Z0-9_]*)=/.exec(line)?.[1]));
    expect(CONFIG_VARIABLES.filter((name) => !listed.has(name))).toEqual([]);
    expect(CONFIG_VARIABLES).toContain('DTEN_PACKAGE_LISTEN');
  });
});
