import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashFile } from '../../src/preflight/hash-file.js';

describe('the SHA-256 of a package file', () => {
  it('when the path names a regular file, it is the digest of its bytes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dten-hash-'));
    const bytes = Buffer.alloc(3 * 1024 ** 2 + 17, 'dten');
    await writeFile(join(dir, 'pkg.zip'), bytes);
    expect(await hashFile(join(dir, 'pkg.zip'))).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('when a named pipe or a link to a device sits at the path, it fails as not found at once instead of waiting or reading for ever', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dten-hash-'));
    execFileSync('mkfifo', [join(dir, 'pipe.zip')]);
    await symlink('/dev/zero', join(dir, 'zero.zip'));
    await expect(hashFile(join(dir, 'pipe.zip'))).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(hashFile(join(dir, 'zero.zip'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
