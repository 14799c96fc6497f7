import { SEVERITIES, type Finding } from '../../../core/findings/finding.js';
import type { DetectorFactory } from '../../detector.js';
import { detachString } from '../../detach-string.js';
import { classifyPath } from '../text-scan/classify-path.js';
import { maskInlineCredentials } from '../text-scan/mask-inline-credentials.js';
import { shortenText } from '../text-scan/shorten-text.js';
import { classifyEndpoint, type EndpointClass } from './classify-endpoint.js';
import { describeEndpoint, type GatheredEndpoint } from './describe-endpoint.js';
import { findEndpointMentions } from './find-endpoint-mentions.js';

/** Reports hosts and addresses the upgrade would contact, once per file (segments of one file are gathered). */
export const createExternalEndpointDetector: DetectorFactory = (ctx) => {
  const internalDomains = [...ctx.options.internalDomains, ...ctx.policy.internalDomains];
  const gathered = new Map<string, GatheredEndpoint>();
  const classes = new Map<string, EndpointClass>();
  return {
    id: 'external-endpoint',
    scanText(file) {
      const documentation = classifyPath(file.meta.name).documentation;
      for (const mention of findEndpointMentions(file.text, file.firstLine)) {
        const kind = classes.get(mention.host) ?? classifyEndpoint(mention.host, internalDomains);
        if (!classes.has(mention.host)) classes.set(detachString(mention.host), kind);
        const passive = documentation ? 'documentation' : mention.comment ? 'comment' : undefined;
        const severity = severityOf(kind, passive !== undefined);
        if (severity === undefined) continue;
        const key = detachString(`${file.meta.path}\u0000${mention.host}`);
        const seen = gathered.get(key);
        const mentions = (seen?.mentions ?? 0) + 1;
        if (seen && SEVERITIES.indexOf(seen.severity) <= SEVERITIES.indexOf(severity)) seen.mentions = mentions;
        else
          gathered.set(key, {
            host: detachString(mention.host),
            shown: detachString(shortenText(maskInlineCredentials(mention.written), 100)),
            line: mention.line,
            kind,
            passive,
            severity,
            path: file.meta.path,
            mentions,
          });
      }
      return [];
    },
    finish: () => [...gathered.values()].map(describeEndpoint),
  };
};

function severityOf(kind: EndpointClass, passive: boolean): Finding['severity'] | undefined {
  if (kind === 'external') return passive ? 'info' : 'warning';
  if (kind === 'private' || kind === 'internal' || kind === 'example') return passive ? undefined : 'info';
  return undefined;
}
