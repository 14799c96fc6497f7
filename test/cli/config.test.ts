import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
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

  it('when a value is wrong, the one-line error names the variable and says where to fix it', () => {
    const message = errorFor({ DTEN_MAX_TOTAL_BYTES: 'lots' });
    expect(message).toContain('DTEN_MAX_TOTAL_BYTES');
    expect(message).toContain('.env.example');
    expect(message).not.toContain('\n');
    expect(errorFor({ DTEN_STALE_BINARY_DAYS: '-3' })).toContain('DTEN_STALE_BINARY_DAYS');
  });
});
