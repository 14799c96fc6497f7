import { countOf } from '../count-of.js';
import { codeSpan } from '../code-span.js';

const SHOWN = 5;

/** `5 hosts: web-01, web-02, … and 3 more`: enough names to recognise the fleet, never a wall of them. */
export function describeTargets(targets: readonly string[]): string {
  const names = targets.slice(0, SHOWN).map((host) => codeSpan(host));
  const more = targets.length - names.length;
  return `${countOf(targets.length, 'host')}: ${names.join(', ')}${more > 0 ? ` and ${more.toLocaleString('en-US')} more` : ''}`;
}
