import { isIP } from 'node:net';
import type { Finding } from '../../../core/findings/finding.js';
import type { EndpointClass } from './classify-endpoint.js';

/** One endpoint of one file, after its mentions were gathered: the most serious one is the one shown. */
export interface GatheredEndpoint {
  host: string;
  kind: EndpointClass;
  /** Set when it is only mentioned, in documentation or in a comment, not used. */
  passive: 'documentation' | 'comment' | undefined;
  severity: Finding['severity'];
  path: string;
  line: number;
  shown: string;
  mentions: number;
}

/** The finding for an endpoint; loopback and reserved addresses never reach here. */
export function describeEndpoint(endpoint: GatheredEndpoint): Finding {
  const { host, kind, passive } = endpoint;
  const seen = [endpoint.shown === host ? '' : endpoint.shown, moreMentions(endpoint.mentions)]
    .filter(Boolean)
    .join('; ');
  const where = seen === '' ? '' : ` (${seen})`;
  const base = {
    category: 'external-endpoint' as const,
    severity: endpoint.severity,
    path: endpoint.path,
    line: endpoint.line,
    evidence: endpoint.shown,
  };
  if (kind === 'external' && passive) {
    return {
      ...base,
      rule: 'external-endpoint/documented',
      message: `${passive === 'comment' ? 'A comment' : 'The documentation'} mentions ${host}, a host outside your network${where}; nothing in the package runs it from here.`,
      remediation: `Nothing to do for the install; if someone follows these steps by hand during the window, allow ${host} through the firewall or use an internal mirror.`,
    };
  }
  if (kind === 'external') {
    return {
      ...base,
      rule: 'external-endpoint/external',
      message: `The upgrade will contact ${host}, a host outside your network${where}.`,
      remediation: `Allow ${host} through the firewall for the maintenance window, or redirect it to an internal mirror.`,
    };
  }
  if (kind === 'example') {
    return {
      ...base,
      rule: 'external-endpoint/placeholder',
      message: `${host} is ${isIP(host) ? 'a documentation address (RFC 5737/3849)' : 'a reserved example domain (RFC 2606)'}: it looks like a placeholder nobody replaced${where}.`,
      remediation: 'Set the real endpoint before installing, or confirm with the vendor that the value is never used.',
    };
  }
  const what = kind === 'private' ? 'the private address' : 'the internal host';
  return {
    ...base,
    rule: kind === 'private' ? 'external-endpoint/private-address' : 'external-endpoint/internal-host',
    message: `This file refers to ${what} ${host}${where}: every host in the rollout must be able to reach it.`,
    remediation: `Check that ${host} belongs to your network and not to the vendor's lab; change it in the package's configuration if not.`,
  };
}

function moreMentions(mentions: number): string {
  if (mentions === 1) return '';
  return `${mentions - 1} more mention${mentions === 2 ? '' : 's'} in this file`;
}
