/** Shows only enough of a secret to recognise it: `AKIA…(20 chars)`. Never more than 4 characters. */
export function maskSecret(secret: string): string {
  const shown = secret.length >= 16 ? secret.slice(0, 4) : '';
  return `${shown}…(${secret.length} chars, masked)`;
}

/** Replaces every occurrence of each secret in `text` by its mask. */
export function maskSecretsIn(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const secret of secrets) if (secret.length > 0) out = out.split(secret).join(maskSecret(secret));
  return out;
}
