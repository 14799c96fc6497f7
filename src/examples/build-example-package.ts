import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildExampleBinaries } from './build-example-binaries.js';
import { buildExampleConfig } from './build-example-config.js';
import { buildExampleDocs } from './build-example-docs.js';
import { buildExampleManifest } from './build-example-manifest.js';
import { buildExampleMigrations } from './build-example-migrations.js';
import { buildExampleScripts } from './build-example-scripts.js';
import { buildExampleUnits } from './build-example-units.js';
import { buildServerProgram } from './build-server-program.js';
import type { ExampleEntry } from './example-entry.js';
import { describeExampleStory, type ExampleState } from './example-story.js';
import { generateExampleCertificates } from './generate-example-certificates.js';
import { writeExampleZip } from './write-example-zip.js';

export interface ExamplePackageOptions {
  state: ExampleState;
  outFile: string;
  /** The build date of the 4.2.0 packages; `previous` is dated one product cycle earlier. Defaults to now. */
  now?: Date;
  /** Scratch folder for openssl. Builds given the same folder share one vendor root CA; default: a fresh temp folder. */
  workDir?: string;
}

export interface ExamplePackageInfo {
  state: ExampleState;
  version: string;
  buildDate: Date;
  outFile: string;
  bytes: number;
  sha256: string;
  /** Entry names in zip order. */
  entries: string[];
  /** PEM of the vendor root that issued the package's certificates: what `--trust` should be given. */
  rootCaPem: string;
}

/** Builds one of the example packages of the dten story (see /work/shared/seed.txt) as a real zip. */
export async function buildExamplePackage(options: ExamplePackageOptions): Promise<ExamplePackageInfo> {
  const story = describeExampleStory(options.state, options.now ?? new Date());
  const workDir = options.workDir ?? (await mkdtemp(join(tmpdir(), 'dten-example-')));
  try {
    await mkdir(workDir, { recursive: true });
    const certificates = await generateExampleCertificates(story, workDir);
    const entries: ExampleEntry[] = [
      { name: 'manifest.json', data: `${JSON.stringify(buildExampleManifest(story), null, 2)}\n` },
      ...buildExampleDocs(story),
      { name: 'bin/dten-server', data: buildServerProgram(story), executable: true },
      ...buildExampleBinaries(story),
      ...certificates.entries,
      { name: 'config/dten.conf', data: buildExampleConfig(story) },
      ...buildExampleMigrations(story),
      ...buildExampleScripts(story),
      ...buildExampleUnits(story),
    ];
    const outFile = resolve(options.outFile);
    await writeExampleZip(entries, outFile, story.buildDate);
    const zip = await readFile(outFile);
    return {
      state: story.state,
      version: story.version,
      buildDate: story.buildDate,
      outFile,
      bytes: zip.length,
      sha256: createHash('sha256').update(zip).digest('hex'),
      entries: entries.map((entry) => entry.name),
      rootCaPem: certificates.rootCaPem,
    };
  } finally {
    if (!options.workDir) await rm(workDir, { recursive: true, force: true });
  }
}
