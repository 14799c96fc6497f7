/** A `<product>[-part] <version>` label in the binary's head (`dten-helper 3.9.2`), as `strings` would show it. */
export function findEmbeddedVersion(head: Buffer, product: string): string | undefined {
  const escaped = product.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const label = new RegExp(`\\b${escaped}[\\w.-]*[ /_]v?(\\d+\\.\\d+\\.\\d+(?:[-+][\\w.]+)?)`, 'i');
  return label.exec(head.toString('latin1'))?.[1];
}
