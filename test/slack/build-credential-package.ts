import { generateKeyPairSync } from 'node:crypto';
import { findCredentials } from '../../src/preflight/detectors/credential/find-credentials.js';
import { BASE64, UPPER_ALNUM, makeSecret } from '../credential/make-secret.js';
import { buildRawZip } from '../helpers/raw-zip.js';

/** One credential written into the package: where, what, and the exact string the detector takes for the secret. */
export interface PlantedCredential {
  /** Path inside the zip. */
  path: string;
  line: number;
  /** `credential/<name>`, as the finding names it. */
  rule: string;
  /** A PEM key: its base64 body, lines and all. */
  secret: string;
}

export interface CredentialPackage {
  zip: Buffer;
  planted: PlantedCredential[];
}

interface Kind {
  rule: string;
  line: (seed: string) => string;
}

const DIGITS = '0123456789';

/** One line per kind, each holding a fresh secret; the values are real-looking, never real. */
const APP_ENV_KINDS: readonly Kind[] = [
  {
    rule: 'credential/aws-access-key-id',
    line: (seed) => `AWS_ACCESS_KEY_ID=AKIA${makeSecret(seed, 16, UPPER_ALNUM)}`,
  },
  {
    rule: 'credential/aws-secret-access-key',
    line: (seed) => `aws_secret_access_key = ${makeSecret(seed, 40, BASE64)}`,
  },
  {
    rule: 'credential/slack-token',
    line: (seed) =>
      `SLACK_BOT_TOKEN=xoxb-${makeSecret(`${seed}a`, 11, DIGITS)}-${makeSecret(`${seed}b`, 13, DIGITS)}-${makeSecret(seed, 24)}`,
  },
  { rule: 'credential/github-token', line: (seed) => `GITHUB_TOKEN=ghp_${makeSecret(seed, 36)}` },
  {
    rule: 'credential/url-password',
    line: (seed) => `DATABASE_URL=postgres://dten:${makeSecret(seed, 20)}@db.internal:5432/dten`,
  },
];

const PROPERTIES_KINDS: readonly Kind[] = [
  { rule: 'credential/password-assignment', line: (seed) => `password=${makeSecret(seed, 18)}` },
];

/** A line of `kind` whose secret the detector recognises: a random value may by chance look like a placeholder. */
function detectableLine(kind: Kind, seed: string): { text: string; secret: string } {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const text = kind.line(`${seed}:${attempt}`);
    const [match, ...more] = findCredentials(text);
    if (match?.rule === kind.rule && more.length === 0) return { text, secret: match.secret };
  }
  throw new Error(`the detector no longer finds ${kind.rule} in ${kind.line(seed)}`);
}

function privateKeyFile(): { text: string; secret: string } {
  const pem = generateKeyPairSync('rsa', { modulusLength: 2048 })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
  const [match] = findCredentials(pem);
  if (match?.rule !== 'credential/private-key') throw new Error('the detector no longer finds a PEM private key');
  return { text: pem, secret: match.secret };
}

/**
 * A vendor zip with hard-coded credentials in several config files per site (AWS key pair, Slack and GitHub tokens,
 * a postgres URL with a password, a `password=` line, a PEM private key), more than a chat message lists, so some
 * reach the person only through the attached full report. Secrets are new on every call; `seed` names the run.
 */
export function buildCredentialPackage(seed: string, sites: readonly string[]): CredentialPackage {
  const planted: PlantedCredential[] = [];
  const entries: { name: string; content: string; method: number }[] = [];
  const addLines = (path: string, kinds: readonly Kind[]): void => {
    const lines = [`# ${path}: settings for this site`];
    for (const kind of kinds) {
      const { text, secret } = detectableLine(kind, `${seed}:${path}:${kind.rule}`);
      lines.push(text);
      planted.push({ path, line: lines.length, rule: kind.rule, secret });
    }
    entries.push({ name: path, content: `${lines.join('\n')}\n`, method: 8 });
  };
  for (const site of sites) {
    addLines(`etc/${site}/app.env`, APP_ENV_KINDS);
    addLines(`etc/${site}/db.properties`, PROPERTIES_KINDS);
    const key = privateKeyFile();
    const path = `etc/${site}/tls/server.key`;
    entries.push({ name: path, content: key.text, method: 8 });
    planted.push({ path, line: 1, rule: 'credential/private-key', secret: key.secret });
  }
  return { zip: buildRawZip(entries), planted };
}
