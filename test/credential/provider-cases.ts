import { createHmac } from 'node:crypto';
import { ALNUM, BASE64, HEX, UPPER_ALNUM, makeSecret } from './make-secret.js';

const digits = (seed: string, length: number): string =>
  makeSecret(seed, 1, '123456789') + makeSecret(`${seed}+`, length - 1, '0123456789');

export interface ProviderCase {
  name: string;
  /** The line as it would appear in a package file. */
  line: string;
  /** The secret inside the line, which must never be shown. */
  secret: string;
  rule: string;
  severity: 'blocker' | 'warning';
}

function providerCase(
  name: string,
  rule: string,
  secret: string,
  wrap: (secret: string) => string,
  severity: ProviderCase['severity'] = 'blocker',
): ProviderCase {
  return { name, rule: `credential/${rule}`, secret, line: wrap(secret), severity };
}

function signJwt(payload: object, seed: string): string {
  const encode = (part: object): string => Buffer.from(JSON.stringify(part)).toString('base64url');
  const body = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(payload)}`;
  return `${body}.${createHmac('sha256', makeSecret(seed, 32)).update(body).digest('base64url')}`;
}

/** One real-looking secret per provider family, each built at test time. */
export const PROVIDER_CASES: readonly ProviderCase[] = [
  providerCase(
    'AWS access key id',
    'aws-access-key-id',
    `AKIA${makeSecret('aws-id', 16, UPPER_ALNUM)}`,
    (s) => `AWS_ACCESS_KEY_ID=${s}`,
  ),
  providerCase(
    'AWS secret access key',
    'aws-secret-access-key',
    makeSecret('aws-secret', 40, BASE64),
    (s) => `aws_secret_access_key = ${s}`,
  ),
  providerCase('Google Cloud API key', 'gcp-api-key', `AIza${makeSecret('gcp', 35)}`, (s) => `  maps_api_key: "${s}"`),
  providerCase(
    'Azure storage key in a connection string',
    'azure-storage-key',
    `${makeSecret('azure', 86, BASE64)}==`,
    (s) => `DefaultEndpointsProtocol=https;AccountName=dtenlogs;AccountKey=${s};EndpointSuffix=core.windows.net`,
  ),
  ...['ghp', 'gho', 'ghu', 'ghs', 'ghr'].map((prefix) =>
    providerCase(
      `GitHub ${prefix}_ token`,
      'github-token',
      `${prefix}_${makeSecret(prefix, 36)}`,
      (s) => `GITHUB_TOKEN=${s}`,
    ),
  ),
  providerCase(
    'GitHub fine-grained token',
    'github-token',
    `github_pat_${makeSecret('ghfg', 82, `${ALNUM}_`)}`,
    (s) => `gh auth login --with-token <<< ${s}`,
  ),
  providerCase(
    'GitLab personal access token',
    'gitlab-token',
    `glpat-${makeSecret('gitlab', 20)}`,
    (s) => `git clone https://oauth2:${s}@gitlab.vendor.example/dten/agent.git`,
  ),
  providerCase(
    'Slack bot token',
    'slack-token',
    `xoxb-${digits('sb1', 11)}-${digits('sb2', 13)}-${makeSecret('sb3', 24)}`,
    (s) => `SLACK_BOT_TOKEN=${s}`,
  ),
  providerCase(
    'Slack user token',
    'slack-token',
    `xoxp-${digits('su1', 11)}-${digits('su2', 12)}-${digits('su3', 13)}-${makeSecret('su4', 32, HEX)}`,
    (s) => `slack: {"token": "${s}"}`,
  ),
  providerCase(
    'Slack app-level token',
    'slack-token',
    `xapp-1-A${makeSecret('sa1', 10, UPPER_ALNUM)}-${digits('sa2', 13)}-${makeSecret('sa3', 64, HEX)}`,
    (s) => `SLACK_APP_TOKEN=${s}`,
  ),
  providerCase(
    'Slack webhook URL',
    'slack-webhook',
    `hooks.slack.com/services/T${makeSecret('sw1', 8, UPPER_ALNUM)}/B${makeSecret('sw2', 10, UPPER_ALNUM)}/${makeSecret('sw3', 24)}`,
    (s) => `curl -X POST https://${s} -d @message.json`,
  ),
  providerCase(
    'Stripe live secret key',
    'stripe-live-key',
    `sk_live_${makeSecret('stripe', 24)}`,
    (s) => `stripe.api_key = "${s}"`,
  ),
  providerCase(
    'Stripe restricted live key',
    'stripe-live-key',
    `rk_live_${makeSecret('stripe-rk', 24)}`,
    (s) => `STRIPE_KEY=${s}`,
  ),
  providerCase(
    'Stripe test key',
    'stripe-test-key',
    `sk_test_${makeSecret('stripe-test', 24)}`,
    (s) => `STRIPE_KEY=${s}`,
    'warning',
  ),
  providerCase(
    'npm token',
    'npm-token',
    `npm_${makeSecret('npm', 36)}`,
    (s) => `//registry.npmjs.org/:_authToken=${s}`,
  ),
  providerCase(
    'PyPI upload token',
    'pypi-token',
    `pypi-AgEIcHlwaS5vcmc${makeSecret('pypi', 70, `${ALNUM}-_`)}`,
    (s) => `password = ${s}`,
  ),
  providerCase(
    'SendGrid API key',
    'sendgrid-key',
    `SG.${makeSecret('sg1', 22)}.${makeSecret('sg2', 43)}`,
    (s) => `SENDGRID_API_KEY='${s}'`,
  ),
  providerCase('Twilio API key', 'twilio-key', `SK${makeSecret('twilio', 32, HEX)}`, (s) => `twilio_api_key_sid: ${s}`),
  providerCase(
    'OpenAI project key',
    'openai-key',
    `sk-proj-${makeSecret('oa1', 58)}T3BlbkFJ${makeSecret('oa2', 58)}`,
    (s) => `OPENAI_API_KEY=${s}`,
  ),
  providerCase(
    'Anthropic API key',
    'anthropic-key',
    `sk-ant-api03-${makeSecret('anthropic', 93, `${ALNUM}-_`)}AA`,
    (s) => `ANTHROPIC_API_KEY="${s}"`,
  ),
  providerCase(
    '1Password service account token',
    'onepassword-service-token',
    `ops_eyJ${makeSecret('op', 300, BASE64)}`,
    (s) => `export OP_SERVICE_ACCOUNT_TOKEN=${s}`,
  ),
  providerCase(
    'JSON Web Token',
    'jwt',
    signJwt({ sub: 'dten-agent', iat: 1_700_000_000 }, 'jwt'),
    (s) => `Authorization: Bearer ${s}`,
  ),
  providerCase(
    'PostgreSQL URL with a password',
    'url-password',
    makeSecret('pg', 16),
    (s) => `DATABASE_URL=postgres://dten:${s}@db.internal:5432/dten`,
  ),
  providerCase(
    'MongoDB SRV URL with a password',
    'url-password',
    makeSecret('mongo', 14),
    (s) => `uri: mongodb+srv://app:${s}@cluster0.mongodb.net/app`,
  ),
  providerCase(
    'AMQP URL with a password',
    'url-password',
    makeSecret('amqp', 14),
    (s) => `BROKER=amqp://dten:${s}@mq.internal:5672/`,
  ),
  providerCase(
    'Redis URL with only a password',
    'url-password',
    makeSecret('redis', 14),
    (s) => `redis_url: redis://:${s}@cache:6379/0`,
  ),
  providerCase(
    'HTTPS URL with basic credentials',
    'url-password',
    makeSecret('https', 14),
    (s) => `repo=https://deploy:${s}@artifacts.vendor.example/dten`,
  ),
  providerCase('shell password assignment', 'password-assignment', makeSecret('shell', 14), (s) => `DB_PASSWORD=${s}`),
  providerCase('ini password', 'password-assignment', makeSecret('ini', 14), (s) => `passwd = ${s}`),
  providerCase('YAML secret', 'secret-assignment', makeSecret('yaml', 32), (s) => `  client_secret: ${s}`),
  providerCase('JSON API key', 'secret-assignment', makeSecret('json', 32), (s) => `{ "api_key": "${s}" }`),
  providerCase('env token', 'secret-assignment', makeSecret('env', 40, HEX), (s) => `SERVICE_TOKEN="${s}"`),
  providerCase(
    'XML password element',
    'password-assignment',
    makeSecret('xml', 16),
    (s) => `<password>${s}</password>`,
  ),
];
