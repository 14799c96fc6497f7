import { defineRule } from '../credential-rule.js';

const GITLAB_PREFIXES = [
  'glpat-',
  'glptt-',
  'glrt-',
  'gldt-',
  'glcbt-',
  'glffct-',
  'glft-',
  'glimt-',
  'glagent-',
  'glsoat-',
  'gloas-',
  'gr1348941',
  '_gitlab_session=',
];

/** Source hosting and package registries. */
export const CODE_HOST_RULES = [
  defineRule(
    'github-token',
    'GitHub',
    'token',
    ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
    /\b(gh[pousr]_[0-9A-Za-z]{36})\b/,
  ),
  defineRule(
    'github-token',
    'GitHub',
    'fine-grained personal access token',
    ['github_pat_'],
    /\b(github_pat_\w{82})\b/,
  ),
  defineRule(
    'gitlab-token',
    'GitLab',
    'token',
    GITLAB_PREFIXES,
    /(?<![\w-])(glpat-[\w-]{27,300}\.[0-9a-z]{9}|glpat-[\w-]{20}|glptt-[0-9a-f]{40}|glrt-t\d_[\w-]{27,300}\.[0-9a-z]{9}|glrt-[\w-]{20}|gldt-[\w-]{20}|glcbt-(?:[0-9a-z]{1,5}_)?[\w-]{20}|glffct-[\w-]{20}|glft-[\w-]{20}|glimt-[\w-]{25}|glagent-[\w-]{50}|glsoat-[\w-]{20}|gloas-[\w-]{64}|GR1348941[\w-]{20})(?![\w-])|_gitlab_session=(?<secret>[0-9a-z]{32})/,
  ),
  defineRule('atlassian-token', 'Atlassian', 'API token', ['atatt3'], /\b(ATATT3[A-Za-z0-9_\-=]{186})/),
  defineRule(
    'sourcegraph-token',
    'Sourcegraph',
    'access token',
    ['sgp_'],
    /\b(sgp_(?:[a-fA-F0-9]{16}|local)_[a-fA-F0-9]{40}|sgp_[a-fA-F0-9]{40})\b/,
  ),
  defineRule(
    'sidekiq-secret',
    'Sidekiq Enterprise',
    'gem server credential',
    ['contribsys'],
    /BUNDLE_(?:ENTERPRISE|GEMS)__CONTRIBSYS__COM[\w.-]{0,20}["'`]?\s*(?:[:=]|=>|:=)\s*["'`]?(?<secret>[a-f0-9]{8}:[a-f0-9]{8})\b/i,
  ),
  defineRule('npm-token', 'npm', 'access token', ['npm_'], /\b(npm_[a-z0-9]{36})\b/i),
  defineRule('pypi-token', 'PyPI', 'upload token', ['pypi-ageichlwas5vcmc'], /(pypi-AgEIcHlwaS5vcmc[\w-]{50,1000})/),
  defineRule('rubygems-token', 'RubyGems', 'API key', ['rubygems_'], /\b(rubygems_[a-f0-9]{48})\b/),
  defineRule('clojars-token', 'Clojars', 'deploy token', ['clojars_'], /\b(CLOJARS_[a-z0-9]{60})\b/i),
  defineRule(
    'artifactory-token',
    'JFrog Artifactory',
    'API key',
    ['akcp', 'cmvmd'],
    /\b(AKCp[A-Za-z0-9]{69}|cmVmd[A-Za-z0-9]{59})\b/,
    { minEntropy: 4.5 },
  ),
];
