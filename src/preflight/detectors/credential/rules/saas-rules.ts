import { defineRule } from '../credential-rule.js';

/** Payments, messaging and AI services. */
export const SAAS_RULES = [
  defineRule(
    'stripe-live-key',
    'Stripe',
    'live secret key',
    ['sk_live_', 'rk_live_', 'sk_prod_', 'rk_prod_'],
    /\b([rs]k_(?:live|prod)_[a-zA-Z0-9]{10,99})\b/,
  ),
  defineRule(
    'stripe-test-key',
    'Stripe',
    'test-mode secret key',
    ['sk_test_', 'rk_test_'],
    /\b([rs]k_test_[a-zA-Z0-9]{10,99})\b/,
    { severity: 'warning' },
  ),
  defineRule(
    'square-token',
    'Square',
    'access token or secret',
    ['sq0atp-', 'sq0csp-', 'eaaa'],
    /\b(sq0atp-[\w-]{22,60}|sq0csp-[\w\\\]^-]{43}|EAAA[\w-]{22,60})(?![\w-])/,
    { minEntropy: 3.5 },
  ),
  defineRule(
    'shopify-token',
    'Shopify',
    'access token or shared secret',
    ['shpss_', 'shpat_', 'shpca_', 'shppa_'],
    /\b(shp(?:ss|at|ca|pa)_[a-fA-F0-9]{32})\b/,
  ),
  defineRule('shippo-token', 'Shippo', 'API token', ['shippo_'], /\b(shippo_live_[a-fA-F0-9]{40})\b/),
  defineRule('shippo-test-token', 'Shippo', 'test API token', ['shippo_test_'], /\b(shippo_test_[a-fA-F0-9]{40})\b/, {
    severity: 'warning',
  }),
  defineRule('duffel-token', 'Duffel', 'API token', ['duffel_'], /\b(duffel_(?:test|live)_[\w=-]{43})(?![\w=-])/i),
  defineRule('easypost-token', 'EasyPost', 'API key', ['ezak'], /\b(EZAK[a-z0-9]{54})\b/i),
  defineRule('easypost-test-token', 'EasyPost', 'test API key', ['eztk'], /\b(EZTK[a-z0-9]{54})\b/i, {
    severity: 'warning',
  }),
  defineRule(
    'flutterwave-test-key',
    'Flutterwave',
    'test key',
    ['flwpubk_test', 'flwseck_test'],
    /\b(FLW(?:PUB|SEC)K_TEST-[a-h0-9]{32}-X|FLWSECK_TEST-[a-h0-9]{12})\b/i,
    { severity: 'warning' },
  ),
  defineRule(
    'plaid-token',
    'Plaid',
    'access token',
    ['access-sandbox-', 'access-development-', 'access-production-'],
    /\b(access-(?:sandbox|development|production)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b/,
  ),
  defineRule('sendgrid-key', 'SendGrid', 'API key', ['sg.'], /\b(SG\.[a-zA-Z0-9=_\-.]{66})(?![\w=.-])/, {
    minEntropy: 4,
  }),
  defineRule(
    'sendinblue-key',
    'Brevo (Sendinblue)',
    'API key',
    ['xkeysib-'],
    /\b(xkeysib-[a-f0-9]{64}-[a-z0-9]{16})\b/i,
  ),
  defineRule('mailgun-key', 'Mailgun', 'API key', ['key-'], /\b(key-[a-f0-9]{32})\b/),
  defineRule('twilio-key', 'Twilio', 'API key', ['sk'], /\b(SK[0-9a-fA-F]{32})\b/, { minEntropy: 3.5 }),
  defineRule('mapbox-secret-token', 'Mapbox', 'secret token', ['sk.'], /\b(sk\.[a-z0-9]{60}\.[a-z0-9]{22})\b/i),
  defineRule(
    'openai-key',
    'OpenAI',
    'API key',
    ['t3blbkfj'],
    /\b(sk-(?:(?:proj|svcacct|admin)-)?[\w-]{20,200}T3BlbkFJ[\w-]{20,200})(?![\w-])/,
  ),
  defineRule(
    'anthropic-key',
    'Anthropic',
    'API key',
    ['sk-ant-'],
    /\b(sk-ant-(?:api03|admin01)-[\w-]{93}AA)(?![\w-])/,
    { minEntropy: 4 },
  ),
  defineRule('perplexity-key', 'Perplexity', 'API key', ['pplx-'], /\b(pplx-[a-zA-Z0-9]{48})\b/, { minEntropy: 4 }),
  defineRule('facebook-token', 'Facebook', 'page access token', ['eaam', 'eaac'], /\b(EAA[MC][a-zA-Z0-9]{100,500})/, {
    minEntropy: 4,
  }),
];
