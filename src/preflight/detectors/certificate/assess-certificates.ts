import { X509Certificate } from 'node:crypto';
import type { Finding } from '../../../core/findings/finding.js';
import { checkCertificate } from './check-certificate.js';
import { checkChainTrust } from './check-chain-trust.js';
import { describeChainOrder } from './describe-chain-order.js';
import { findIssuer, type IssuerLink } from './find-issuer.js';
import type { PackageCertificate } from './package-certificate.js';
import { readPemCertificates } from './read-pem-certificates.js';
import { traceChain, type ChainEnd } from './trace-chain.js';

/** Decides about every certificate of the package at once, since chains span files. */
export function assessCertificates(
  found: readonly PackageCertificate[],
  trustedCaPem: readonly string[],
  now: Date,
): Finding[] {
  const byFingerprint = new Map<string, PackageCertificate>();
  for (const item of found) if (!byFingerprint.has(item.fingerprint)) byFingerprint.set(item.fingerprint, item);
  const trusted = readTrusted(trustedCaPem);
  const unique = [...byFingerprint.values()];
  const inPackage = unique.map((item) => item.cert);
  const links = new Map<string, IssuerLink>(
    unique.map((item) => [item.fingerprint, findIssuer(item.cert, trusted, inPackage)]),
  );
  const index = { links, byFingerprint, trustedFingerprints: new Set(trusted.map((cert) => cert.fingerprint256)) };
  const ends = new Map<PackageCertificate, ChainEnd>(unique.map((item) => [item, traceChain(item, index)]));
  return [
    ...unique.flatMap((item) => checkCertificate(item, links.get(item.fingerprint), now)),
    ...checkChainTrust(ends, trusted.length),
    ...describeChainOrder(ends),
  ];
}

function readTrusted(pems: readonly string[]): X509Certificate[] {
  const certs = new Map<string, X509Certificate>();
  for (const { der } of pems.flatMap((pem) => readPemCertificates(pem))) {
    try {
      const cert = new X509Certificate(der);
      certs.set(cert.fingerprint256, cert);
    } catch {
      // The CLI refuses unreadable trust files before the scan; an unreadable one here trusts nothing.
    }
  }
  return [...certs.values()];
}
