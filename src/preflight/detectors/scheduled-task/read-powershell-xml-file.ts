import type { PowerShellValue } from './powershell-value.js';

const GET_CONTENT = new Set(['get-content', 'gc', 'cat', 'type']);
const READ_ALL_TEXT = /ReadAllText\(\s*(["'])([^"']+)\1/i;

/**
 * The file a `Register-ScheduledTask -Xml` value reads: `(Get-Content 'tasks\x.xml' | Out-String)`,
 * `(Get-Content -Raw -Path (Join-Path $PSScriptRoot x.xml))`, `([IO.File]::ReadAllText("$PSScriptRoot\x.xml"))`.
 * Undefined when the XML does not come from a file the script names.
 */
export function readPowerShellXmlFile(xml: PowerShellValue): string | undefined {
  let source = xml;
  while (source.type === 'command' && source.command.name === 'out-string' && source.command.input) {
    source = source.command.input;
  }
  if (source.type === 'other') return READ_ALL_TEXT.exec(source.raw)?.[2];
  if (source.type !== 'command' || !GET_CONTENT.has(source.command.name)) return undefined;
  const { named, positional } = source.command;
  const path = named.get('path') ?? named.get('literalpath') ?? positional[0];
  return path === undefined || path === true ? undefined : pathOf(path);
}

/** A path as written (`$PSScriptRoot\x.xml` is found by the script's folder), or built with `Join-Path a b`. */
function pathOf(path: PowerShellValue): string | undefined {
  if (path.type === 'text') return path.text;
  if (path.type !== 'command' || path.command.name !== 'join-path') return undefined;
  const { named, positional } = path.command;
  const parts = [named.get('path') ?? positional[0], named.get('childpath') ?? positional[1]];
  const texts = parts.map((part) =>
    part === undefined || part === true ? undefined : part.type === 'variable' ? part.raw : pathOf(part),
  );
  return texts.every((text) => text !== undefined) ? texts.join('\\') : undefined;
}
