import { readFile } from 'node:fs/promises';
import { X509Certificate } from 'node:crypto';
import { z } from 'zod';
import { UserError, type UserErrorParams } from '../core/errors/user-error.js';
import { escapeForDisplay } from '../core/findings/escape-for-display.js';
import { decodeTextBytes } from '../preflight/decode-text-bytes.js';
import { DEFAULT_POLICY, mergePolicy, policySchema, type Policy } from '../preflight/policy.js';

const inventorySchema = z.record(z.string(), z.record(z.string(), z.string()));
const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

export async function readUserFile(path: string, what: string): Promise<string> {
  try {
    // Saved on Windows, it may be UTF-16 or carry a byte-order mark, which JSON.parse refuses.
    return decodeTextBytes(await readFile(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError('file-not-found', { what, path });
    if (code === 'EISDIR') throw new UserError('file-is-folder', { what, path });
    throw new UserError('file-unreadable', { what, path, reason: code ?? 'unknown error' });
  }
}

/** Every certificate in the trusted CA files, as PEM; a file without a valid certificate is a UserError. */
export async function loadTrustedCas(paths: readonly string[]): Promise<string[]> {
  const pems: string[] = [];
  for (const path of paths) {
    const found = (await readUserFile(path, 'trusted CA file')).match(PEM_CERT) ?? [];
    if (found.length === 0) throw new UserError('trust-invalid', { path, problem: 'no PEM certificate found' });
    for (const pem of found) {
      try {
        new X509Certificate(pem);
      } catch {
        throw new UserError('trust-invalid', { path, problem: 'a certificate in it cannot be parsed' });
      }
    }
    pems.push(...found);
  }
  return pems;
}

export async function loadInventory(path: string): Promise<Record<string, Record<string, string>>> {
  return parseJsonFile(path, 'inventory', inventorySchema, 'inventory-invalid');
}

export async function loadPolicy(path: string | undefined): Promise<Policy> {
  if (!path) return DEFAULT_POLICY;
  return mergePolicy(DEFAULT_POLICY, await parseJsonFile(path, 'policy file', policySchema, 'policy-invalid'));
}

/** A JSON file a person wrote, checked by `schema`; unreadable, not JSON or not that shape is a UserError naming it. */
export async function parseJsonFile<T>(
  path: string,
  what: string,
  schema: z.ZodType<T>,
  code: 'inventory-invalid' | 'policy-invalid' | 'probes-invalid',
): Promise<T> {
  const text = await readUserFile(path, what);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const problem = `it is not valid JSON (${escapeForDisplay((error as Error).message)})`;
    throw new UserError(code, { path, problem } satisfies UserErrorParams[typeof code]);
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const at = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    throw new UserError(code, { path, problem: escapeForDisplay(`${at}${issue.message}`) });
  }
  return result.data;
}
