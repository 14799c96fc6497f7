import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { ChatRecordStore } from '../commands/chat-record-store.js';

const refSchema = z.object({ channel: z.string(), ts: z.string() });
const fieldsSchema = z.object({
  rolloutId: z.string(),
  channel: z.string(),
  threadTs: z.string(),
  preflightVerdict: z.enum(['pass', 'warnings', 'blocked', 'unreadable']).optional(),
  approvalCard: z.string().optional(),
  progress: z.string().optional(),
});

/** Claims outlive any rollout's chat; a month keeps them past the longest window without growing for ever. */
const KEEP_SECONDS = 30 * 86_400;

/** Chat records as one hash per rollout (`<prefix>:chat:<id>`), claims as SET NX keys beside it. */
export function createRedisChatRecordStore(options: { redis: Redis; prefix: string }): ChatRecordStore {
  const { redis, prefix } = options;
  const keyOf = (id: string): string => `${prefix}:chat:${id}`;
  return {
    async get(rolloutId) {
      const parsed = fieldsSchema.safeParse(await redis.hgetall(keyOf(rolloutId)));
      if (!parsed.success) return undefined;
      const { approvalCard, progress, ...rest } = parsed.data;
      const ref = (json: string | undefined) => (json === undefined ? undefined : refSchema.parse(JSON.parse(json)));
      const card = ref(approvalCard);
      const progressRef = ref(progress);
      return { ...rest, ...(card ? { approvalCard: card } : {}), ...(progressRef ? { progress: progressRef } : {}) };
    },
    async put(record) {
      const { approvalCard, progress, ...rest } = record;
      const fields: Record<string, string> = { ...rest };
      if (approvalCard) fields.approvalCard = JSON.stringify(approvalCard);
      if (progress) fields.progress = JSON.stringify(progress);
      await redis.multi().hset(keyOf(record.rolloutId), fields).expire(keyOf(record.rolloutId), KEEP_SECONDS).exec();
    },
    async setMessage(rolloutId, which, ref) {
      await redis.hset(keyOf(rolloutId), which, JSON.stringify(ref));
    },
    async claim(rolloutId, key) {
      return (await redis.set(`${keyOf(rolloutId)}:claim:${key}`, '1', 'EX', KEEP_SECONDS, 'NX')) === 'OK';
    },
  };
}
