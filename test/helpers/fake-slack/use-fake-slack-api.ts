import { afterAll, beforeAll } from 'vitest';
import { startFakeSlackApi, type FakeSlackApi } from '../fake-slack-api.js';
import type { FakeSlackOptions } from './fake-slack-types.js';

/** One fake Slack for the tests of a `describe` (started before, closed after); call the getter inside a test. */
export function useFakeSlackApi(options: FakeSlackOptions = {}): () => FakeSlackApi {
  let api: FakeSlackApi | undefined;
  beforeAll(async () => {
    api = await startFakeSlackApi(options);
  });
  afterAll(() => api?.close());
  return () => {
    if (!api) throw new Error('The fake Slack API is used outside a test.');
    return api;
  };
}
