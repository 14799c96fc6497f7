import type { ApproverDirectory } from '../commands/chat-context.js';
import type { Config } from '../config.js';
import { createMembershipCheck } from '../core/rollout/create-membership-check.js';

/**
 * Approvers exactly as configured, with group members from `lookUpGroup` when a transport can list them (Slack:
 * usergroups.users.list); without it, only the listed user ids approve.
 */
export function createConfiguredApprovers(
  chat: Config['chat'],
  lookUpGroup?: (groupId: string) => Promise<readonly string[]>,
): ApproverDirectory {
  return {
    async policy() {
      const { users, groups } = chat.approvers;
      const members = lookUpGroup
        ? Object.fromEntries(await Promise.all(groups.map(async (group) => [group, await lookUpGroup(group)] as const)))
        : {};
      return { users, groups, allowSelfApproval: chat.allowSelfApproval, isMember: createMembershipCheck(members) };
    },
  };
}
