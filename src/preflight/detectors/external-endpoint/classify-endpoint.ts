import { BlockList, isIP } from 'node:net';

export type EndpointClass = 'loopback' | 'reserved' | 'private' | 'example' | 'internal' | 'external';

const ADDRESS_RANGES: [EndpointClass, string, number][] = [
  // 0.0.0.0 and :: mean "every local interface" in a bind setting: nothing is contacted.
  ['loopback', '0.0.0.0', 8],
  ['loopback', '127.0.0.0', 8],
  ['loopback', '::', 128],
  ['loopback', '::1', 128],
  ['private', '10.0.0.0', 8],
  ['private', '172.16.0.0', 12],
  ['private', '192.168.0.0', 16],
  ['private', '100.64.0.0', 10],
  ['private', '169.254.0.0', 16],
  ['private', 'fc00::', 7],
  ['private', 'fe80::', 10],
  ['example', '192.0.2.0', 24],
  ['example', '198.51.100.0', 24],
  ['example', '203.0.113.0', 24],
  ['example', '2001:db8::', 32],
  ['reserved', '224.0.0.0', 4],
  ['reserved', '240.0.0.0', 4],
  ['reserved', 'ff00::', 8],
];
const RANGES = new Map<EndpointClass, BlockList>();
for (const [kind, network, prefix] of ADDRESS_RANGES) {
  const list = RANGES.get(kind) ?? new BlockList();
  list.addSubnet(network, prefix, isIP(network) === 6 ? 'ipv6' : 'ipv4');
  RANGES.set(kind, list);
}
const BUILT_IN_INTERNAL = ['internal', 'local', 'corp', 'lan', 'home.arpa', 'localdomain', 'intranet'];
/** RFC 2606 / RFC 6761 names that never resolve on the internet. */
const EXAMPLE_DOMAIN = /(^|\.)example\.(com|org|net)$|\.(example|test|invalid)$/;

/** Where an endpoint lives: `internalDomains` are host-name suffixes (`corp.acme.com`) that count as internal. */
export function classifyEndpoint(endpoint: string, internalDomains: readonly string[]): EndpointClass {
  const host = endpoint.toLowerCase().replace(/\.$/, '');
  const family = isIP(host);
  if (family !== 0) {
    const type = family === 6 ? 'ipv6' : 'ipv4';
    return [...RANGES].find(([, list]) => list.check(host, type))?.[0] ?? 'external';
  }
  if (host.startsWith('s3://')) return 'external';
  if (host === 'localhost' || host.endsWith('.localhost') || host.startsWith('ip6-l')) return 'loopback';
  if (EXAMPLE_DOMAIN.test(host)) return 'example';
  const suffixes = [...BUILT_IN_INTERNAL, ...internalDomains.map((domain) => domain.toLowerCase().replace(/^\./, ''))];
  if (!host.includes('.') || suffixes.some((suffix) => host === suffix || host.endsWith(`.${suffix}`)))
    return 'internal';
  return 'external';
}
