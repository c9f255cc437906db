import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * The provider's secrets, generated at first start and kept in `dir` (under DATA_DIR, never in
 * git): an RS256 signing key (JWK, private) and the keys that sign its cookies. Kept across
 * restarts so tokens and relying parties' JWKS caches stay valid.
 */
export interface ProviderSecrets {
  jwks: { keys: crypto.JsonWebKey[] };
  cookieKeys: string[];
}

export async function loadOrCreateSecrets(dir: string): Promise<ProviderSecrets> {
  const file = path.join(dir, 'secrets.json');
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as ProviderSecrets;
  } catch (e: any) {
    if (e.code !== 'ENOENT') throw e;
  }
  const { privateKey } = await new Promise<crypto.KeyPairKeyObjectResult>((resolve, reject) =>
    crypto.generateKeyPair('rsa', { modulusLength: 2048 }, (err, publicKey, privateKey) => (err ? reject(err) : resolve({ publicKey, privateKey }))));
  const jwk = privateKey.export({ format: 'jwk' });
  const kid = crypto.createHash('sha256').update(`${jwk.n}`).digest('base64url').slice(0, 16);
  const secrets: ProviderSecrets = {
    jwks: { keys: [{ ...jwk, kid, alg: 'RS256', use: 'sig' } as crypto.JsonWebKey] },
    cookieKeys: [crypto.randomBytes(32).toString('base64url')],
  };
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  // Two processes starting at once: the first file written wins, both then read it.
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, JSON.stringify(secrets), { mode: 0o600 });
  try {
    await fs.link(tmp, file);
  } catch (e: any) {
    if (e.code !== 'EEXIST') throw e;
  } finally {
    await fs.rm(tmp, { force: true });
  }
  return JSON.parse(await fs.readFile(file, 'utf8')) as ProviderSecrets;
}
