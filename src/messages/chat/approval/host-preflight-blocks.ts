import type { Rollout } from '../../../core/rollout/rollout.js';
import { section } from '../../block-kit/section.js';
import type { KnownBlock } from '../../block-kit/types.js';
import { escapeMrkdwn } from '../../escape-mrkdwn.js';
import { countOf } from '../count-of.js';

/** Distinct notes listed before the rest are counted. */
const MAX_NOTES = 5;

/**
 * What the agents' own preflight said, for the approver: how many hosts passed, and the notes that did not keep a
 * host out (the same note from many hosts is said once, with how many); nothing before any host answered.
 */
export function hostPreflightBlocks(rollout: Rollout): KnownBlock[] {
  const results = Object.values(rollout.preflight ?? {});
  if (results.length === 0) return [];
  const passed = results.filter((result) => result.ok).length;
  const byNote = new Map<string, number>();
  for (const note of results.flatMap((result) => [...new Set(result.notes ?? [])]))
    byNote.set(note, (byNote.get(note) ?? 0) + 1);
  const notes = [...byNote].sort(([a, m], [b, n]) => n - m || (a < b ? -1 : 1));
  const lines = notes
    .slice(0, MAX_NOTES)
    .map(([note, hosts]) => `• ${escapeMrkdwn(note)}${results.length > 1 ? ` (${countOf(hosts, 'host')})` : ''}`);
  if (notes.length > MAX_NOTES) lines.push(`…and ${countOf(notes.length - MAX_NOTES, 'other note')}`);
  const head = `*Per-host preflight* ${passed} of ${countOf(results.length, 'host')} passed${notes.length > 0 ? '; notes that keep no host out:' : '.'}`;
  // section() fits the text within Slack's limit.
  return [section([head, ...lines].join('\n'))];
}
