import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HostLayout } from '../../src/agent/host/host-layout.js';
import type { JournalEntry } from '../../src/agent/host/journal.js';

/**
 * The host's journal of one rollout as `step:phase` lines, read without opening it (opening may truncate a line
 * the agent is writing). Empty when the rollout never touched the host.
 */
export async function readJournalSteps(layout: HostLayout, rolloutId: string): Promise<string[]> {
  const text = await readFile(join(layout.journalDir, `${rolloutId}.jsonl`), 'utf8').catch(() => '');
  return text
    .slice(0, text.lastIndexOf('\n') + 1)
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as JournalEntry)
    .map((entry) => `${entry.step}:${entry.phase}`);
}
