import type { CredentialCandidate } from './credential-candidate.js';

function isBetter(a: CredentialCandidate, b: CredentialCandidate): number {
  return b.rule.priority - a.rule.priority || b.end - b.start - (a.end - a.start) || a.start - b.start;
}

/** Keeps one find per secret: where spans overlap, the most specific rule (then the longest span) wins. */
export function resolveOverlaps(candidates: readonly CredentialCandidate[]): CredentialCandidate[] {
  const sorted = [...candidates].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: CredentialCandidate[] = [];
  let cluster: CredentialCandidate[] = [];
  let clusterEnd = -1;
  const flush = (): void => {
    const chosen: CredentialCandidate[] = [];
    for (const candidate of cluster.sort(isBetter)) {
      if (!chosen.some((other) => candidate.start < other.end && other.start < candidate.end)) chosen.push(candidate);
    }
    kept.push(...chosen.sort((a, b) => a.start - b.start));
    cluster = [];
  };
  for (const candidate of sorted) {
    if (candidate.start >= clusterEnd) flush();
    cluster.push(candidate);
    clusterEnd = Math.max(clusterEnd, candidate.end);
  }
  flush();
  return kept;
}
