import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';

/** Deterministic pseudo-random bytes (xorshift), so every run scans the same package. */
function* noise(seed: number, bytes: number): Generator<Buffer> {
  let x = seed >>> 0 || 1;
  for (let left = bytes; left > 0; left -= 65536) {
    const size = Math.min(65536, left);
    const chunk = Buffer.allocUnsafe(Math.ceil(size / 4) * 4);
    for (let i = 0; i < chunk.length; i += 4) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      chunk.writeUInt32LE(x >>> 0, i);
    }
    yield chunk.subarray(0, size);
  }
}

const WORDS = ['service', 'restart', 'config', 'dten', 'host', 'upgrade', 'window', 'timeout', 'value', 'export'];

function* textLines(seed: number, bytes: number): Generator<Buffer> {
  let n = seed;
  let written = 0;
  while (written < bytes) {
    const lines: string[] = [];
    for (let i = 0; i < 500; i += 1) {
      n = (n * 1103515245 + 12345) >>> 0;
      const word = WORDS[n % WORDS.length]!;
      lines.push(
        i % 97 === 0
          ? `curl -fsS https://mirror.internal/${word}/${n % 1000}`
          : `${word}_${n % 977} = ${word}-${n % 31} # line ${i}`,
      );
    }
    const chunk = Buffer.from(`${lines.join('\n')}\n`);
    written += chunk.length;
    yield chunk;
  }
}

export interface LargePackageSpec {
  textFiles: number;
  textBytes: number;
  binaryFiles: number;
  binaryBytes: number;
}

/** Builds (once, then reuses) a package of mixed text and incompressible binaries with a valid manifest. */
export async function buildLargePackage(path: string, spec: LargePackageSpec): Promise<void> {
  if (existsSync(path)) return;
  await mkdir(dirname(path), { recursive: true });
  const zip = new yazl.ZipFile();
  const manifest = {
    name: 'dten',
    version: '4.2.0',
    buildDate: new Date().toISOString(),
    upgradeFrom: '>=4.0.0 <4.2.0',
    dependencies: { postgresql: '>=13 <17' },
    reboot: 'none',
    downtime: '5m',
    services: [],
    config: [],
    scripts: {},
    certificates: [],
  };
  zip.addBuffer(Buffer.from(JSON.stringify(manifest, null, 2)), 'manifest.json');
  for (let i = 0; i < spec.textFiles; i += 1) {
    zip.addReadStream(Readable.from(textLines(i + 1, spec.textBytes)), `share/text/file-${i}.conf`);
  }
  for (let i = 0; i < spec.binaryFiles; i += 1) {
    const head = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]);
    zip.addReadStream(
      Readable.from(
        (function* () {
          yield head;
          yield* noise(i + 7, spec.binaryBytes);
        })(),
      ),
      `bin/tool-${i}`,
      { mode: 0o100755, compress: false },
    );
  }
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(`${path}.tmp`));
  await rename(`${path}.tmp`, path);
}
