import { PowerShellCursor } from './powershell-cursor.js';
import { setKey, type PowerShellCommand, type PowerShellEvent, type PowerShellValue } from './powershell-value.js';
import { readPowerShellString } from './read-powershell-string.js';
import { resolvePowerShellParameter } from './resolve-powershell-parameter.js';

/** A type (`[string]`, `[string[]]`) or an attribute (`[Parameter(Mandatory)]`); written so no text splits two ways. */
const TYPE = String.raw`\[(?:[\w.]+(?:\[[\w., ]*\])?|\w+\([^()\n]*\))\]`;
const NAME = String.raw`\$(?:\{([^}\n]{0,256})\}|((?:\w+:)?\w+))`;
/** `[Parameter()][string]$Name = …` as well as `$Name = …`, so a `param()` block's defaults are read too. */
const ASSIGNMENT = new RegExp(String.raw`(?:${TYPE}\s*)*${NAME}\s*=(?!=)`, 'y');
/** `$trigger.Repetition = …`, `$task.Triggers[0].Repetition.Interval = …`. */
const MEMBER_ASSIGNMENT = new RegExp(String.raw`${NAME}((?:\.[A-Za-z_]\w*|\[\s*\d{1,4}\s*\])+)\s*=(?!=)`, 'y');
const VARIABLE = new RegExp(NAME, 'y');
const CAST = new RegExp(TYPE, 'y');
const PARAMETER = /-([A-Za-z_]\w*)(?::|(?=[\s;|)}]|$))/y;
const COMMAND_NAME = /(?:[A-Za-z_][\w.-]*|[&.](?=\s))/y;
/** How deep statements may nest (`(…(…))`, `$a = $b = …`) before the rest of the text is left unread. */
const MAX_DEPTH = 64;

/**
 * Every assignment and command in one PowerShell statement text (a logical line), in the order they are
 * written, nested ones included: `if ($x) { Register-ScheduledTask … }`, `-Trigger (New-ScheduledTaskTrigger …)`.
 * Nothing is run; what only running could tell is kept as written (`other`).
 */
export function readPowerShell(text: string): PowerShellEvent[] {
  const reader = new Reader(text);
  reader.statements('');
  return reader.events.sort((first, second) => first.offset - second.offset);
}

class Reader extends PowerShellCursor {
  readonly events: PowerShellEvent[] = [];
  private depth = 0;

