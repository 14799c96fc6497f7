import type { ExampleStory } from './example-story.js';

export interface ExampleEndpoints {
  telemetry: string;
  updates: string;
  docs: string;
}

const VENDOR_CDN = 'northwind.example-cdn.net';

/** The vendor's own servers as the package arrived; the internal mirror once the team redirected them. */
export function chooseExampleEndpoints(story: ExampleStory): ExampleEndpoints {
  const docs = `https://docs.northwind.example/dten/${story.version.split('.').slice(0, 2).join('.')}/upgrade`;
  if (story.planted) {
    return {
      telemetry: `https://telemetry.${VENDOR_CDN}/v1/events`,
      updates: `https://updates.${VENDOR_CDN}/dten`,
      docs,
    };
  }
  return { telemetry: 'https://mirror.internal/dten/telemetry', updates: 'https://mirror.internal/dten/updates', docs };
}
