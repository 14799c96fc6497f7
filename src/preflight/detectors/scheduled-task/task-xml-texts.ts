import { detachString } from '../../detach-string.js';
import type { BinaryFile, FileMeta, TextFile } from '../../detector.js';
import { decodeUtf16 } from './decode-utf16.js';

const TASK_NAMESPACE = 'http://schemas.microsoft.com/windows/2004/02/mit/task';
/** A task definition is a few kilobytes; a larger file is not kept (its task keeps the plain wording). */
const MAX_CHARS = 1024 * 1024;

/**
 * The text of every Task Scheduler XML file in the package, kept while the package streams by so that a task
 * created from one (`schtasks /create /xml`) can be read once every file has been seen. UTF-8 files arrive as text;
 * UTF-16 ones, as Windows writes them, hold NUL bytes and so arrive as binaries, by their head.
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

  addBinary(file: BinaryFile): void {
    // Only the head of a binary is delivered: a file longer than that cannot be read whole.
    if (file.meta.size > file.head.length) return;
    const text = decodeUtf16(file.head);
    if (text?.includes(TASK_NAMESPACE)) this.texts.set(file.meta.path, text);
  }

  /** The file's text, when it is a Task Scheduler XML file dten kept whole. */
  textOf(file: FileMeta): string | undefined {
    return this.texts.get(file.path);
  }
}
