/** A key is a plain file name in the store: no `/` or `\`, no `..`, not hidden, printable ASCII. */
export const PACKAGE_KEY = /^(?!.*\.\.)[A-Za-z0-9_+=@,~-][A-Za-z0-9._+=@,~-]{0,254}$/;

export function isPackageKey(key: string): boolean {
  return PACKAGE_KEY.test(key);
}
