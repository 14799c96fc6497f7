const COMMENT = /^\s*(#|\/\/|;|--|<!--|\/\*|rem\s|::)/i;

/** True for a whole-line comment in shell, PowerShell, batch, INI, SQL, C-like or XML text. */
export function isCommentLine(line: string): boolean {
  return COMMENT.test(line);
}
