/** What a step of the driver decided: look again now, wait, or stop driving (a person or the window decides next). */
export type Drive = { next: 'again' } | { next: 'wait'; ms: number; why: string } | { next: 'stop'; why: string };

export const AGAIN: Drive = { next: 'again' };

export function waitFor(ms: number, why: string): Drive {
  return { next: 'wait', ms: Math.max(0, Math.ceil(ms)), why };
}

export function stop(why: string): Drive {
  return { next: 'stop', why };
}
