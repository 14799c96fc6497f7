import type { CandidateRule, CredentialCandidate } from './credential-candidate.js';
import { measureShannonEntropy } from './measure-shannon-entropy.js';

const BEGIN = /-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----/g;
const ARMOR_HEADER = /^(?:Proc-Type|DEK-Info|Comment|Version):.*$/gm;
const PRIVATE_KEY: CandidateRule = {
  name: 'private-key',
  provider: '',
  kind: 'private key',
  severity: 'blocker',
  priority: 3,
};
const SERVICE_ACCOUNT: CandidateRule = {
  name: 'gcp-service-account',
  provider: 'Google Cloud',
  kind: 'service account key',
  severity: 'blocker',
  priority: 3,
};

function hasKeyMaterial(body: string): boolean {
  const material = body
    .replace(/\\[nr]/g, '\n')
    .replace(ARMOR_HEADER, '')
    .replace(/[\s"',]/g, '');
  return material.length >= 64 && /^[A-Za-z0-9+/=]+$/.test(material) && measureShannonEntropy(material) >= 4.5;
}

/** Finds PEM private key blocks (also JSON-escaped on one line, as in Google service-account files). */
export function findPrivateKeys(text: string, out: CredentialCandidate[]): void {
  if (!text.includes('PRIVATE KEY')) return;
  const isServiceAccount = text.includes('"client_email"') && text.includes('"private_key"');
  BEGIN.lastIndex = 0;
  for (let begin = BEGIN.exec(text); begin !== null; begin = BEGIN.exec(text)) {
    const bodyStart = begin.index + begin[0].length;
    const endMarker = text.indexOf('-----END', bodyStart);
    const bodyEnd =
      endMarker === -1 || endMarker - bodyStart > 65_536 ? Math.min(text.length, bodyStart + 4096) : endMarker;
    if (!hasKeyMaterial(text.slice(bodyStart, bodyEnd))) continue;
    const start = bodyStart + (/^(?:\s|\\[nr])*/.exec(text.slice(bodyStart, bodyEnd))?.[0].length ?? 0);
    const end = start + text.slice(start, bodyEnd).replace(/(?:\s|\\[nr])*$/, '').length;
    const lineStart = text.lastIndexOf('\n', begin.index) + 1;
    const inJson = isServiceAccount && text.slice(lineStart, begin.index).includes('"private_key"');
    out.push({ start, end, anchor: begin.index, rule: inJson ? SERVICE_ACCOUNT : PRIVATE_KEY });
    BEGIN.lastIndex = bodyEnd;
  }
}
