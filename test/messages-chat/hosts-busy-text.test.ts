import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors/user-error.js';
import { describeUserError } from '../../src/messages/user-error-text.js';

const busy = (...rollouts: Array<{ rolloutId: string; state: string; hosts: string[] }>): string =>
  describeUserError(new UserError('hosts-busy', { rollouts }));

describe('when a plan names hosts another rollout holds', () => {
  it('offers to abort a plan that has not changed any host yet', () => {
    expect(busy({ rolloutId: 'r-1', state: 'awaiting-approval', hosts: ['web-1'] })).toBe(
      'web-1 is in rollout r-1 (awaiting approval): a host takes one rollout at a time. Wait until it is over, then try again (`/dten abort r-1` ends it if nobody wants it any more).',
    );
  });

  it('never suggests aborting a rollout under way, which would roll back what it installed, nor one cleaning up', () => {
    const text = busy(
      { rolloutId: 'r-2', state: 'running', hosts: ['web-2', 'web-3'] },
      { rolloutId: 'r-3', state: 'cleaning', hosts: ['web-4'] },
    );
    expect(text).toBe(
      'web-2, web-3 are in rollout r-2 (running), web-4 in rollout r-3 (cleaning): a host takes one rollout at a time. Wait until they are over, then try again (`/dten status r-2` shows where it stands; `/dten status r-3` shows where it stands).',
    );
    expect(text).not.toContain('abort');
  });

  it('says a failed rollout left the hosts changed, and offers its rollback again or letting them go', () => {
    expect(busy({ rolloutId: 'r-5', state: 'failed', hosts: ['web-5'] })).toBe(
      'web-5 is left changed by rollout r-5 (failed): a host takes one rollout at a time (`/dten rollback r-5` runs its rollback again once the hosts are fixed, `/dten abort r-5` lets them go as they are).',
    );
    const mixed = busy(
      { rolloutId: 'r-5', state: 'failed', hosts: ['web-5', 'web-6'] },
      { rolloutId: 'r-6', state: 'running', hosts: ['web-7'] },
    );
    expect(mixed).toBe(
      'web-5, web-6 are left changed by rollout r-5 (failed), web-7 in rollout r-6 (running): a host takes one rollout at a time. Wait until r-6 is over, then try again (`/dten rollback r-5` runs its rollback again once the hosts are fixed, `/dten abort r-5` lets them go as they are; `/dten status r-6` shows where it stands).',
    );
  });

  it('says a done rollout kept a host it could not put back, and offers letting it go once it is put right', () => {
    expect(busy({ rolloutId: 'r-7', state: 'done', hosts: ['web-8'] })).toBe(
      'web-8 is left changed by rollout r-7 (done): a host takes one rollout at a time (once a person has put the hosts right, `/dten abort r-7` lets them go as they are).',
    );
  });

  it('names ten hosts of a large fleet and counts the rest', () => {
    const hosts = Array.from({ length: 25 }, (_, i) => `web-${i + 1}`);
    expect(busy({ rolloutId: 'r-4', state: 'paused', hosts })).toMatch(
      /^web-1, .*, web-10 and 15 more are in rollout r-4/,
    );
  });
});
