import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkYauzlCorpus } from '../../scripts/conformance/yauzl-corpus.js';
import { buildRawZip } from '../helpers/raw-zip.js';
import { buildYazlZip } from './build-yazl-zip.js';

/** A miniature corpus laid out like ../shared/corpora: failure zips, success zips with their expected folders. */
async function buildCorpus(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'dten-corpus-'));
  const failure = join(root, 'yauzl-failure');
  const success = join(root, 'yauzl-success');
  await mkdir(failure);
  await mkdir(join(success, 'good', 'docs'), { recursive: true });
  await mkdir(join(success, 'wrong'), { recursive: true });
  await writeFile(join(failure, 'invalid relative path xt.zip'), buildRawZip([{ name: '../xt', content: 'x' }]));
  await writeFile(join(failure, 'harmless.zip'), await buildYazlZip([{ name: 'a.txt', content: 'fine' }]));
  await writeFile(
    join(success, 'good.zip'),
    await buildYazlZip([
      { name: 'docs', directory: true },
      { name: 'docs/a.txt', content: 'hello' },
    ]),
  );
  await writeFile(join(success, 'good', 'docs', 'a.txt'), 'hello');
  await writeFile(join(success, 'wrong.zip'), await buildYazlZip([{ name: 'b.txt', content: 'hello' }]));
  await writeFile(join(success, 'wrong', 'b.txt'), 'hello, longer');
  return root;
}

describe('the yauzl corpus conformance check', () => {
  it('when a failure zip is accepted or a success zip does not match, the misses are counted and named, not hidden', async () => {
    const { lines, failures } = await checkYauzlCorpus(await buildCorpus());
    expect(failures).toBe(2);
    expect(lines).toContain(
      "failure zips refused 1/2 (with yauzl's own words in 1, with a reason from dten's own checks in 0)",
    );
    expect(lines.some((line) => line.includes('MISSED') && line.includes('harmless.zip'))).toBe(true);
    expect(
      lines.some((line) => line.includes('refused') && line.includes('invalid relative path xt.zip → [unsafe-path]')),
    ).toBe(true);
    expect(lines.some((line) => line.includes('ok') && line.includes('good.zip: 2 entries match'))).toBe(true);
    expect(
      lines.some((line) => line.includes('MISMATCH') && line.includes('b.txt declares 5 bytes, expected 13')),
    ).toBe(true);
    expect(lines.at(-1)).toContain('names and sizes matched 1/2');
  });

  it('when the corpus folder is absent (a fresh clone), the check says so and counts nothing', async () => {
    const { lines, failures } = await checkYauzlCorpus(join(tmpdir(), 'no-such-corpora-here'));
    expect(failures).toBe(0);
    expect(lines[0]).toContain('not found');
  });
});
