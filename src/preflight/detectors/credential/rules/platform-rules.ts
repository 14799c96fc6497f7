import { defineRule } from '../credential-rule.js';

/** Developer platforms, observability and data services. */
export const PLATFORM_RULES = [
  defineRule(
    'hashicorp-terraform-token',
    'HashiCorp Terraform',
    'API token',
    ['atlasv1'],
    /\b([a-z0-9]{14}\.atlasv1\.[a-z0-9_=-]{60,70})\b/i,
    { minEntropy: 3.5 },
  ),
  defineRule('vault-token', 'HashiCorp Vault', 'token', ['hvs.', 'hvb.'], /\b(hv[sb]\.[\w-]{90,300})/, {
    minEntropy: 3.5,
  }),
  defineRule('databricks-token', 'Databricks', 'API token', ['dapi'], /\b(dapi[a-f0-9]{32}(?:-\d)?)\b/),
  defineRule('doppler-token', 'Doppler', 'API token', ['dp.pt.'], /\b(dp\.pt\.[a-z0-9]{43})\b/i),
  defineRule('dynatrace-token', 'Dynatrace', 'API token', ['dt0c01.'], /\b(dt0c01\.[a-z0-9]{24}\.[a-z0-9]{64})\b/i),
  defineRule(
    'flyio-token',
    'Fly.io',
    'access token',
    ['fo1_', 'fm1', 'fm2_'],
    /\b(fo1_[\w-]{43}|fm1[ar]_[a-zA-Z0-9+/]{100,2000}={0,3}|fm2_[a-zA-Z0-9+/]{100,2000}={0,3})/,
    { minEntropy: 4 },
  ),
  defineRule(
    'planetscale-token',
    'PlanetScale',
    'password or token',
    ['pscale_'],
    /\b(pscale_(?:pw|tkn|oauth)_[\w=.-]{32,64})/i,
  ),
  defineRule('pulumi-token', 'Pulumi', 'access token', ['pul-'], /\b(pul-[a-f0-9]{40})\b/),
  defineRule(
    'grafana-token',
    'Grafana',
    'token',
    ['glc_', 'glsa_', 'eyjrijoi'],
    /\b(glc_[A-Za-z0-9+/]{32,400}={0,3}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}|eyJrIjoi[A-Za-z0-9]{70,400}={0,3})/,
    { minEntropy: 3.5 },
  ),
  defineRule(
    'sentry-token',
    'Sentry',
    'auth token',
    ['sntrys_', 'sntryu_'],
    /\b(sntrys_eyJpYXQiO[A-Za-z0-9+/=_]{60,2000}|sntryu_[a-f0-9]{64})\b/,
  ),
  defineRule(
    'new-relic-key',
    'New Relic',
    'API key',
    ['nrak-', 'nrjs-', 'nrii-'],
    /\b(NRAK-[a-z0-9]{27}|NRJS-[a-f0-9]{19}|NRII-[a-z0-9-]{32})\b/i,
  ),
  defineRule('infracost-token', 'Infracost', 'API token', ['ico-'], /(?<![\w./-])(ico-[a-zA-Z0-9]{32})\b/, {
    minEntropy: 3.5,
  }),
  defineRule('scalingo-token', 'Scalingo', 'API token', ['tk-us-'], /\b(tk-us-[\w-]{48})(?![\w-])/),
  defineRule('openshift-token', 'OpenShift', 'user token', ['sha256~'], /\b(sha256~[\w-]{43})(?![\w-])/, {
    minEntropy: 3.5,
  }),
  defineRule('clickhouse-cloud-key', 'ClickHouse Cloud', 'API secret key', ['4b1d'], /\b(4b1d[A-Za-z0-9]{38})\b/, {
    minEntropy: 4,
  }),
  defineRule(
    'cloudflare-origin-ca-key',
    'Cloudflare',
    'origin CA key',
    ['v1.0-'],
    /\b(v1\.0-[a-f0-9]{24}-[a-f0-9]{146})\b/,
  ),
  defineRule(
    'harness-token',
    'Harness',
    'access token',
    ['pat.', 'sat.'],
    /\b((?:pat|sat)\.[a-zA-Z0-9_-]{22}\.[a-zA-Z0-9]{24}\.[a-zA-Z0-9]{20})\b/,
  ),
  defineRule(
    'age-secret-key',
    'age',
    'secret key',
    ['age-secret-key-1'],
    /\b(AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})\b/,
  ),
  defineRule('octopus-deploy-key', 'Octopus Deploy', 'API key', ['api-'], /\b(API-[A-Z0-9]{26})\b/, {
    minEntropy: 3.5,
  }),
];
