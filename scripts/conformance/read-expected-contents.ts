import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Path inside the zip (no trailing `/`) → its bytes, or 'directory' when an entry for the folder is expected. */
export type ExpectedContents = Map<string, Buffer | 'directory'>;

/** yauzl keeps its test data ASCII (macOS mangles Unicode names) and swaps the real names in; so do we. */
const REAL_NAMES: readonly [RegExp, string][] = [
  [/Turmion Katilot/g, 'Turmion Kätilöt'],
  [/Mista veri pakenee/g, 'Mistä veri pakenee'],
  [/qi ge fangjian/g, '七个房间'],
];

/** Reads `X/` beside `X.zip` the way yauzl's own test suite does, marker files included. */
export async function readExpectedContents(folder: string): Promise<ExpectedContents> {
  const expected: ExpectedContents = new Map();
  const walk = async (relative: string): Promise<void> => {
    for (const dirent of await readdir(join(folder, relative), { withFileTypes: true })) {
      const child = relative === '' ? dirent.name : `${relative}/${dirent.name}`;
      if (dirent.isDirectory()) {
        expected.set(realName(child), 'directory');
        await walk(child);
      } else if (dirent.name === '.dont_expect_an_empty_dir_entry_for_this_dir') {
        expected.delete(realName(relative));
      } else if (dirent.name !== '.git_please_make_this_directory') {
        expected.set(realName(child), await readFile(join(folder, child)));
      }
    }
  };
  await walk('');
  return expected;
}

function realName(name: string): string {
  return REAL_NAMES.reduce((current, [ascii, real]) => current.replace(ascii, real), name);
}
