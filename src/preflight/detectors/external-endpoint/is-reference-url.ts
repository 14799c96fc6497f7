/** Identifiers that look like URLs but are never fetched: XML namespaces, schema ids, licence texts. */
const REFERENCE_PREFIXES = [
  'json-schema.org/',
  'www.w3.org/',
  'w3.org/',
  'schemas.xmlsoap.org/',
  'schemas.openxmlformats.org/',
  'schemas.microsoft.com/',
  'schemas.android.com/',
  'purl.org/',
  'xmlns.com/',
  'schema.org/',
  'xmlns.jcp.org/',
  'java.sun.com/xml/',
  'www.springframework.org/schema/',
  'maven.apache.org/pom/',
  'maven.apache.org/xsd/',
  'www.apache.org/licenses/',
  'opensource.org/licenses/',
  'www.gnu.org/licenses/',
  'spdx.org/licenses/',
  'creativecommons.org/licenses/',
];
const REFERENCE_CONTEXT = /xmlns(:[\w-]+)?\s*=|schemaLocation|["']?\$schema["']?\s*[:=]|<!DOCTYPE/i;

/** True when `url` on `line` names a namespace, schema or licence rather than something the upgrade contacts. */
export function isReferenceUrl(url: URL, line: string): boolean {
  const target = `${url.hostname}${url.pathname}`.toLowerCase();
  return REFERENCE_CONTEXT.test(line) || REFERENCE_PREFIXES.some((prefix) => target.startsWith(prefix));
}
