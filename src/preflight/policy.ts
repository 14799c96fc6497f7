import { z } from 'zod';

const configValue = z.union([z.string(), z.number(), z.boolean()]);

/** A config rule: the key must be absent (`removed`) or must hold `value` (`required`). */
export const configRuleSchema = z.object({
  key: z.string().min(1),
  kind: z.enum(['removed', 'required']),
  value: configValue.optional(),
  /** What happens when the rule is broken, said to the person reading the report. */
  consequence: z.string().min(1),
  severity: z.enum(['blocker', 'warning', 'info']).default('blocker'),
});

/** A policy file (`--policy`) adds rules and settings to the built-in default policy. */
export const policySchema = z.object({
  config: z.array(configRuleSchema).default([]),
  internalDomains: z.array(z.string().min(1)).default([]),
  /** Rule ids (`category/name`) whose findings are downgraded to info: an organisation's accepted risks. */
  accept: z.array(z.string().min(1)).default([]),
});

export type ConfigRule = z.infer<typeof configRuleSchema>;
export type Policy = z.infer<typeof policySchema>;

/** The dten rule from the release notes: without hybrid mode the server silently falls back. */
export const DEFAULT_POLICY: Policy = {
  config: [
    {
      key: 'dten.hybrid.enable',
      kind: 'required',
      value: true,
      consequence:
        'without dten.hybrid.enable = true, dten falls back to legacy (non-hybrid) behaviour after the upgrade',
      severity: 'blocker',
    },
  ],
  internalDomains: [],
  accept: [],
};

export function mergePolicy(base: Policy, extra: Policy): Policy {
  return {
    config: [...base.config.filter((rule) => !extra.config.some((other) => other.key === rule.key)), ...extra.config],
    internalDomains: [...new Set([...base.internalDomains, ...extra.internalDomains])],
    accept: [...new Set([...base.accept, ...extra.accept])],
  };
}
