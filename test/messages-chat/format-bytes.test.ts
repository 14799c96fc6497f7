import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../src/messages/format-bytes.js';

describe('byte counts in messages', () => {
  it('says small counts in bytes and larger ones in binary units with one decimal', () => {
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(1023)).toBe('1023 bytes');
    expect(formatBytes(1024)).toBe('1.0 KiB');
    expect(formatBytes(64 * 1024)).toBe('64.0 KiB');
    expect(formatBytes(1536 * 1024)).toBe('1.5 MiB');
    expect(formatBytes(2 * 1024 ** 3)).toBe('2.0 GiB');
    expect(formatBytes(5 * 1024 ** 5)).toBe('5120.0 TiB');
  });
});
