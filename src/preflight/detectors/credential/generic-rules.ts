import type { AssignmentKind } from './classify-identifier.js';
import type { CandidateRule } from './credential-candidate.js';

/** The low-confidence rules for secrets recognised only by the name they are assigned to. */
export const GENERIC_RULES: Readonly<Record<AssignmentKind, CandidateRule>> = {
  password: {
    name: 'password-assignment',
    provider: '',
    kind: 'password written in plain text',
    severity: 'blocker',
    priority: 1,
  },
  secret: {
    name: 'secret-assignment',
    provider: '',
    kind: 'secret, token or API key written in plain text',
    severity: 'blocker',
    priority: 1,
  },
};
