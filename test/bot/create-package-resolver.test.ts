import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPackageResolver } from '../../src/bot/create-package-resolver.js';
import { UserError } from '../../src/core/errors/user-error.js';
import { describeUserError } from '../../src/messages/user-error-text.js';
import { createDirectoryPackageStore } from '../../src/package-store/create-directory-package-store.js';

describe('createPackageResolver', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dten-resolver-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const answerFor = async (reference: string): Promise<string> => {
    const resolver = createPackageResolver(createDirectoryPackageStore(dir));
    const error: unknown = await resolver.resolve(reference, []).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UserError);
    return describeUserError(error as UserError);
  };

  it('answers a missing store package in one sentence about the store', async () => {
    const text = await answerFor('nope.zip');
    expect(text).toContain('nope.zip could not be found or fetched: the package store has no such package.');
    expect(text).not.toContain('..');
  });

  it('answers a URL that cannot be downloaded about the download, not about agents or tokens, and hides its query', async () => {
    const text = await answerFor('https://host.invalid/p.zip?token=hunter2hunter2');
    expect(text).toMatch(
      /^The package https:\/\/host\.invalid\/p\.zip could not be found or fetched: the download failed \(/,
    );
    expect(text).not.toContain('hunter2');
    expect(text).not.toMatch(/control plane|agent|\.\./);
    expect(text.split('\n')).toHaveLength(1);
  });

  it('refuses a plain http URL and a name that cannot be a package', async () => {
    expect(await answerFor('http://host.invalid/p.zip')).toContain('only https URLs are fetched');
    expect(await answerFor('../etc/passwd')).toContain('that is not a package name');
  });

  it('keeps both when a zip is shared again under a name the store holds with other bytes: the new one under its digest', async () => {
    const store = createDirectoryPackageStore(dir);
    const shared = async (bytes: string) => {
      const path = join(dir, `upload-${bytes.length}`);
      await writeFile(path, bytes);
      return { path, remove: () => rm(path, { force: true }) };
    };
    const zips = new Map([
      ['first', 'PK first bytes'],
      ['second', 'PK second, other bytes'],
    ]);
    let next = 'first';
    const resolver = createPackageResolver(store, () => shared(zips.get(next)!));
    const file = { id: 'F1', name: 'Full-upgrade-package-dten.zip' };
    const first = await resolver.resolve('Full-upgrade-package-dten.zip', [file]);
    next = 'second';
    const second = await resolver.resolve('Full-upgrade-package-dten.zip', [file]);

    expect(first.source).toEqual({ key: 'Full-upgrade-package-dten.zip' });
    expect(second.source).toEqual({ key: `${second.sha256.slice(0, 12)}-Full-upgrade-package-dten.zip` });
    expect(second.sha256).not.toBe(first.sha256);
    expect(await readFile(first.path, 'utf8')).toBe('PK first bytes');
    expect(await readFile(second.path, 'utf8')).toBe('PK second, other bytes');
  });
});
