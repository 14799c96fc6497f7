import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';

describe('the logger', () => {
  it('when a token, password or masked evidence is logged by its field name, the value never reaches the output', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(chunk.toString()), done()) });
    const log = createLogger('info', sink);
    const token = ['xoxb', '1234567890', 'abcdefghijklmnop'].join('-');
    log.info({ token, password: 'hunter2-but-longer', headers: { authorization: `Bearer ${token}` } }, 'calling slack');
    const output = lines.join('');
    expect(output).toContain('calling slack');
    expect(output).not.toContain(token);
    expect(output).not.toContain('hunter2');
  });
});
