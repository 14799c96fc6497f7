import type { ExampleEntry } from './example-entry.js';
import type { ExampleStory } from './example-story.js';
import { buildInstallScripts } from './build-install-scripts.js';
import { buildRollbackScripts } from './build-rollback-scripts.js';
import { buildScriptHeader } from './script-fragments.js';

/** The manifest's cleanup hooks; each is called with the item name as its first argument. */
export const EXAMPLE_CLEANUP_HOOKS = {
  featureFlags: 'scripts/cleanup/remove-feature-flag.sh',
  webhooks: 'scripts/cleanup/delete-webhook.sh',
  credentials: 'scripts/cleanup/revoke-credential.sh',
} as const;

/** Where postinstall leaves each temporary item under `$DTEN_ROOT`, so its hook has something to remove. */
const ITEM_FILES = {
  featureFlags: ['feature flag', 'etc/dten/flags/$NAME'],
  webhooks: ['webhook', 'etc/dten/webhooks/$NAME.json'],
  credentials: ['credential', 'etc/dten/credentials/$NAME'],
} as const;

export function buildExampleScripts(story: ExampleStory): ExampleEntry[] {
  const lifecycle = [...buildInstallScripts(story), ...buildRollbackScripts(story)].map(([name, body]) =>
    script(`scripts/${name}.sh`, body),
  );
  if (story.state === 'previous') return lifecycle;
  const hooks = (Object.keys(EXAMPLE_CLEANUP_HOOKS) as (keyof typeof EXAMPLE_CLEANUP_HOOKS)[]).map((kind) => {
    const [label, file] = ITEM_FILES[kind];
    return script(EXAMPLE_CLEANUP_HOOKS[kind], buildCleanupHook(story, label, file));
  });
  return [...lifecycle, ...hooks];
}

function buildCleanupHook(story: ExampleStory, label: string, file: string): string {
  return [
    buildScriptHeader(story, `removes the temporary ${label} named by $1 once the rollout is verified.`),
    `NAME="\${1:?pass the ${label} name}"`,
    'case "$NAME" in */* | .*) echo "refusing unsafe name: $NAME" >&2; exit 2 ;; esac',
    `if [ -e "$ROOT/${file}" ]; then`,
    `  rm -f "$ROOT/${file}"`,
    `  echo "removed ${label} $NAME"`,
    'else',
    `  echo "${label} $NAME was already gone"`,
    'fi',
    '',
  ].join('\n');
}

function script(name: string, body: string): ExampleEntry {
  return { name, data: body, executable: true };
}
