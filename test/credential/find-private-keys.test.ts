import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findCredentials } from '../../src/preflight/detectors/credential/find-credentials.js';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pkcs8 = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const pkcs1 = rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  .privateKey.export({ type: 'sec1', format: 'pem' })
  .toString();
const publicKey = rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString();

describe('findCredentials on private keys', () => {
  it.each([
    ['a PKCS#8 RSA key', pkcs8],
    ['a PKCS#1 RSA key', pkcs1],
    ['an EC key', ec],
  ])('when a package ships %s, it is reported on its BEGIN line and the key body is never shown', (_name, pem) => {
    const matches = findCredentials(`# tls material\n\n${pem}`);

    expect(matches.map(({ rule, line }) => ({ rule, line }))).toEqual([{ rule: 'credential/private-key', line: 3 }]);
    expect(matches[0]?.evidence).toMatch(/^-----BEGIN [A-Z ]*PRIVATE KEY-----$/);
    const body = pem.split('\n')[1] ?? '';
    expect(JSON.stringify(matches).includes(body)).toBe(false);
  });

  it('when a Google service-account JSON file is in the package, it is reported as one service-account key', () => {
    const file = JSON.stringify(
      {
        type: 'service_account',
        project_id: 'dten-prod',
        private_key: pkcs8,
        client_email: 'agent@dten-prod.iam.gserviceaccount.com',
      },
      null,
      2,
    );
    const matches = findCredentials(file);

    expect(matches.map(({ rule, line }) => ({ rule, line }))).toEqual([
      { rule: 'credential/gcp-service-account', line: 4 },
    ]);
    expect(matches[0]?.evidence.startsWith('"private_key": "-----BEGIN PRIVATE KEY-----')).toBe(true);
    expect(matches[0]?.evidence).toContain('masked');
  });

  it('when a file holds only a public key or a PEM block with no key material, nothing is reported', () => {
    const empty = '-----BEGIN PRIVATE KEY-----\nanything\n-----END PRIVATE KEY-----\n';

    expect(findCredentials(`${publicKey}\n${empty}`)).toEqual([]);
  });
});
