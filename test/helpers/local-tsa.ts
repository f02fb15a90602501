// A local RFC 3161 time-stamping authority for tests: a CA and a TSA certificate made with openssl in a temporary
// folder, and an HTTP server that answers each request with `openssl ts -reply`.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { tempDir } from './vault';

const run = promisify(execFile);

export interface LocalTsa {
  url: string;
  /** The CA's certificate (PEM file) the TSA's certificate is issued by: what --tsa-ca is given. */
  caFile: string;
  /** The folder holding the CA, the TSA's key and certificate, and openssl's configuration. */
  dir: string;
  /** How many requests it answered. */
  answered(): number;
  close(): Promise<void>;
}

const config = (dir: string): string => `
[ tsa ]
default_tsa = tsa_config
[ tsa_config ]
dir = ${dir}
serial = ${dir}/serial
crypto_device = builtin
signer_cert = ${dir}/tsa.pem
certs = ${dir}/tsa.pem
signer_key = ${dir}/tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
other_policies = 1.2.3.4.2
digests = sha256
accuracy = secs:1
ordering = no
tsa_name = no
ess_cert_id_chain = no
ess_cert_id_alg = sha256
[ tsa_ext ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = critical,timeStamping
`;

/** Makes a CA and a certificate for time-stamping issued by it, in `dir` (ca.pem, tsa.pem, tsa.key). */
export const makeTsaCertificates = async (dir: string, name = 'Test TSA'): Promise<void> => {
  await writeFile(join(dir, 'tsa.cnf'), config(dir));
  await writeFile(join(dir, 'serial'), '01\n');
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  await run(
    'openssl',
    [
      'req',
      '-x509',
      ...ec,
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
      '-days',
      '30',
      '-subj',
      `/CN=${name} CA`,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign',
    ],
    { cwd: dir },
  );
  await run('openssl', ['req', ...ec, '-keyout', 'tsa.key', '-out', 'tsa.csr', '-subj', `/CN=${name}`], { cwd: dir });
  await run(
    'openssl',
    [
      'x509',
      '-req',
      '-in',
      'tsa.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'tsa.pem',
      '-days',
      '30',
      '-extfile',
      'tsa.cnf',
      '-extensions',
      'tsa_ext',
    ],
    { cwd: dir },
  );
};

/** openssl keeps the serial number in a file: one reply at a time. */
let replying: Promise<unknown> = Promise.resolve();

/** Answers one TimeStampReq (DER) with openssl's reply (DER). */
export const opensslReply = (dir: string, query: Uint8Array): Promise<Buffer> => {
  const next = replying.then(() => replyNow(dir, query));
  replying = next.catch(() => undefined);
  return next;
};

const replyNow = async (dir: string, query: Uint8Array): Promise<Buffer> => {
  const id = randomBytes(6).toString('hex');
  const q = join(dir, `${id}.tsq`);
  const r = join(dir, `${id}.tsr`);
  await writeFile(q, query);
  await run('openssl', ['ts', '-reply', '-config', join(dir, 'tsa.cnf'), '-queryfile', q, '-out', r], { cwd: dir });
  return readFile(r);
};

export const startLocalTsa = async (): Promise<LocalTsa> => {
  const dir = await tempDir('cs-tsa-');
  await makeTsaCertificates(dir);
  let answered = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      opensslReply(dir, Buffer.concat(chunks)).then(
        (reply) => {
          answered++;
          res.writeHead(200, { 'content-type': 'application/timestamp-reply' });
          res.end(reply);
        },
        () => {
          res.writeHead(400);
          res.end();
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/tsa`,
    caFile: join(dir, 'ca.pem'),
    dir,
    answered: () => answered,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
};

/** An address where nothing answers: a server that takes the connection and never replies. */
export const startSilentTsa = async (): Promise<{ url: string; close(): Promise<void> }> => {
  const server = createServer(() => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/tsa`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
