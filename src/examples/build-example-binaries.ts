import { buildElfImage } from './build-elf-image.js';
import { buildPeImage } from './build-pe-image.js';
import type { ExampleEntry } from './example-entry.js';
import { PRODUCT_CYCLE_DAYS, shiftDays, type ExampleStory } from './example-story.js';

/**
 * `bin/dten-helper` (ELF) and `bin/dten-tool.exe` (PE): three product cycles old as the package arrived,
 * rebuilt the day before in the team's copy. `bin/dten-migrate` (ELF) is fresh in every 4.2.0 package.
 */
export function buildExampleBinaries(story: ExampleStory): ExampleEntry[] {
  const builtAt = story.planted ? shiftDays(story.buildDate, -3 * PRODUCT_CYCLE_DAYS) : shiftDays(story.buildDate, -1);
  const helper: ExampleEntry = {
    name: 'bin/dten-helper',
    data: buildElfImage(`dten-helper ${story.planted ? '3.9.2' : story.version}`),
    executable: true,
    mtime: story.state === 'previous' ? story.buildDate : builtAt,
  };
  if (story.state === 'previous') return [helper];
  return [
    helper,
    { name: 'bin/dten-migrate', data: buildElfImage(`dten-migrate ${story.version}`), executable: true },
    {
      name: 'bin/dten-tool.exe',
      data: buildPeImage(builtAt, `dten-tool ${story.planted ? '3.9.2' : story.version}`),
      executable: true,
      mtime: builtAt,
    },
  ];
}
