import { detachString } from '../../detach-string.js';
import type { FileMeta, TextFile } from '../../detector.js';

const TASK_NAMESPACE = 'http://schemas.microsoft.com/windows/2004/02/mit/task';
/** A task definition is a few kilobytes; a larger file is not kept (its task keeps the plain wording). */
const MAX_CHARS = 1024 * 1024;

/**
 * The text of every Task Scheduler XML file in the package, kept while the package streams by so that a task
 * created from one (`schtasks /create /xml`) can be read once every file has been seen. The UTF-16 files Windows
 * writes arrive as text too, decoded by the preflight.
 */
export class TaskXmlTexts {
  private readonly texts = new Map<string, string>();

  addText(file: TextFile): void {
    const { path } = file.meta;
    if (file.isFirstSegment && file.text.includes(TASK_NAMESPACE)) this.texts.set(path, '');
    else if (file.isFirstSegment) this.texts.delete(path);
    const kept = this.texts.get(path);
    if (kept === undefined) return;
    if (kept.length + file.text.length > MAX_CHARS) this.texts.delete(path);
    // A flat copy: the segment it was cut from is large and would otherwise stay alive until the end of the scan.
    else this.texts.set(path, detachString(kept + file.text));
  }

  /** The file's text, when it is a Task Scheduler XML file dten kept whole. */
  textOf(file: FileMeta): string | undefined {
    return this.texts.get(file.path);
  }
}
