import { componentProbesSchema, type ComponentProbes } from '../agent/host/component-probes.js';
import { UserError } from '../core/errors/user-error.js';
import { readUserFile } from './load-preflight-inputs.js';

/** The agent's probes file (DTEN_PROBES); a file that is not such JSON is a UserError naming it. */
export async function loadComponentProbes(path: string): Promise<ComponentProbes> {
  const text = await readUserFile(path, 'probes file (DTEN_PROBES)');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UserError('probes-invalid', { path, problem: `it is not JSON (${(error as Error).message})` });
  }
  const parsed = componentProbesSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    throw new UserError('probes-invalid', { path, problem: `${where}${issue.message}` });
  }
  return parsed.data;
}
