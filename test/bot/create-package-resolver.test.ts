import { mkdtemp, rm } from 'node:fs/promises';
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
});
