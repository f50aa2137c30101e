/** A throwaway self-signed certificate for an address, made with the system's openssl (for TLS test servers). */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

export interface TestCertificate {
  readonly certFile: string;
  readonly keyFile: string;
  /** The certificate as PEM, to trust it where the test wants it trusted. */
  readonly pem: string;
}

export async function selfSignedCertificate(dir: string, address: string): Promise<TestCertificate> {
  const certFile = join(dir, 'test-cert.pem');
  const keyFile = join(dir, 'test-key.pem');
  await promisify(execFile)('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2',
    '-subj', `/CN=${address}`, '-addext', `subjectAltName=IP:${address}`, '-keyout', keyFile, '-out', certFile,
  ]);
  return { certFile, keyFile, pem: await readFile(certFile, 'utf8') };
}
