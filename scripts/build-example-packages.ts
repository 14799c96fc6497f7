import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { buildExamplePackage, type ExamplePackageInfo } from '../src/examples/build-example-package.js';

/** `npm run example`: writes the three example packages and the vendor root to build/examples/. */
const outDir = resolve('build/examples');
const targets = [
  { state: 'arrived', file: 'arrived/Full-upgrade-package-dten.zip' },
  { state: 'ready', file: 'ready/Full-upgrade-package-dten.zip' },
  { state: 'previous', file: 'previous/Full-upgrade-package-dten-4.1.0.zip' },
] as const;

const workDir = await mkdtemp(join(tmpdir(), 'dten-examples-'));
try {
  const now = new Date();
  const built: ExamplePackageInfo[] = [];
  // One after another and in one workDir, so every package is issued by the same vendor root.
  for (const target of targets) {
    built.push(await buildExamplePackage({ state: target.state, outFile: join(outDir, target.file), now, workDir }));
  }
  const rootFile = join(outDir, 'vendor-root-ca.pem');
  await writeFile(rootFile, built[0]?.rootCaPem ?? '');
  for (const info of built) {
    const where = relative(process.cwd(), info.outFile);
    console.log(
      `${info.state.padEnd(8)} dten ${info.version}  ${where}  ${info.entries.length} files, ${info.bytes} bytes, sha256 ${info.sha256}`,
    );
  }
  console.log(`trust    ${relative(process.cwd(), rootFile)}  (pass to dten preflight --trust)`);
} finally {
  await rm(workDir, { recursive: true, force: true });
}
