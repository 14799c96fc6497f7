import { chooseExampleEndpoints } from './choose-example-endpoints.js';
import type { ExampleEntry } from './example-entry.js';
import type { ExampleStory } from './example-story.js';

/** `README.md` (the vendor's downtime claim and docs link) and `docs/CHANGELOG.md`. */
export function buildExampleDocs(story: ExampleStory): ExampleEntry[] {
  const readme = [
    `# dten ${story.version}: full upgrade package`,
    '',
    `Upgrades dten from \`${story.upgradeFrom}\` to ${story.version}.`,
    'Plan for a five-minute downtime window while the service restarts and the migrations run.',
    story.planted ? 'A reboot is recommended after the upgrade.' : 'No reboot is needed.',
    '',
    `Full upgrade guide: ${chooseExampleEndpoints(story).docs}`,
    '',
    '## Steps',
    '',
    '1. `scripts/preinstall.sh` backs up the config and the database.',
    '2. Apply `migrations/*.up.sql` in order. A file whose first line is `-- no-transaction` must run outside a',
    '   transaction (it builds an index concurrently); every other file runs in one transaction.',
    '3. `scripts/install.sh`, then `scripts/postinstall.sh` (restarts the service).',
    `4. Check \`GET /health\`: it answers 200 once dten ${story.version} is up.`,
    '',
    'Every script acts only under `$DTEN_ROOT` (`/` on a real host). `scripts/rollback.sh` and the `.down.sql`',
    'files undo the upgrade.',
    '',
  ];
  const v420 = [
    '## 4.2.0',
    '',
    '- The service unit is renamed from `dten.service` to `dten-server.service`: update scripts and monitors.',
    '- `dten.legacy.mode` is removed and ignored.',
    '- New key `dten.hybrid.enable` must be `true`; without it dten falls back to legacy behaviour and',
    '  `/health` answers 503.',
    '- The nightly reindex also ships as the `dten-reindex.timer` systemd timer (02:30).',
    '',
  ];
  const v410 = ['## 4.1.0', '', '- `GET /version` reports the unit name.', '- Legacy routing stays on by default.', ''];
  const changelog = ['# Changelog', '', ...(story.state === 'previous' ? [] : v420), ...v410];
  return [
    { name: 'README.md', data: readme.join('\n') },
    { name: 'docs/CHANGELOG.md', data: changelog.join('\n') },
  ];
}
