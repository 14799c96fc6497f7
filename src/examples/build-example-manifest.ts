import type { Manifest } from '../core/manifest/manifest-schema.js';
import { EXAMPLE_CERTIFICATE_PATHS } from './generate-example-certificates.js';
import { EXAMPLE_CLEANUP_HOOKS } from './build-example-scripts.js';
import type { ExampleStory } from './example-story.js';

/**
 * Health-check contract: the agent replaces `${PORT}` with the port the service listens on
 * (`dten.listen.port` of the installed config, or the port it passed with `--port`), then expects HTTP 200.
 */
export const HEALTH_CHECK_URL = 'http://127.0.0.1:${PORT}/health';

type ManifestInput = Omit<Manifest, 'buildDate'> & { buildDate: string; notes?: string };

export function buildExampleManifest(story: ExampleStory): ManifestInput {
  const upgrade = story.state !== 'previous';
  return {
    name: 'dten',
    version: story.version,
    buildDate: story.buildDate.toISOString(),
    upgradeFrom: story.upgradeFrom,
    dependencies: chooseDependencies(story),
    reboot: story.planted ? 'recommended' : 'none',
    ...(story.state === 'ready' && {
      notes: 'Reboot set to none: the platform team verified on staging that no kernel or driver changes need one.',
    }),
    downtime: '5m',
    services: [{ unit: story.unit, ...(story.renamedFrom && { renamedFrom: story.renamedFrom }) }],
    config: [
      upgrade
        ? { file: 'config/dten.conf', removed: ['dten.legacy.mode'], required: { 'dten.hybrid.enable': true } }
        : { file: 'config/dten.conf', removed: [], required: {} },
    ],
    migrations: 'migrations/',
    scripts: {
      preinstall: 'scripts/preinstall.sh',
      install: 'scripts/install.sh',
      postinstall: 'scripts/postinstall.sh',
      rollback: 'scripts/rollback.sh',
      cleanup: 'scripts/cleanup.sh',
    },
    certificates: [...EXAMPLE_CERTIFICATE_PATHS],
    cleanup: upgrade
      ? {
          featureFlags: [
            {
              name: 'hybrid-rollout-guard',
              hook: EXAMPLE_CLEANUP_HOOKS.featureFlags,
              description: 'Limits hybrid mode to canary hosts during the rollout.',
            },
          ],
          webhooks: [
            {
              name: 'upgrade-progress-hook',
              hook: EXAMPLE_CLEANUP_HOOKS.webhooks,
              description: 'Posts install progress while the upgrade runs.',
            },
          ],
          credentials: [
            {
              name: 'migration-runner',
              hook: EXAMPLE_CLEANUP_HOOKS.credentials,
              description: 'Short-lived database login for the migrations.',
            },
          ],
        }
      : { featureFlags: [], webhooks: [], credentials: [] },
    healthCheck: { url: HEALTH_CHECK_URL, timeoutSeconds: 30 },
  };
}

function chooseDependencies(story: ExampleStory): Record<string, string> {
  if (story.planted) return { postgresql: '*', openssl: '>=1.1', 'dten-agent': 'latest' };
  if (story.state === 'previous')
    return { postgresql: '>=12 <16', openssl: '>=1.1.1 <4', 'dten-agent': '>=4.1.0 <4.2.0' };
  return { postgresql: '>=13 <17', openssl: '>=3.0.0 <4', 'dten-agent': '>=4.2.0 <4.3.0' };
}
