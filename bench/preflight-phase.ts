/** One measured phase in its own process, so peak RSS belongs to that phase alone. Prints one JSON line. */
import yauzl from 'yauzl';
import { pino } from 'pino';
import { DEFAULT_ARCHIVE_LIMITS } from '../src/preflight/archive.js';
import { DEFAULT_DETECTORS } from '../src/preflight/default-detectors.js';
import { DEFAULT_POLICY } from '../src/preflight/policy.js';
import { runPreflight } from '../src/preflight/run-preflight.js';
import { openArchive } from '../src/yauzl/open-archive.js';

const [phase, zipPath] = process.argv.slice(2) as ['inflate' | 'reader' | 'preflight', string];

/** The baseline: plain yauzl, every entry inflated and thrown away, no checks. */
function inflateOnly(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let bytes = 0;
    yauzl.open(path, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      zip
        .on('error', reject)
        .on('end', () => resolve(bytes))
        .on('entry', (entry: yauzl.Entry) => {
          zip.openReadStream(entry, (streamError, stream) => {
            if (streamError) return reject(streamError);
            stream
              .on('data', (chunk: Buffer) => (bytes += chunk.length))
              .on('error', reject)
              .on('end', () => zip.readEntry());
          });
        });
      zip.readEntry();
    });
  });
}

/** dten's own reader (the archive checks, CRC-32, entries inflated ahead on libuv's pool) with nothing scanned. */
async function readerOnly(path: string): Promise<number> {
  const archive = await openArchive(
    { kind: 'file', path },
    { ...DEFAULT_ARCHIVE_LIMITS, maxTotalBytes: 64 * 1024 ** 3 },
  );
  let bytes = 0;
  try {
    for (const entry of archive.entries) {
      for await (const chunk of archive.read(entry)) bytes += chunk.length;
    }
  } finally {
    archive.close();
  }
  return bytes;
}

const started = process.hrtime.bigint();
let bytes: number;
let findings = 0;
if (phase === 'inflate') {
  bytes = await inflateOnly(zipPath);
} else if (phase === 'reader') {
  bytes = await readerOnly(zipPath);
} else {
  const report = await runPreflight(zipPath, {
    openArchive,
    detectors: DEFAULT_DETECTORS,
    limits: { ...DEFAULT_ARCHIVE_LIMITS, maxTotalBytes: 64 * 1024 ** 3 },
    policy: DEFAULT_POLICY,
    log: pino({ level: 'silent' }),
    toolVersion: 'bench',
    options: {
      trustedCaPem: [],
      inventory: undefined,
      staleBinaryDays: 180,
      internalDomains: [],
      plannedWindowMinutes: undefined,
      now: new Date(),
    },
  });
  bytes = report.package.uncompressedBytes;
  findings = report.findings.length;
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(JSON.stringify({ phase, bytes, seconds, maxRssKiB: process.resourceUsage().maxRSS, findings }));
