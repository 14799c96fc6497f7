import { describeCron } from './describe-cron.js';

export interface CrontabEntry {
  schedule: string;
  description: string;
  command: string;
  user: string | undefined;
}

const MACRO_LINE = /^\s*(@(?:reboot|yearly|annually|monthly|weekly|daily|midnight|hourly))\s+(.+)$/i;
const FIELDS_LINE = /^\s*(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(.+)$/;
const FIELD = /^(\*|\?|\d+|[a-z]{3})([-/,](\*|\d+|[a-z]{3}))*$/i;
const NAMES = /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|sun|mon|tue|wed|thu|fri|sat)$/i;

/** Reads one crontab line (`0 2 * * * cmd`, `@daily cmd`); `withUser` for system crontabs (`… root cmd`). */
export function parseCrontabLine(line: string, withUser: boolean): CrontabEntry | undefined {
  const macro = MACRO_LINE.exec(line);
  const fields = macro ? undefined : FIELDS_LINE.exec(line);
  const schedule = macro?.[1] ?? fields?.slice(1, 6).join(' ');
  const rest = macro?.[2] ?? fields?.[6];
  if (schedule === undefined || rest === undefined) return undefined;
  if (fields && !fields.slice(1, 6).every(isCronField)) return undefined;
  const description = describeCron(schedule);
  if (description === undefined) return undefined;
  const user = withUser ? /^\S+/.exec(rest)?.[0] : undefined;
  const command = withUser ? rest.replace(/^\S+\s*/, '') : rest;
  return command.trim() === '' ? undefined : { schedule, description, command: command.trim(), user };
}

function isCronField(field: string): boolean {
  return FIELD.test(field) && field.split(/[-/,]/).every((part) => !/^[a-z]/i.test(part) || NAMES.test(part));
}
