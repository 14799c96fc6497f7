import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { DEFAULT_ARCHIVE_LIMITS } from '../../src/preflight/archive.js';
import { createMigrationLockDetector } from '../../src/preflight/detectors/migration-lock/create-migration-lock-detector.js';
import { DEFAULT_POLICY } from '../../src/preflight/policy.js';
import { runPreflight } from '../../src/preflight/run-preflight.js';
import { openArchive } from '../../src/yauzl/open-archive.js';
import { buildYazlZip } from '../archive/build-yazl-zip.js';

const MANIFEST = {
  name: 'dten',
  version: '5.2.0',
  buildDate: '2025-05-01',
  upgradeFrom: '>=5.0.0',
  reboot: 'none',
  migrations: 'db/migrations',
  dependencies: { postgresql: '>=13' },
};

describe('migration-lock detector in the preflight', () => {
  it('when a vendor zip carries a migration that locks orders and has no down, the report blocks with both findings and their lines', async () => {
    const zip = await buildYazlZip([
      { name: 'Full-upgrade-package-dten/manifest.json', content: JSON.stringify(MANIFEST) },
      {
        name: 'Full-upgrade-package-dten/db/migrations/0007_orders_total.up.sql',
        content:
          "-- Mise à jour ☕\nSET lock_timeout = '3s';\nSET statement_timeout = '10min';\nALTER TABLE orders ALTER COLUMN total TYPE numeric(12,2);\n",
      },
      {
        name: 'Full-upgrade-package-dten/db/migrations/0006_users.up.sql',
        content: "SET lock_timeout = '3s';\nSET statement_timeout = '1min';\nCREATE TABLE users (id bigint);",
      },
      {
        name: 'Full-upgrade-package-dten/db/migrations/0006_users.down.sql',
        content: "SET lock_timeout = '3s';\nSET statement_timeout = '1min';\nDROP TABLE users;",
      },
    ]);
    const dir = await mkdtemp(join(tmpdir(), 'dten-migration-'));
    try {
      const zipPath = join(dir, 'Full-upgrade-package-dten.zip');
      await writeFile(zipPath, zip);
      const report = await runPreflight(zipPath, {
        openArchive,
        detectors: [createMigrationLockDetector],
        limits: DEFAULT_ARCHIVE_LIMITS,
        policy: DEFAULT_POLICY,
        options: {
          trustedCaPem: [],
          inventory: undefined,
          staleBinaryDays: 365,
          internalDomains: [],
          plannedWindowMinutes: undefined,
          now: new Date('2025-06-01T00:00:00Z'),
        },
        log: createLogger('silent'),
        toolVersion: 'test',
      });
      const migrationFindings = report.findings.filter((finding) => finding.category === 'migration-lock');
      expect(migrationFindings.map((finding) => [finding.severity, finding.rule, finding.line])).toEqual([
        ['blocker', 'migration-lock/missing-down-migration', undefined],
        ['blocker', 'migration-lock/changing-column-type', 4],
      ]);
      for (const finding of migrationFindings) {
        expect(finding.path).toMatch(/^Full-upgrade-package-dten\/db\/migrations\/0007\S+\.up\.sql$/);
      }
      expect(report.verdict).not.toBe('pass');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
