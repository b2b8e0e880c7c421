/**
 * A certificate authority of this local cloud, and a server certificate it signs for the SCF API's host
 * name. The management SDK reaches SCF only at https://scf.tencentcloudapi.com, through its documented
 * `proxy` option (an HTTP CONNECT proxy); the local cloud is that proxy and answers inside the tunnel with
 * this certificate. A client trusts it only when told to (Node: NODE_EXTRA_CA_CERTS=<ca.pem>), as with any
 * intercepting proxy. The same certificate also names the COS host of the environment's static website
 * hosting bucket (`<bucket>.cos.<region>.tencentcos.cn`): manager-node's hosting calls reach COS through the
 * same `proxy` option (lib/storage/index.js getCos). Made once per data folder with the openssl command-line tool.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const SCF_HOST = 'scf.tencentcloudapi.com';
/** The region of the local environment; COS hosts are named per region. */
export const LOCAL_REGION = 'ap-shanghai';
/** manager-node's public COS endpoint ("{Bucket}.cos.{Region}.tencentcos.cn", lib/storage/index.js getCos). */
export const cosHost = (bucket: string, region = LOCAL_REGION) => `${bucket}.cos.${region}.tencentcos.cn`;
const HOST_EXTENSIONS = `subjectAltName=DNS:${SCF_HOST},DNS:*.cos.${LOCAL_REGION}.tencentcos.cn\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n`;

export interface TunnelCertificates {
  /** PEM of the authority, for the client's NODE_EXTRA_CA_CERTS. */
  ca: string;
  key: string;
  cert: string;
}

export function tunnelCertificates(dir: string): TunnelCertificates {
  const file = (name: string) => path.join(dir, name);
  // A certificate made before it named the COS host is made again.
  const current = fs.existsSync(file('host.ext')) && fs.readFileSync(file('host.ext'), 'utf8') === HOST_EXTENSIONS;
  if (!fs.existsSync(file('host.pem')) || !current) {
    fs.mkdirSync(dir, { recursive: true });
    const openssl = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
    openssl([
      'req',
      '-x509',
      ...ec,
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
      '-days',
      '3650',
      '-subj',
      '/CN=Weike local cloud CA',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ]);
    openssl(['req', ...ec, '-keyout', 'host.key', '-out', 'host.csr', '-subj', `/CN=${SCF_HOST}`]);
    fs.writeFileSync(file('host.ext'), HOST_EXTENSIONS);
    openssl([
      'x509',
      '-req',
      '-in',
      'host.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'host.tmp.pem',
      '-days',
      '825',
      '-extfile',
      'host.ext',
    ]);
    fs.renameSync(file('host.tmp.pem'), file('host.pem'));
  }
  return { ca: fs.readFileSync(file('ca.pem'), 'utf8'), key: fs.readFileSync(file('host.key'), 'utf8'), cert: fs.readFileSync(file('host.pem'), 'utf8') };
}
