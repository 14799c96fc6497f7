import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildOpensslCaConfig } from './build-openssl-ca-config.js';

const execFileAsync = promisify(execFile);

export interface IssuedCertificate {
  certFile: string;
  keyFile: string;
}

export interface CertificateRequest {
  /** Folder of this little CA: its config, index and the key/cert files live here. */
  dir: string;
  name: string;
  subject: string;
  profile: 'root' | 'intermediate' | 'leaf';
  /** Absent for a self-signed root. */
  issuer?: IssuedCertificate;
  notBefore: Date;
  notAfter: Date;
}

/** Issues one certificate with the openssl CLI (`openssl ca`, because `x509 -req` cannot set notBefore in OpenSSL 3.0). */
export async function issueCertificate(request: CertificateRequest): Promise<IssuedCertificate> {
  const { dir, name } = request;
  const config = await prepareCaFolder(dir);
  const issued = { certFile: join(dir, `${name}.pem`), keyFile: join(dir, `${name}.key`) };
  const csr = join(dir, `${name}.csr`);
  await openssl([
    'req',
    '-new',
    '-config',
    config,
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    issued.keyFile,
    '-out',
    csr,
    '-subj',
    request.subject,
  ]);
  const signer = request.issuer
    ? ['-cert', request.issuer.certFile, '-keyfile', request.issuer.keyFile]
    : ['-selfsign', '-keyfile', issued.keyFile];
  await openssl([
    'ca',
    '-batch',
    '-config',
    config,
    '-rand_serial',
    '-notext',
    '-preserveDN',
    ...signer,
    '-startdate',
    asn1Time(request.notBefore),
    '-enddate',
    asn1Time(request.notAfter),
    '-extensions',
    `v3_${request.profile}`,
    '-in',
    csr,
    '-out',
    issued.certFile,
  ]);
  return issued;
}

async function prepareCaFolder(dir: string): Promise<string> {
  await mkdir(join(dir, 'issued'), { recursive: true });
  await writeFile(join(dir, 'index.txt'), '', { flag: 'a' });
  const config = join(dir, 'openssl.cnf');
  await writeFile(config, buildOpensslCaConfig(dir));
  return config;
}

async function openssl(args: string[]): Promise<void> {
  try {
    await execFileAsync('openssl', args);
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim() ?? String(error);
    throw new Error(`openssl ${args[0]} failed: ${stderr}`);
  }
}

function asn1Time(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace(/[-:T]/g, '')}Z`;
}
