import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HostStepError } from '../../src/agent/host/host-step-error.js';
import { resolveInside } from '../../src/agent/host/resolve-inside.js';

const RELEASE = '/srv/root/opt/dten/releases/4.2.0';

describe('resolving a path of a package inside the folder it belongs in', () => {
  it.each([
    ['scripts/install.sh', 'scripts/install.sh'],
    ['./scripts/install.sh', 'scripts/install.sh'],
    ['docs//notes.txt', 'docs/notes.txt'],
    ['docs/./notes.txt', 'docs/notes.txt'],
    ['migrations/', 'migrations'],
  ])('takes %j, a name the zip or the manifest may spell so, as %s inside', (path, inside) => {
    expect(resolveInside(RELEASE, path, 'archive entry')).toBe(join(RELEASE, inside));
  });

  it.each(['../x', 'a/../../x', '/etc/passwd', 'C:/x', 'a\\b', 'a\u0000b', '', '.', './'])(
    'refuses %j, which leaves the folder or names the folder itself',
    (path) => {
      expect(() => resolveInside(RELEASE, path, 'archive entry')).toThrow(HostStepError);
    },
  );
});
