import { defineRule } from '../credential-rule.js';

/** Developer tools, AI model hubs and password managers. */
export const DEVELOPER_TOOL_RULES = [
  defineRule('readme-token', 'ReadMe', 'API key', ['rdme_'], /\b(rdme_[a-z0-9]{70})\b/),
  defineRule('postman-token', 'Postman', 'API key', ['pmak-'], /\b(PMAK-[a-f0-9]{24}-[a-f0-9]{34})\b/i),
  defineRule('prefect-token', 'Prefect', 'API key', ['pnu_'], /\b(pnu_[a-zA-Z0-9]{36})\b/, { minEntropy: 3.5 }),
  defineRule('linear-token', 'Linear', 'API key', ['lin_api_'], /\b(lin_api_[a-z0-9]{40})\b/i),
  defineRule('typeform-token', 'Typeform', 'personal token', ['tfp_'], /\b(tfp_[a-z0-9_.=-]{59})(?![\w.=-])/i),
  defineRule('frameio-token', 'Frame.io', 'API token', ['fio-u-'], /\b(fio-u-[\w=-]{64})(?![\w=-])/i),
  defineRule(
    'settlemint-token',
    'SettleMint',
    'access token',
    ['sm_pat_', 'sm_aat_', 'sm_sat_'],
    /\b(sm_(?:pat|aat|sat)_[a-zA-Z0-9]{16})\b/,
  ),
  defineRule(
    'defined-networking-token',
    'Defined Networking',
    'API token',
    ['dnkey-'],
    /\b(dnkey-[a-z0-9=_-]{26}-[a-z0-9=_-]{52})(?![\w=-])/i,
  ),
  defineRule(
    'huggingface-token',
    'Hugging Face',
    'access token',
    ['hf_', 'api_org_'],
    /\b(hf_[a-zA-Z]{34}|api_org_[a-zA-Z]{34})\b/,
    {
      accept: (secret) => /[A-Z]/.test(secret.slice(3)) && /[a-z]/.test(secret.slice(3)),
    },
  ),
  defineRule('intra42-secret', '42 Intra', 'client secret', ['s-s4t2'], /\b(s-s4t2(?:ud|af)-[a-f0-9]{64})\b/),
  defineRule('notion-token', 'Notion', 'API token', ['ntn_'], /\b(ntn_[0-9]{11}[A-Za-z0-9]{35})\b/, { minEntropy: 4 }),
  defineRule(
    'onepassword-secret-key',
    '1Password',
    'account secret key',
    ['a3-'],
    /\b(A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5})\b/,
    { minEntropy: 3.5 },
  ),
  defineRule(
    'onepassword-service-token',
    '1Password',
    'service account token',
    ['ops_eyj'],
    /\b(ops_eyJ[a-zA-Z0-9+/]{250,4000}={0,3})/,
    { minEntropy: 4 },
  ),
];
