import { componentProbesSchema, type ComponentProbes } from '../agent/host/component-probes.js';
import { parseJsonFile } from './load-preflight-inputs.js';

/** The agent's probes file (DTEN_PROBES); a file that is not such JSON is a UserError naming it. */
export function loadComponentProbes(path: string): Promise<ComponentProbes> {
  return parseJsonFile(path, 'probes file (DTEN_PROBES)', componentProbesSchema, 'probes-invalid');
}
