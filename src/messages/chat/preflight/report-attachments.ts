import type { PreflightReport } from '../../../preflight/preflight-report.js';
import { renderTextReport } from '../../preflight/render-text-report.js';

export interface ReportAttachment {
  filename: string;
  content: string;
}

/** The full report as the CLI prints it (`--json` and the text form), for when the message cannot hold it all. */
export function reportAttachments(report: PreflightReport, packageName: string): ReportAttachment[] {
  const base = `${packageName.replace(/\.zip$/i, '').replace(/[^A-Za-z0-9._-]+/g, '-') || 'package'}-preflight`;
  return [
    { filename: `${base}.json`, content: `${JSON.stringify(report, null, 2)}\n` },
    { filename: `${base}.txt`, content: renderTextReport(report) },
  ];
}
