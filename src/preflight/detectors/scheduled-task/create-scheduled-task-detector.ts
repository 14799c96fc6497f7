import type { Finding } from '../../../core/findings/finding.js';
import { detachString } from '../../detach-string.js';
import type { DetectorFactory, FileMeta } from '../../detector.js';
import { applyTaskDefinition } from './apply-task-definition.js';
import { explainScheduledTask } from './explain-scheduled-task.js';
import { findScheduledTasks } from './find-scheduled-tasks.js';
import type { ScheduledTask } from './scheduled-task.js';
import { TaskXmlTexts } from './task-xml-texts.js';

const AFTERWARDS = "dten's install pauses it and its cleanup restores it.";

/** Reports every task the package would schedule, so it can be paused for the maintenance window. */
export const createScheduledTaskDetector: DetectorFactory = () => {
  const xmlTexts = new TaskXmlTexts();
  // A task created from an XML file is reported at the end: the file may come after the script in the package.
  const fromXml: { task: ScheduledTask; script: FileMeta }[] = [];
  return {
    id: 'scheduled-task',
    scanText(file) {
      xmlTexts.addText(file);
      const tasks = findScheduledTasks(file.meta.path, file.text, file.firstLine);
      for (const task of tasks)
        if (task.definition !== undefined) fromXml.push({ task: detachTask(task), script: file.meta });
      return tasks.filter((task) => task.definition === undefined).map(describeTask);
    },
    finish: (files) =>
      fromXml.map(({ task, script }) => describeTask(applyTaskDefinition(task, script, files, xmlTexts))),
  };
};

/** The task's text fields as flat copies: kept until `finish`, slices would hold their whole segment alive. */
function detachTask(task: ScheduledTask): ScheduledTask {
  const detached = { ...task };
  for (const field of ['schedule', 'description', 'command', 'name', 'user', 'definition', 'note'] as const) {
    const value = detached[field];
    if (value !== undefined) detached[field] = detachString(value);
  }
  return detached;
}

function describeTask(task: ScheduledTask): Finding {
  const { message, pause } = explainScheduledTask(task);
  return {
    category: 'scheduled-task',
    severity: 'warning',
    rule: `scheduled-task/${task.kind}`,
    path: task.path,
    line: task.line,
    message,
    remediation: `Pause it for the maintenance window (${pause}) and restore it afterwards; ${AFTERWARDS}`,
    evidence: task.schedule,
  };
}
