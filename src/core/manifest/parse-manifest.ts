import { z } from 'zod';
import { escapeForDisplay } from '../findings/escape-for-display.js';
import type { Finding } from '../findings/finding.js';
import { manifestSchema, MANIFEST_PATH, type Manifest } from './manifest-schema.js';

export interface ParsedManifest {
  manifest: Manifest | undefined;
  findings: Finding[];
}

/** Lenient when reading (unknown keys are kept and reported as info), exact when reporting (JSON paths). */
export function parseManifest(text: string, path = MANIFEST_PATH): ParsedManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? escapeForDisplay(error.message) : 'invalid JSON';
    return {
      manifest: undefined,
      findings: [manifestFinding(path, 'manifest/invalid-json', `manifest is not valid JSON: ${reason}`)],
    };
  }
  const result = manifestSchema.safeParse(json);
  if (!result.success) {
    return {
      manifest: undefined,
      findings: result.error.issues.map((issue) =>
        manifestFinding(path, 'manifest/schema', `${jsonPath(issue.path)}: ${issue.message}`),
      ),
    };
  }
  return {
    manifest: result.data,
    findings: unknownKeys(manifestSchema, json, []).map((key) => unknownKeyFinding(path, key)),
  };
}

function unknownKeys(schema: z.ZodType, value: unknown, at: PropertyKey[]): PropertyKey[][] {
  const inner = unwrap(schema);
  if (inner instanceof z.ZodObject && isRecord(value)) {
    const shape = inner.shape as Record<string, z.ZodType>;
    return Object.entries(value).flatMap(([key, child]) =>
      key in shape ? unknownKeys(shape[key]!, child, [...at, key]) : [[...at, key]],
    );
  }
  if (inner instanceof z.ZodArray && Array.isArray(value)) {
    return value.flatMap((child, index) => unknownKeys(inner.element as z.ZodType, child, [...at, index]));
  }
  return [];
}

function unwrap(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodDefault || schema instanceof z.ZodOptional) return unwrap(schema.unwrap() as z.ZodType);
  return schema;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : `${out}.${String(key)}`), '$');
}

function manifestFinding(path: string, rule: string, message: string): Finding {
  return {
    category: 'manifest',
    severity: 'blocker',
    rule,
    path,
    message,
    remediation: 'Ask the vendor for a corrected manifest.json, or fix it and re-sign the package.',
  };
}

function unknownKeyFinding(path: string, key: PropertyKey[]): Finding {
  return {
    category: 'manifest',
    severity: 'info',
    rule: 'manifest/unknown-key',
    path,
    message: `${jsonPath(key)} is not a field dten knows; it was kept but not checked.`,
    remediation: 'Check with the vendor what it means for the upgrade.',
  };
}
