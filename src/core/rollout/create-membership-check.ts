/** `isMember` for an approval policy, from an already-fetched map of group id → user ids. */
export function createMembershipCheck(
  members: Readonly<Record<string, readonly string[]>>,
): (userId: string, groupId: string) => boolean {
  return (userId, groupId) => Object.hasOwn(members, groupId) && (members[groupId] ?? []).includes(userId);
}
