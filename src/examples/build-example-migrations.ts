import { ARRIVED_MIGRATIONS } from './arrived-migrations.js';
import type { ExampleEntry } from './example-entry.js';
import type { ExampleStory } from './example-story.js';
import { PREVIOUS_MIGRATIONS } from './previous-migrations.js';
import { READY_MIGRATIONS } from './ready-migrations.js';

/** `migrations/NNNN_name.up.sql` (and `.down.sql`): applied in name order after the previous version's base. */
export function buildExampleMigrations(story: ExampleStory): ExampleEntry[] {
  const files = { arrived: ARRIVED_MIGRATIONS, ready: READY_MIGRATIONS, previous: PREVIOUS_MIGRATIONS }[story.state];
  return Object.entries(files)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([file, sql]) => ({ name: `migrations/${file}`, data: sql }));
}
