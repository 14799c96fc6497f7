import { createLogger, type Logger } from '../../src/logger.js';

export interface CapturedLog {
  log: Logger;
  lines: string[];
}

/** The product's own logger, writing into memory so a test can read what an operator would see. */
export function captureLog(): CapturedLog {
  const lines: string[] = [];
  return { log: createLogger('debug', { write: (line: string) => void lines.push(line) }), lines };
}
