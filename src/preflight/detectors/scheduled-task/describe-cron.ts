import { toString as describeExpression } from 'cronstrue';

/** Words for a cron expression (`0 2 * * 1-5` → `at 02:00, Monday through Friday`); undefined when it is not one. */
export function describeCron(expression: string): string | undefined {
  if (expression.toLowerCase() === '@reboot') return 'at every system start-up';
  try {
    const words = describeExpression(expression, { use24HourTimeFormat: true, throwExceptionOnParseError: true });
    // cronstrue leaves "every day" implicit ("At 02:00"), which reads like a one-off in a sentence.
    return lowerFirst(/^At \d\d:\d\d$/.test(words) ? `${words}, every day` : words);
  } catch {
    return undefined;
  }
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
