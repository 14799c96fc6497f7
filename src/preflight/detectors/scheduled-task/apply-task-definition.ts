import type { FileMeta } from '../../detector.js';
import { displayCommand } from './display-command.js';
import { findReferencedFile } from './find-referenced-file.js';
import { readTaskDefinition } from './read-task-definition.js';
import type { ScheduledTask } from './scheduled-task.js';
import type { TaskXmlTexts } from './task-xml-texts.js';

/**
 * A task created from an XML file (`schtasks /create /xml`), completed from that file when the package holds it:
 * what it runs and when. Unchanged when the script names no such file or the package does not hold it.
 */
export function applyTaskDefinition(
  task: ScheduledTask,
  script: FileMeta,
  files: readonly FileMeta[],
  xml: TaskXmlTexts,
): ScheduledTask {
  const file = task.definition === undefined ? undefined : findReferencedFile(task.definition, script, files);
  if (file === undefined) return task;
  const text = xml.textOf(file);
  const definition = text === undefined ? undefined : readTaskDefinition(text);
  if (definition === undefined) return { ...task, definitionFound: { path: file.path, read: false } };
  return {
    ...task,
    // `/ru` on the command line wins over the file's own account, as schtasks applies it.
    user: task.user ?? definition.user,
    description: definition.enabled
      ? definition.description
      : `only once someone enables it (the XML registers it disabled), then ${definition.description}`,
    command: displayCommand(definition.command),
    definitionFound: { path: file.path, read: true },
  };
}
