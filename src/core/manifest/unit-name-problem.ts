/** Every unit type systemd knows; a name without one of these means its `.service`, as systemctl reads it. */
export const UNIT_SUFFIX = /\.(service|timer|socket|target|path|mount|automount|slice|scope|device|swap)$/;

/** A systemd unit name as it reaches systemctl's argv: nothing that reads as an option, a glob or a path. */
export const SYSTEMD_UNIT_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.@-]*\.(service|timer|socket|target|path|mount)$/;

/** Why `unit` is not a systemd unit name, or undefined when it is (at most 255 characters, as systemd allows). */
export function unitNameProblem(unit: string): string | undefined {
  if (unit.includes('/')) return 'is a path; name the unit (dten-server.service), not its file';
  if (unit.length > 255) return 'is longer than the 255 characters systemd allows';
  if (!SYSTEMD_UNIT_NAME.test(unit)) {
    return 'is not a systemd unit name (letters, digits and _ . @ - with a suffix such as .service)';
  }
  return undefined;
}
