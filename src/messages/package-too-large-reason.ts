import { formatBytes } from './format-bytes.js';

/** The clause after "could not be found or fetched:" for a package over DTEN_MAX_TOTAL_BYTES, however it came. */
export function packageTooLargeReason(maxBytes: number): string {
  return `it is larger than the ${formatBytes(maxBytes)} dten accepts (DTEN_MAX_TOTAL_BYTES); share a smaller package or raise the limit`;
}
