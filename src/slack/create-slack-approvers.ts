import { webApi } from '@slack/bolt';
import { createConfiguredApprovers } from '../bot/create-configured-approvers.js';
import type { ApproverDirectory } from '../commands/chat-context.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';

/** Answers meaning the workspace cannot list group members for this app: fall back to the listed users. */
const NO_GROUPS = new Set(['plan_upgrade_required', 'missing_scope', 'not_allowed_token_type']);

/**
 * DTEN_APPROVERS for Slack: user ids approve, and so do the members of the listed user groups, read with
 * usergroups.users.list and cached for `cacheMs` (default a minute; the method is Tier 2). Where the workspace has
 * no user groups (free plan) or the app lacks usergroups:read, only the listed users approve, and the log says so
 * once.
 */
export function createSlackApprovers(
  client: webApi.WebClient,
  chat: Config['chat'],
  log: Logger,
  options: { cacheMs?: number } = {},
): ApproverDirectory {
  const cacheMs = options.cacheMs ?? 60_000;
  const cache = new Map<string, { at: number; members: Promise<readonly string[]> }>();
  let warned = false;

  const read = async (group: string): Promise<readonly string[]> => {
    try {
      const answer = await client.usergroups.users.list({ usergroup: group });
      return answer.users ?? [];
    } catch (error) {
      const code = error instanceof webApi.WebAPIPlatformError ? error.data.error : undefined;
      if (code === undefined) throw error;
      if (NO_GROUPS.has(code)) {
        if (!warned) {
          warned = true;
          log.warn(
            { slackError: code, groups: chat.approvers.groups },
            'Slack will not list user-group members for dten, so only the user ids in DTEN_APPROVERS can approve: ' +
              'add the usergroups:read scope and reinstall the app (user groups need a paid Slack plan), or list the users',
          );
        }
      } else {
        log.warn(
          { slackError: code, group },
          'the user group in DTEN_APPROVERS could not be read; its members cannot approve',
        );
      }
      return [];
    }
  };

  const lookUpGroup = (group: string): Promise<readonly string[]> => {
    const cached = cache.get(group);
    if (cached && Date.now() - cached.at < cacheMs) return cached.members;
    const entry = { at: Date.now(), members: read(group) };
    cache.set(group, entry);
    // A network failure is not remembered: the next approval asks again.
    void entry.members.catch(() => cache.get(group) === entry && cache.delete(group));
    return entry.members;
  };

  return createConfiguredApprovers(chat, lookUpGroup);
}
