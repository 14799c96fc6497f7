import { describe, expect, it } from 'vitest';
import { parseConsoleLine } from '../../src/console/parse-console-line.js';

describe('reading a console line', () => {
  it.each([
    ['/dten plan pkg.zip to env=demo', { kind: 'command', text: 'plan pkg.zip to env=demo' }],
    ['  dten   status r-1 ', { kind: 'command', text: 'status r-1' }],
    ['/dten', { kind: 'command', text: '' }],
    ['3', { kind: 'press', number: 3 }],
    ['3 yes', { kind: 'press', number: 3, answer: 'yes' }],
    [':press 12 Reject', { kind: 'press', number: 12, answer: 'Reject' }],
    [':press', { kind: 'press', number: undefined }],
    [':press abc', { kind: 'press', number: undefined }],
    [':as U-BOB', { kind: 'as', user: 'U-BOB' }],
    [':as', { kind: 'as', user: undefined }],
    [':as two words', { kind: 'as', user: undefined }],
    [':home', { kind: 'home' }],
    [':wait 2.5', { kind: 'wait', seconds: 2.5 }],
    [':wait forever', { kind: 'wait', seconds: undefined }],
    [':wait 86400', { kind: 'wait', seconds: undefined }],
    [':wait rollout done', { kind: 'wait-rollouts' }],
    [':help', { kind: 'help' }],
    [':quit', { kind: 'quit' }],
    [':QUIT', { kind: 'quit' }],
    [':dance', { kind: 'unknown', line: ':dance' }],
    ['   ', { kind: 'empty' }],
    ['# approve as Bob', { kind: 'empty' }],
    ['approve', { kind: 'not-a-command' }],
    ['dtens', { kind: 'not-a-command' }],
  ])('%j', (line, expected) => {
    expect(parseConsoleLine(line)).toEqual(expected);
  });
});