  /** Statements up to `closer` (consumed) or the end; the value of each. */
  statements(closer: string): PowerShellValue[] {
    const values: PowerShellValue[] = [];
    while (this.skip(/(?:\s|[;,`]|&&|\|\|)+/y) < this.text.length) {
      const char = this.char();
      if (char === closer) {
        this.pos++;
        break;
      }
      const start = this.pos;
      // A bracket closed here was opened on an earlier line (`} else {`).
      if (')]}'.includes(char)) this.pos++;
      else values.push(this.pipeline());
      if (this.pos === start) this.pos++;
    }
    return values;
  }

  private pipeline(): PowerShellValue {
    const start = this.pos;
    if (this.depth >= MAX_DEPTH) {
      this.pos = this.text.length;
      return { type: 'other', raw: this.rawFrom(start) };
    }
    this.depth++;
    const value = this.assignmentOrPipeline(start);
    this.depth--;
    return value;
  }

  private assignmentOrPipeline(start: number): PowerShellValue {
    const assignment = this.match(ASSIGNMENT) ?? this.match(MEMBER_ASSIGNMENT);
    if (assignment) {
      const path = assignment[3];
      const written = this.text.slice(start, this.pos).replace(/\s*=$/, '');
      this.skip(/\s+/y);
      const value = this.pipeline();
      const member = path === undefined ? {} : { member: { path: memberPath(path), written } };
      this.events.push({ offset: start, kind: 'assignment', name: variableName(assignment), value, ...member });
      return value;
    }
    let value = this.element(undefined);
    while (this.skipInline() === '|' && this.text.charAt(this.pos + 1) !== '|') {
      this.pos++;
      this.skip(/\s+/y);
      value = this.element(value);
    }
    return value;
  }

  private element(input: PowerShellValue | undefined): PowerShellValue {
    this.skipInline();
    if (this.lookingAt(COMMAND_NAME)) return this.command(input);
    const start = this.pos;
    const value = this.list(start, () => this.item(true));
    // A comma the list stopped at parts two `param()` declarations.
    if (this.atEnd() || this.char() === ',') return value;
    // An operator and what follows (`$a + 1`, `$x -eq 1`): worked out as the script runs.
    while (!this.atEnd()) {
      const before = this.pos;
      if (!this.skipString() && this.group() === undefined) this.pos++;
      if (this.pos === before) this.pos++;
    }
    return { type: 'other', raw: this.rawFrom(start) };
  }

  private command(input: PowerShellValue | undefined): PowerShellValue {
    const start = this.pos;
    const word = this.match(COMMAND_NAME)?.[0] ?? '';
    const name = /^[&.]$/.test(word) ? this.textOf(this.item(false)) : word;
    const command: PowerShellCommand = { name: name.toLowerCase(), named: new Map(), positional: [], splats: [] };
    if (input) command.input = input;
    while (this.skipInline() !== '' && !this.atEnd()) {
      const before = this.pos;
      const parameter = this.match(PARAMETER);
      const splat = parameter ? undefined : this.match(/@(\w+)(?![\w({])/y);
      if (parameter) {
        // `-Dai` is `-Daily` where no other parameter of the cmdlet starts so; `-Daily` takes no value.
        const { key, isSwitch: takesNoValue, ambiguity } = resolvePowerShellParameter(command.name, parameter[1] ?? '');
        if (ambiguity) (command.ambiguous ??= []).push(ambiguity);
        const hasColon = parameter[0].endsWith(':');
        this.skipInline();
        const isSwitch = !hasColon && (takesNoValue === true || this.atEnd() || this.lookingAt(PARAMETER));
        const bound = takesNoValue !== undefined;
        setKey(command.named, key, isSwitch ? true : this.list(this.pos, () => this.item(false)), bound);
      } else if (splat) {
        command.splats.push((splat[1] ?? '').toLowerCase());
      } else {
        command.positional.push(this.list(this.pos, () => this.item(false)));
      }
      if (this.pos === before) this.pos++;
    }
    this.events.push({ offset: start, kind: 'command', command });
    return { type: 'command', command, raw: this.rawFrom(start) };
  }

  /** One item, or several joined by commas: `Monday,Friday`, `$t1, $t2`. */
  private list(start: number, read: () => PowerShellValue): PowerShellValue {
    const items = [read()];
    while (this.skipInline() === ',') {
      const after = this.pos;
      this.pos++;
      this.skip(/\s+/y);
      // In a `param()` block a comma parts two declarations, not two items of one value.
      if (this.lookingAt(ASSIGNMENT)) {
        this.pos = after;
        break;
      }
      items.push(read());
    }
    return items.length === 1 && items[0] ? items[0] : { type: 'list', items, raw: this.rawFrom(start) };
  }

  /** A string, a variable, a bracketed group or a bare word; `expression` when not a command's argument. */
  private item(expression: boolean): PowerShellValue {
    const start = this.pos;
    const char = this.char();
    if (char === '"' || char === "'") {
      const { value, end } = readPowerShellString(this.text, start);
      this.pos = end;
      return this.postfix(start, { type: 'text', text: value, raw: this.rawFrom(start) });
    }
    if (/^@["']/.test(this.text.slice(start, start + 2))) {
      const end = this.text.indexOf(`\n${this.text.charAt(start + 1)}@`, start);
      this.pos = end < 0 ? this.text.length : end + 3;
      return { type: 'other', raw: this.rawFrom(start) };
    }
    if (expression && this.match(CAST)) {
      while (this.match(CAST)) this.skipInline();
      // `[datetime]'2026-01-01 02:30'` is the string cast; `[TimeSpan]::MaxValue` is worked out.
      return this.lookingAt(/::/y) ? this.postfix(start, { type: 'other', raw: '' }) : this.item(true);
    }
    const group = this.group();
    if (group) return this.postfix(start, group);
    const variable = this.match(VARIABLE);
    if (variable && (expression || /^[\s,;|)}.[]|^$/.test(this.char()))) {
      return this.postfix(start, { type: 'variable', name: variableName(variable), raw: variable[0] });
    }
    // A bare word, or a path built on a variable (`$PSScriptRoot\task.xml`), kept as written.
    this.pos = start;
    const word = this.match(/[^\s,;|)}]+/y)?.[0] ?? '';
    return { type: 'text', text: word, raw: word };
  }

  /** `(…)`, `$(…)`, `@(…)`, `@{…}` or `{…}` at the position; undefined when none opens here. */
  private group(): PowerShellValue | undefined {
    const start = this.pos;
    const opener = this.match(/\$\(|@\(|@\{|\(|\{/y)?.[0];
    if (opener === undefined) return undefined;
    const values = opener === '@{' ? [this.table()] : this.statements(opener.endsWith('{') ? '}' : ')');
    const raw = this.rawFrom(start);
    if (opener === '@{') return values[0];
    if (opener === '@(')
      return { type: 'list', items: values.flatMap((v) => (v.type === 'list' ? v.items : [v])), raw };
    // `(New-ScheduledTaskTrigger …)` is the trigger; a script block is code, not a value.
    return opener !== '{' && values.length === 1 && values[0] ? values[0] : { type: 'other', raw };
  }

  private table(): PowerShellValue {
    const start = this.pos - 2;
    const entries = new Map<string, PowerShellValue>();
    while (this.skip(/[\s;]+/y) < this.text.length && this.char() !== '}') {
      const quoted = /["']/.test(this.char()) ? readPowerShellString(this.text, this.pos) : undefined;
      if (quoted) this.pos = quoted.end;
      const key = quoted?.value ?? this.match(/[\w-]+/y)?.[0];
      if (key === undefined || this.skipInline() !== '=') {
        this.pos++;
        continue;
      }
      this.pos++;
      this.skip(/\s+/y);
      setKey(entries, key.toLowerCase(), this.pipeline());
    }
    this.pos++;
    return { type: 'table', entries, raw: this.rawFrom(start) };
  }

  /**
   * Member access, a method call or an index after a value (`(Get-Date).AddMinutes(5)`): worked out. One property
   * read keeps what it is read from: `(New-ScheduledTaskTrigger … -RepetitionInterval …).Repetition`.
   */
  private postfix(start: number, value: PowerShellValue): PowerShellValue {
    const accesses: string[] = [];
    for (;;) {
      const member = this.match(/(?:\.|::)[A-Za-z_]\w*/y)?.[0];
      if (member !== undefined) {
        accesses.push(this.char() === '(' ? '()' : member);
        if (this.char() === '(') this.group();
      } else if (this.char() === '[') {
        accesses.push('[]');
        this.pos++;
        this.statements(']');
      } else {
        break;
      }
    }
    if (accesses.length === 0) return value;
    const raw = this.rawFrom(start);
    const [only] = accesses;
    const property = accesses.length === 1 && only?.startsWith('.') ? only.slice(1).toLowerCase() : undefined;
    return property === undefined
      ? { type: 'other', raw }
      : { type: 'other', raw, member: { of: value, name: property } };
  }

  private textOf(value: PowerShellValue): string {
    return value.type === 'text' ? value.text : value.raw;
  }
}

/** `.Triggers[0].Repetition` → `['triggers', '[0]', 'repetition']`. */
function memberPath(path: string): string[] {
  return (path.match(/\.\w+|\[\s*\d+\s*\]/g) ?? []).map((part) =>
    part.startsWith('.') ? part.slice(1).toLowerCase() : `[${part.replace(/\D/g, '')}]`,
  );
}

function variableName(match: RegExpExecArray): string {
  return (match[1] ?? match[2] ?? '').toLowerCase().replace(/^(script|global|local|private|using):/, '');
}
