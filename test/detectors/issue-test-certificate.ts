import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

const CONFIG = `[req]
distinguished_name = dn
[dn]
[root]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[intermediate]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[leaf]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
`;

export interface TestCertificate {
  pem: string;
  der: Buffer;
  certFile: string;
  keyFile: string;
}

export interface CertificateOrder {
  dir: string;
  name: string;
  subject: string;
  profile: 'root' | 'intermediate' | 'leaf';
  /** Absent: self-signed. */
  issuer?: TestCertificate;
  key?: 'ec' | 'rsa1024' | 'rsa2048';
  digest?: 'sha256' | 'sha1';
  days?: number;
}

const KEYS = { ec: ['ec', '-pkeyopt', 'ec_paramgen_curve:P-256'], rsa1024: ['rsa:1024'], rsa2048: ['rsa:2048'] };

/** Issues a certificate with the openssl CLI, valid from now for `days` days. */
export async function issueTestCertificate(order: CertificateOrder): Promise<TestCertificate> {
  const { dir, name } = order;
  const config = join(dir, 'openssl.cnf');
  await writeFile(config, CONFIG);
  const certFile = join(dir, `${name}.pem`);
  const keyFile = join(dir, `${name}.key`);
  const common = ['-config', config, '-newkey', ...KEYS[order.key ?? 'ec'], '-nodes', '-keyout', keyFile];
  const validity = ['-days', String(order.days ?? 365), `-${order.digest ?? 'sha256'}`];
  if (order.issuer) {
    const csr = join(dir, `${name}.csr`);
    await run('openssl', ['req', '-new', ...common, '-out', csr, '-subj', order.subject]);
    await run('openssl', [
      ...['x509', '-req', '-in', csr, '-CA', order.issuer.certFile, '-CAkey', order.issuer.keyFile],
      ...['-set_serial', `0x${randomBytes(8).toString('hex')}`, ...validity],
      ...['-extfile', config, '-extensions', order.profile, '-out', certFile],
    ]);
  } else {
    await run('openssl', [
      'req',
      '-x509',
      ...common,
      ...validity,
      '-extensions',
      order.profile,
      '-subj',
      order.subject,
      '-out',
      certFile,
    ]);
  }
  const pem = await readFile(certFile, 'utf8');
  const { stdout } = await run('openssl', ['x509', '-in', certFile, '-outform', 'DER'], { encoding: 'buffer' });
  return { pem, der: stdout, certFile, keyFile };
}
