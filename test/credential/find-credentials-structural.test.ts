import { describe, expect, it } from 'vitest';
import { findCredentials } from '../../src/preflight/detectors/credential/find-credentials.js';
import { ALNUM, BASE64, makeSecret } from './make-secret.js';

// Assertions on secrets compare booleans, so a failing test never prints a secret.

const LETTERS = ALNUM.replace(/\d/g, '');
const base64 = (text: string): string => Buffer.from(text).toString('base64');
const base64url = (text: string): string => Buffer.from(text).toString('base64url');
const rulesIn = (text: string): string[] => findCredentials(text).map((match) => match.rule);

describe('findCredentials on HTTP Authorization headers', () => {
  it('when a Basic header encodes user:password, it is reported at the encoded value with the value masked', () => {
    const encoded = base64(`deploy:${makeSecret('basic-auth', 14)}`);
    const line = `curl -H "Authorization: Basic ${encoded}" https://artifacts.vendor.example/dten.tgz`;
    const [match, ...rest] = findCredentials(`#!/bin/sh\n${line}\n`);

    expect(rest).toEqual([]);
    expect(match).toMatchObject({
      rule: 'credential/authorization-header',
      kind: 'credential in an HTTP Authorization header',
      severity: 'blocker',
      line: 2,
      column: line.indexOf(encoded) + 1,
    });
    expect(match?.evidence.includes(encoded)).toBe(false);
    expect(match?.evidence).toContain('Authorization: Basic ');
  });

  it.each([
    ['the password is a placeholder', base64('admin:changeme1')],
    ['it decodes to no user:password pair', base64(`deploy${makeSecret('no-colon', 10)}`)],
    ['it decodes to binary rather than text', makeSecret('binary-basic', 24, BASE64)],
  ])('when a Basic header value is not a real credential (%s), nothing is reported', (_, encoded) => {
    expect(rulesIn(`Authorization: Basic ${encoded}`)).toEqual([]);
  });

  it('when a Bearer header holds a word without digits, it is read as a name, not a token; with a real token it is reported', () => {
    expect(rulesIn('curl -H "Authorization: Bearer YourAccessTokenHere" https://api.vendor.example/v1')).toEqual([]);
    expect(
      rulesIn(`curl -H "Authorization: Bearer ${makeSecret('bearer', 32)}" https://api.vendor.example/v1`),
    ).toEqual(['credential/authorization-header']);
  });
});

describe('findCredentials on API key headers', () => {
  it('when an X-Api-Key header holds a key with digits, the header rule reports it', () => {
    const key = makeSecret('api-key-header', 32);
    const line = `curl -H "X-Api-Key: ${key}" https://api.vendor.example/v1/releases`;
    const [match] = findCredentials(line);

    expect(match).toMatchObject({ rule: 'credential/api-key-header', kind: 'API key in an HTTP header', line: 1 });
    expect(match?.column).toBe(line.indexOf(key) + 1);
    expect(match?.secret === key).toBe(true);
  });

  it('when the header value has no digit, the header rule passes it over and only the generic secret rule reports it', () => {
    const key = makeSecret('api-key-letters', 24, LETTERS);
    expect(rulesIn(`curl -H "X-Api-Key: ${key}" https://api.vendor.example/v1/releases`)).toEqual([
      'credential/secret-assignment',
    ]);
  });
});

describe('findCredentials on curl -u user:password', () => {
  it.each([
    ['-u deploy:', '-u'],
    ['--user=deploy:', '--user='],
  ])('when curl is given %s<password>, the password is reported and the user name stays readable', (prefix) => {
    const password = makeSecret(`curl ${prefix}`, 14);
    const line = `curl -fsS ${prefix}${password} https://artifacts.vendor.example/dten.tgz -o /tmp/dten.tgz`;
    const [match, ...rest] = findCredentials(line);

    expect(rest).toEqual([]);
    expect(match).toMatchObject({ rule: 'credential/curl-basic-auth', kind: 'password on a curl command line' });
    expect(match?.secret === password).toBe(true);
    expect(match?.evidence).toContain(`curl -fsS ${prefix}…(14 chars, masked)`);
  });

  it.each([
    ['a word that names a secret', 'curl -u deploy:secretvalue1 https://artifacts.vendor.example/dten.tgz'],
    ['a placeholder', 'curl -u deploy:password https://artifacts.vendor.example/dten.tgz'],
    ['a URL scheme, not a password', 'curl -u admin://mirror.internal/dten https://x.example/'],
  ])('when the part after the colon is %s, nothing is reported', (_, line) => {
    expect(rulesIn(line)).toEqual([]);
  });
});

describe('findCredentials on JWT-shaped text', () => {
  const payload = base64url('{"sub":"dten-agent","iat":1700000000}');
  const signature = makeSecret('jwt-signature', 43, `${ALNUM}-_`);

  it('when the first part decodes to a JSON header with alg, it is reported as a JWT', () => {
    expect(rulesIn(`session=${base64url('{"alg":"HS256"}')}.${payload}.${signature}`)).toEqual(['credential/jwt']);
  });

  it.each([
    ['is not JSON at all', '{"alg" "HS256" broken'],
    ['is JSON without alg or typ', '{"kid":"key-1","v":2}'],
  ])('when the first part %s, the dotted text is not taken for a JWT', (_, header) => {
    expect(rulesIn(`session=${base64url(header)}.${payload}.${signature}`)).toEqual([]);
  });
});
