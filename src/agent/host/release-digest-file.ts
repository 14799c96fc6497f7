/** Written last into a release folder, before its rename: only dten's own verified extraction leaves it there. */
export const RELEASE_DIGEST_FILE = '.dten-package.sha256';
