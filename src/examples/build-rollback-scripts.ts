import type { ExampleStory } from './example-story.js';
import { buildScriptHeader, requestRestart } from './script-fragments.js';

/** rollback and cleanup as `[name, body]`. Data-level rollback is the agent's: it runs the `.down.sql` files. */
export function buildRollbackScripts(story: ExampleStory): [string, string][] {
  const previousUnit = story.renamedFrom ?? story.unit;
  return [
    [
      'rollback',
      [
        buildScriptHeader(story, 'puts the previous version and its config back.'),
        'BACKUP="$ROOT/var/lib/dten/backup"',
        'if [ -f "$BACKUP/dten.conf" ]; then cp "$BACKUP/dten.conf" "$ROOT/etc/dten/dten.conf"; fi',
        'if [ -f "$BACKUP/previous-version" ]; then ln -sfn "$(cat "$BACKUP/previous-version")" "$ROOT/opt/dten/current"; fi',
        ...(story.renamedFrom ? [`rm -f "$ROOT/etc/systemd/system/${story.unit}"`] : []),
        requestRestart(previousUnit),
        '',
      ].join('\n'),
    ],
    [
      'cleanup',
      [
        buildScriptHeader(story, 'removes the upgrade backup once the rollout is verified.'),
        '# The temporary items (feature flag, webhook, credential) are removed by the hooks listed in manifest.json.',
        'rm -rf "$ROOT/var/lib/dten/backup" "$ROOT/run/dten/restart-requested"',
        `echo "dten ${story.version} cleanup done"`,
        '',
      ].join('\n'),
    ],
  ];
}
