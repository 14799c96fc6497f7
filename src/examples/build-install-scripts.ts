import { assemblePlantedSecrets } from './assemble-planted-secrets.js';
import { chooseExampleEndpoints } from './choose-example-endpoints.js';
import type { ExampleStory } from './example-story.js';
import { buildScriptHeader, onHostOnly, requestRestart } from './script-fragments.js';

/** preinstall, install and postinstall as `[name, body]`; `arrived` carries the problems preflight must find. */
export function buildInstallScripts(story: ExampleStory): [string, string][] {
  const secrets = assemblePlantedSecrets();
  const endpoints = chooseExampleEndpoints(story);
  const v = story.version;
  const lines = (purpose: string, ...body: string[]): string =>
    `${[buildScriptHeader(story, purpose), ...body].join('\n')}\n`;
  // The vendor's scripts still restart the old unit; the team's copy names the renamed one.
  const restartUnit = story.planted ? (story.renamedFrom ?? story.unit) : story.unit;
  const temporaryItems = [
    story.planted
      ? `WEBHOOK_URL='${secrets.slackWebhookUrl}'`
      : 'WEBHOOK_URL="${DTEN_PROGRESS_WEBHOOK_URL:-https://mirror.internal/dten/hooks/upgrade-progress}"',
    'mkdir -p "$ROOT/etc/dten/flags" "$ROOT/etc/dten/webhooks" "$ROOT/etc/dten/credentials"',
    'echo enabled > "$ROOT/etc/dten/flags/hybrid-rollout-guard"',
    `printf '{"name":"upgrade-progress-hook","url":"%s"}\\n' "$WEBHOOK_URL" > "$ROOT/etc/dten/webhooks/upgrade-progress-hook.json"`,
    '(umask 077 && date -u +%Y-%m-%dT%H:%M:%SZ > "$ROOT/etc/dten/credentials/migration-runner")',
  ];
  return [
    [
      'preinstall',
      lines(
        'backs up the running config and database before anything changes.',
        ...(story.planted ? [`DB_PASSWORD='${secrets.dbPassword}'`] : []),
        'BACKUP="$ROOT/var/lib/dten/backup"',
        'mkdir -p "$BACKUP"',
        'if [ -f "$ROOT/etc/dten/dten.conf" ]; then cp "$ROOT/etc/dten/dten.conf" "$BACKUP/dten.conf"; fi',
        'if [ -L "$ROOT/opt/dten/current" ]; then readlink "$ROOT/opt/dten/current" > "$BACKUP/previous-version"; fi',
        onHostOnly(
          `PGPASSWORD="${story.planted ? '$DB_PASSWORD' : '${DTEN_DB_PASSWORD}'}" pg_dump --host=db.internal --username=dten --file="$BACKUP/dten.sql" dten`,
          `curl -fsS "${endpoints.telemetry}?stage=preinstall&version=${v}" || true`,
        ),
      ),
    ],
    [
      'install',
      lines(
        `copies dten ${v} into place and points /opt/dten/current at it.`,
        ...(story.planted
          ? [`AWS_ACCESS_KEY_ID='${secrets.awsAccessKeyId}'`, `AWS_SECRET_ACCESS_KEY='${secrets.awsSecretAccessKey}'`]
          : []),
        'PKG="$(cd "$(dirname "$0")/.." && pwd)"',
        `DEST="$ROOT/opt/dten/${v}"`,
        'mkdir -p "$DEST" "$ROOT/etc/dten" "$ROOT/etc/systemd/system" "$ROOT/etc/cron.d"',
        'cp -R "$PKG/bin" "$PKG/migrations" "$DEST/"',
        'cp "$PKG/config/dten.conf" "$ROOT/etc/dten/dten.conf"',
        'cp "$PKG"/units/* "$ROOT/etc/systemd/system/"',
        'cp "$PKG/cron/dten-reindex" "$ROOT/etc/cron.d/dten-reindex"',
        `ln -sfn ${v} "$ROOT/opt/dten/current"`,
        onHostOnly(
          story.planted
            ? `curl -fsS --aws-sigv4 aws:amz:eu-west-1:s3 --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" -o "$DEST/bin/dten-agent" "${endpoints.updates}/dten-agent/latest"`
            : `curl -fsS -o "$DEST/bin/dten-agent" "${endpoints.updates}/dten-agent/${v}"`,
        ),
      ),
    ],
    [
      'postinstall',
      lines(
        'creates the rollout-only items and restarts the service.',
        ...(story.state === 'previous' ? [] : temporaryItems),
        ...(story.planted
          ? [
              onHostOnly(
                '(crontab -l 2>/dev/null; echo "*/15 * * * * /opt/dten/current/bin/dten-helper sync") | crontab -',
              ),
            ]
          : []),
        requestRestart(restartUnit),
      ),
    ],
  ];
}
