import { X509Certificate } from 'node:crypto';
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_CERTIFICATE_PATHS } from '../../src/examples/generate-example-certificates.js';
import { buildExampleSet, type ExampleSet } from './build-example-set.js';
import { findEntry, readExampleZip } from './read-example-zip.js';

let set: ExampleSet;
beforeAll(async () => {
  set = await buildExampleSet();
});
afterAll(() => set?.remove());

async function readChain(state: 'arrived' | 'ready' | 'previous'): Promise<X509Certificate[]> {
  const entries = await readExampleZip(set.packages[state].outFile);
  return EXAMPLE_CERTIFICATE_PATHS.map((path) => new X509Certificate(findEntry(entries, path).data));
}

const commonName = (name: string): string | undefined => /CN=(.+)/.exec(name)?.[1];

describe('the example certificate chain', () => {
  it('when the chain is read, the root is the unfamiliar "Northwind Secure Issuing Root" and each certificate is signed by the one before', async () => {
    for (const state of ['arrived', 'ready', 'previous'] as const) {
      const [root, intermediate, leaf] = await readChain(state);
      expect(commonName(root!.subject)).toBe('Northwind Secure Issuing Root');
      expect(root!.ca && intermediate!.ca && !leaf!.ca).toBe(true);
      expect(intermediate!.checkIssued(root!) && intermediate!.verify(root!.publicKey)).toBe(true);
      expect(leaf!.checkIssued(intermediate!) && leaf!.verify(intermediate!.publicKey)).toBe(true);
    }
  });

  it('when the arrived leaf is compared with the ready one, it comes from a different partner intermediate of the same root', async () => {
    const [, , arrivedLeaf] = await readChain('arrived');
    const [, , readyLeaf] = await readChain('ready');
    expect(arrivedLeaf!.issuer).not.toBe(readyLeaf!.issuer);
    expect(commonName(arrivedLeaf!.issuer)).toMatch(/Partner/);
  });

  it('when openssl verifies each package chain against the printed vendor root, every one is valid at build time', async () => {
    const rootFile = join(set.dir, 'vendor-root-ca.pem');
    await writeFile(rootFile, set.packages.ready.rootCaPem);
    for (const state of ['arrived', 'ready', 'previous'] as const) {
      expect(set.packages[state].rootCaPem).toBe(set.packages.ready.rootCaPem);
      const [, intermediate, leaf] = await readChain(state);
      const intermediateFile = join(set.dir, `${state}-intermediate.pem`);
      const leafFile = join(set.dir, `${state}-leaf.pem`);
      await writeFile(intermediateFile, intermediate!.toString());
      await writeFile(leafFile, leaf!.toString());
      const attime = String(Math.floor(set.packages[state].buildDate.getTime() / 1000));
      const { stdout } = await promisify(execFile)('openssl', [
        'verify',
        '-attime',
        attime,
        '-CAfile',
        rootFile,
        '-untrusted',
        intermediateFile,
        leafFile,
      ]);
      expect(stdout.trim()).toBe(`${leafFile}: OK`);
    }
  });
});
