import { isIPv4, isIPv6 } from 'node:net';
import { forEachMarkedLine } from '../text-scan/for-each-marked-line.js';
import { isCommentLine } from '../text-scan/is-comment-line.js';
import { isReferenceUrl } from './is-reference-url.js';

export interface EndpointMention {
  /** Lower-case host name or address (`s3://bucket` for S3): what the firewall has to allow. */
  host: string;
  /** The mention as written. Not safe to show: it may hold `user:password@`; mask it with maskInlineCredentials. */
  written: string;
  line: number;
  /** On a comment line: documentation, not something that runs. */
  comment: boolean;
}

const DOT_OR_COLON = /[.:]/g;
const URL_PATTERN =
  /\b(?:https?|ftps?|sftp|wss?|s3|ssh|git|rsync|ldaps?|amqps?|mqtts?|rediss?|postgres(?:ql)?|mysql|mongodb(?:\+srv)?|smb|nfs):\/\/[^\s"'<>`\\|^]+/gi;
const GIT_SSH = /\bgit@([a-z0-9-]+(?:\.[a-z0-9-]+)+):/gi;
const ASSIGNMENT = /^\s*(?:-\s+)?(?:export\s+|set\s+|\$env:)?["']?([\w.-]+)["']?\s*[:=]\s*["']?([^\s"',;#]+)/i;
const HOST_KEY =
  /(host|hostname|server|endpoint|domain|address|addr|proxy|mirror|registry|upstream|remote|origin|gateway|broker|relay|peer|backend|dns|ntp|smtp)s?$/i;
const HOST_NAME = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9](?::\d{1,5})?$/i;
const FILE_NAME =
  /\.(json|ya?ml|xml|conf|cfg|ini|toml|txt|log|sh|py|js|ts|jar|war|zip|gz|tgz|tar|pem|crt|cer|key|p12|service|timer|socket|target|exe|dll|so|html?|md|properties|env|sql|lock|pid|sock|d|bak|csv|db)$/i;
const IPV4 = /(?<![\w.\-/])(?:\d{1,3}\.){3}\d{1,3}(?![\w.]|-\w)/g;
const IPV6 = /(?<![\w:.])(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}(?![\w:.])/gi;
const NOT_AN_ADDRESS =
  /(version|release|build|revision|\bv|\bver|tag|oid|mask|checksum|sha\d*|md5)["']?\s*[:=]?\s*["']?$/i;

/** Endpoints named in a text: URLs, `git@host:`, host names in `host = …` settings, IPv4 and IPv6 literals. */
export function findEndpointMentions(text: string, firstLine: number): EndpointMention[] {
  const found: EndpointMention[] = [];
  // Every endpoint form holds a dot or a colon: only the lines that do are looked at, and made into strings.
  forEachMarkedLine(text, firstLine, DOT_OR_COLON, (line, number) => {
    const comment = isCommentLine(line);
    for (const mention of mentionsIn(line)) found.push({ ...mention, line: number, comment });
  });
  return found;
}

function mentionsIn(line: string): Omit<EndpointMention, 'line' | 'comment'>[] {
  const found: Omit<EndpointMention, 'line' | 'comment'>[] = [];
  const add = (host: string, written: string): void => {
    found.push({ host: host.toLowerCase(), written: written.slice(0, 1000) });
  };
  let rest = !line.includes('://')
    ? line
    : line.replace(URL_PATTERN, (raw) => {
        const written = raw.replace(/[.,;:!?)\]}]+$/, '');
        const url = parseUrl(written);
        if (url && !isReferenceUrl(url, line)) {
          const host = url.hostname.replace(/^\[|\]$/g, '');
          add(url.protocol === 's3:' ? `s3://${host}` : host, written);
        }
        return ' '.repeat(raw.length);
      });
  if (rest.includes('git@')) {
    rest = rest.replace(GIT_SSH, (raw, host: string) => {
      add(host, raw);
      return ' '.repeat(raw.length);
    });
  }
  const [, key = '', value = ''] = ASSIGNMENT.exec(rest) ?? [];
  if (HOST_KEY.test(key) && HOST_NAME.test(value) && !FILE_NAME.test(value)) add(value.replace(/:\d+$/, ''), value);
  for (const match of /\d\.\d/.test(rest) ? rest.matchAll(IPV4) : []) {
    const before = rest.slice(Math.max(0, match.index - 40), match.index);
    if (isIPv4(match[0]) && !NOT_AN_ADDRESS.test(before)) add(match[0], match[0]);
  }
  for (const match of rest.includes(':') ? rest.matchAll(IPV6) : []) {
    if (/\d/.test(match[0]) && isIPv6(match[0])) add(match[0], match[0]);
  }
  return found;
}

/** Placeholders such as `https://${HOST}/` name no endpoint yet. */
function parseUrl(raw: string): URL | undefined {
  if (/[$%{<]/.test(raw.split('/')[2] ?? '')) return undefined;
  try {
    const url = new URL(raw);
    return url.hostname === '' ? undefined : url;
  } catch {
    return undefined;
  }
}
