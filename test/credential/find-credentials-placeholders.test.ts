import { describe, expect, it } from 'vitest';
import { findCredentials } from '../../src/preflight/detectors/credential/find-credentials.js';
import { makeSecret } from './make-secret.js';

const PLACEHOLDERS = [
  'DB_PASSWORD=${DB_PASSWORD}',
  'export API_TOKEN=$API_TOKEN',
  'set SECRET_KEY=%SECRET_KEY%',
  'password: "{{ vault_db_password }}"',
  'admin_password = <password>',
  'password=changeme',
  'api_key: xxxxxxxxxxxxxxxxxxxxxxxx',
  'token = "your-token-here-example"',
  'AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE',
  'client_secret: "********************"',
  'password=',
  'secret: ""',
  'export GITHUB_TOKEN=$(cat /run/secrets/github_token)',
  'db_password = os.environ["DB_PASSWORD"]',
  'const apiKey = process.env.DTEN_API_KEY;',
  'token = os.getenv("DTEN_TOKEN")',
  'DATABASE_URL=postgres://dten:${DB_PASSWORD}@db.internal:5432/dten',
  'url: https://user:password@artifacts.example/dten',
  'GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  'password_file: /run/secrets/db_password',
  'token_url: https://auth.vendor.example/oauth/token',
  'const token = await fetchToken(clientId);',
  'this.password = password;',
];

const LOW_ENTROPY = [
  'password=aaaaaaaaaaaa',
  'token: abababababababab',
  'api_key = 1111111111111111',
  'secret="abcabcabcabcabc"',
];

describe('findCredentials on values that only stand in for a secret', () => {
  it.each(PLACEHOLDERS)('when a file says %s, nothing is reported', (line) => {
    expect(findCredentials(`# config\n${line}\n`)).toEqual([]);
  });

  it.each(LOW_ENTROPY)('when a generic assignment holds a low-entropy value (%s), it is ignored', (line) => {
    expect(findCredentials(line)).toEqual([]);
  });

  it('when the same names hold random values, they are reported, so the placeholders above were judged by their values', () => {
    const lines = ['DB_PASSWORD', 'API_TOKEN', 'SECRET_KEY', 'client_secret'].map(
      (name) => `${name}=${makeSecret(name, 24)}`,
    );

    expect(findCredentials(lines.join('\n')).map((match) => match.line)).toEqual([1, 2, 3, 4]);
  });

  it('when a file is documentation prose about tokens and passwords, nothing is reported', () => {
    const prose = [
      'Rotate the API token every 90 days; the password policy requires 12 characters.',
      'The secret key is read from the environment at start-up (see DTEN_SECRET_KEY).',
      'keyboard shortcuts: press the monkey key to continue',
    ];

    expect(findCredentials(prose.join('\n'))).toEqual([]);
  });
});
