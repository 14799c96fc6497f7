import { normaliseUnitName } from './normalise-unit-name.js';

export interface UnitReference {
  /** Normalised unit name (`dten.service`). */
  unit: string;
  /** What the line does with it, for the message: `restart`, `Requires=`, `Stop-Service`. */
  action: string;
  /** Starts, stops, depends on or reads the unit; false for ordering and soft links (After=, Wants=, WantedBy=). */
  touches: boolean;
}

const SYSTEMCTL =
  /\bsystemctl\s+(?:-[\w-]*(?:=\S+)?\s+)*(start|stop|restart|reload|try-restart|reload-or-restart|try-reload-or-restart|enable|disable|reenable|mask|unmask|status|is-active|is-enabled|is-failed|kill|show|cat|edit|freeze|thaw|preset)\b([^;&|<>()#]*)/g;
const COMMANDS: [RegExp, number, number][] = [
  [/\bservice\s+([\w@.-]+)\s+(start|stop|restart|reload|force-reload|status|condrestart|try-restart)\b/g, 1, 2],
  [/\/etc\/init\.d\/([\w@.-]+)\s+(start|stop|restart|reload|force-reload|status)\b/g, 1, 2],
  [/\b(invoke-rc\.d|update-rc\.d)\s+(?:-[\w-]+\s+)*([\w@.-]+)/g, 2, 1],
  [/\b(chkconfig)\s+(?:--\w+\s+)?([\w@.-]+)/g, 2, 1],
  [/\b(journalctl)\s+[^;&|#]*?(?:-u\s*|--unit[= ])["']?([\w@.-]+)/g, 2, 1],
  [/\b((?:Start|Stop|Restart|Set|Get|Suspend|Resume)-Service)\s+(?:-Name\s+)?["']?([\w@.-]+)/gi, 2, 1],
  [/\bsc(?:\.exe)?\s+(start|stop|config|delete|query)\s+["']?([\w@.-]+)/gi, 2, 1],
  [/\bnet\s+(start|stop)\s+["']?([\w@.-]+)/gi, 2, 1],
];
const ANY_COMMAND = /systemctl|service|init\.d|rc\.d|chkconfig|journalctl|\bsc(\.exe)?\s|\bnet\s/i;
const DIRECTIVE =
  /^\s*(Requires|Requisite|BindsTo|PartOf|Upholds|Conflicts|OnFailure|OnSuccess|Unit|Also|Wants|After|Before|WantedBy|RequiredBy|UpheldBy|PropagatesReloadTo|ReloadPropagatedFrom)\s*=\s*(.*)$/;
const HARD_DEPENDENCY = new Set([
  'Requires',
  'Requisite',
  'BindsTo',
  'PartOf',
  'Upholds',
  'OnFailure',
  'OnSuccess',
  'Unit',
  'Also',
]);

/** Units a line acts on: systemctl, service, init.d, PowerShell and sc.exe commands, and unit-file dependencies. */
export function findUnitReferences(line: string, inUnitFile: boolean): UnitReference[] {
  const found: UnitReference[] = [];
  if (!inUnitFile && !ANY_COMMAND.test(line)) return found;
  const add = (name: string, action: string, touches: boolean): void => {
    if (/^[\w@.\\/-]+$/.test(name)) found.push({ unit: normaliseUnitName(name), action, touches });
  };
  for (const match of line.matchAll(SYSTEMCTL)) {
    for (const token of (match[2] ?? '').trim().split(/\s+/))
      if (token && !token.startsWith('-')) add(token, match[1] ?? '', true);
  }
  for (const [pattern, unitGroup, actionGroup] of COMMANDS) {
    for (const match of line.matchAll(pattern)) add(match[unitGroup] ?? '', match[actionGroup] ?? '', true);
  }
  const directive = inUnitFile ? DIRECTIVE.exec(line) : null;
  if (directive) {
    const [, name = '', units = ''] = directive;
    for (const token of units.trim().split(/\s+/)) if (token) add(token, `${name}=`, HARD_DEPENDENCY.has(name));
  }
  return found;
}
