import { describe, expect, it } from 'vitest';
import { describeHostStepError } from '../../src/messages/host-step-error-text.js';
import { HostStepError } from '../../src/agent/host/host-step-error.js';
import type { CommandResult, RunCommand } from '../../src/agent/host/run-command.js';
import { startServices } from '../../src/agent/host/start-services.js';
import { stopServices } from '../../src/agent/host/stop-services.js';
import { createSystemdServiceAdapter } from '../../src/agent/host/systemd-service-adapter.js';

/** Records the argv systemctl would get; `active` units answer is-active with 0, others with 3 as systemctl does. */
function recordSystemctl(active: Set<string>, failing: Partial<Record<string, string>> = {}) {
  const calls: string[] = [];
  const run: RunCommand = (file, args) => {
    calls.push([file, ...args].join(' '));
    const verb = args[0] ?? '';
    const unit = args.at(-1) ?? '';
    let result: CommandResult = { code: 0, stdout: '', stderr: '' };
    if (verb === 'is-active') result = { code: active.has(unit) ? 0 : 3, stdout: '', stderr: '' };
    const failure = failing[`${verb} ${unit}`];
    if (failure !== undefined) result = { code: 1, stdout: '', stderr: failure };
    if (result.code === 0 && verb === 'start') active.add(unit);
    if (result.code === 0 && verb === 'stop') active.delete(unit);
    return Promise.resolve(result);
  };
  return { calls, run };
}

describe('services through systemctl', () => {
  it('when the renamed unit is installed, systemctl stops dten.service and starts dten-server.service after a daemon-reload', async () => {
    const systemctl = recordSystemctl(new Set(['dten.service']));
    const port = createSystemdServiceAdapter({ run: systemctl.run });
    const services = [{ unit: 'dten-server.service', renamedFrom: 'dten.service' }];
    expect(await stopServices(port, services)).toEqual(['dten.service']);
    expect(await startServices(port, services)).toEqual(['dten-server.service']);
    expect(systemctl.calls).toEqual([
      'systemctl is-active --quiet dten.service',
      'systemctl is-active --quiet dten.service',
      'systemctl stop dten.service',
      'systemctl is-active --quiet dten-server.service',
      'systemctl is-active --quiet dten.service',
      'systemctl daemon-reload',
      'systemctl start dten-server.service',
    ]);
  });

  it('when a unit is not running (or no longer exists under its old name), stopping it asks and does nothing else', async () => {
    const systemctl = recordSystemctl(new Set());
    await createSystemdServiceAdapter({ run: systemctl.run }).stop('dten.service');
    expect(systemctl.calls).toEqual(['systemctl is-active --quiet dten.service']);
  });

  it('when systemctl fails, the error says which command and what systemctl answered', async () => {
    const systemctl = recordSystemctl(new Set(), {
      'start dten-server.service': 'Job for dten-server.service failed.',
    });
    const failure = await createSystemdServiceAdapter({ run: systemctl.run })
      .start('dten-server.service')
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(HostStepError);
    expect(describeHostStepError(failure as HostStepError)).toBe(
      'systemctl start dten-server.service failed: Job for dten-server.service failed. Check the unit with systemctl status on the host.',
    );
  });

  it('when a unit name could be read as an option or a path, systemctl is never called', async () => {
    const systemctl = recordSystemctl(new Set());
    const port = createSystemdServiceAdapter({ run: systemctl.run });
    for (const unit of ['--now', '../../x.service', 'dten server.service', 'dten']) {
      await expect(port.start(unit)).rejects.toMatchObject({ code: 'unsafe-name' });
      // Asked up front, before install changes anything, the adapter refuses the same names.
      expect(() => port.checkUnit(unit)).toThrow(HostStepError);
    }
    expect(() => port.checkUnit('dten-server.service')).not.toThrow();
    expect(systemctl.calls).toEqual([]);
  });
});
