import { describe, it, expect } from 'vitest';
import { parseLabelSelector } from '../../src/core/rollout/parse-label-selector.js';
import { selectHosts, type HostFacts } from '../../src/core/rollout/select-hosts.js';

const fleet: HostFacts[] = [
  { id: 'web-03', labels: { role: 'web', region: 'eu' } },
  { id: 'db-01', labels: { role: 'db', region: 'eu' } },
  { id: 'web-01', labels: { role: 'web', region: 'eu' } },
  { id: 'web-02', labels: { role: 'web', region: 'us' } },
  { id: 'batch-01', labels: { region: 'eu' } },
];

describe('choosing the targets of a plan', () => {
  it('when the plan says role=web,region=eu, the European web hosts are targeted, sorted', () => {
    const labels = parseLabelSelector('role=web, region=eu');
    expect(labels).toBeDefined();
    expect(selectHosts({ labels: labels ?? [] }, fleet)).toEqual({ targets: ['web-01', 'web-03'], unknown: [] });
  });

  it('when the plan says role!=web, hosts with another role or no role at all are targeted', () => {
    const labels = parseLabelSelector('role!=web') ?? [];
    expect(selectHosts({ labels }, fleet).targets).toEqual(['batch-01', 'db-01']);
  });

  it('when hosts are named and one never registered, it is reported as unknown rather than targeted', () => {
    expect(selectHosts({ ids: ['web-02', 'web-09', 'db-01'] }, fleet)).toEqual({
      targets: ['db-01', 'web-02'],
      unknown: ['web-09'],
    });
  });

  it('when a selector matches no host, the plan has no targets', () => {
    expect(selectHosts({ labels: parseLabelSelector('role=cache') ?? [] }, fleet).targets).toEqual([]);
  });

  it.each(['role', 'role==web', 'role=web,', '=web', 'role=web app'])(
    'when the selector reads %j, it is refused',
    (text) => {
      expect(parseLabelSelector(text)).toBeUndefined();
    },
  );
});
