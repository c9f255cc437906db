/**
 * Demo public-key infrastructure: one self-signed root CA and one signing certificate per issuing
 * agency, generated on first use under DATA_DIR/pki (mode 0600; never committed, never logged).
 * A real deployment replaces these files with certificates from a licensed CA (e.g. the
 * Government Cipher Committee's CA for agencies); the file layout is the only contract.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';

export interface KeyAndCert {
  keyPem: string;
  certPem: string;
}

export interface AgencySigner {
  /** PKCS#12 (no passphrase, in memory only) holding the agency key, its certificate and the CA certificate. */
  p12: Buffer;
  /** The agency's private key (PKCS#1 PEM), for the PAdES signer. */
  keyPem: string;
  cert: forge.pki.Certificate;
  caCert: forge.pki.Certificate;
  /** The certificates exactly as issued (DER): what the signature embeds and hashes. */
  certDer: Buffer;
  caCertDer: Buffer;
}

/**
 * ASCII on purpose: forge re-encodes parsed UTF8String attributes when it writes the issuer into
 * a CMS SignerInfo, so a non-ASCII issuer name would no longer match the certificate.
 */
const CA_NAME = 'Motcua Demo Root CA (for testing only)';

function utf8Attrs(attrs: { shortName: string; value: string }[]) {
  // forge writes PrintableString by default, which cannot hold Vietnamese letters; with UTF8 it encodes the JS string itself.
  return attrs.map((a) => ({ shortName: a.shortName, value: a.value, valueTagClass: forge.asn1.Type.UTF8 as unknown as forge.asn1.Class }));
}

const caSubject = () => utf8Attrs([{ shortName: 'C', value: 'VN' }, { shortName: 'O', value: 'Motcua' }, { shortName: 'CN', value: CA_NAME }]);

function newKeyPair(): { privateKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey; keyPem: string } {
  // Node's native generator: forge's pure-JS RSA generation takes seconds.
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const fk = forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey;
  return { privateKey: fk, publicKey: forge.pki.setRsaPublicKey(fk.n, fk.e), keyPem };
}

function serial(): string {
  // Positive, minimally encoded 16-byte serial (first byte 0x40–0x7f).
  const b = crypto.randomBytes(16);
  b[0] = (b[0] & 0x3f) | 0x40;
  return b.toString('hex');
}

function makeCa(): KeyAndCert {
  const k = newKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = k.publicKey;
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 20 * 365 * 86400_000);
  cert.setSubject(caSubject());
  cert.setIssuer(caSubject());
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(k.privateKey, forge.md.sha256.create());
  return { keyPem: k.keyPem, certPem: forge.pki.certificateToPem(cert) };
}

function makeAgencyCert(ca: KeyAndCert, agency: { id: string; name: string; province?: string }): KeyAndCert {
  const caCert = forge.pki.certificateFromPem(ca.certPem);
  const caKey = forge.pki.privateKeyFromPem(ca.keyPem);
  const k = newKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = k.publicKey;
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 5 * 365 * 86400_000);
  cert.setSubject(utf8Attrs([
    { shortName: 'C', value: 'VN' },
    ...(agency.province ? [{ shortName: 'L', value: agency.province }] : []),
    { shortName: 'O', value: agency.name },
    { shortName: 'OU', value: `Motcua ${agency.id}` },
    { shortName: 'CN', value: agency.name },
  ]));
  // Rebuilt from the strings: forge keeps parsed UTF8String values as bytes and would re-encode them.
  cert.setIssuer(caSubject());
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'extKeyUsage', emailProtection: true },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(caKey, forge.md.sha256.create());
  return { keyPem: k.keyPem, certPem: forge.pki.certificateToPem(cert) };
}

/**
 * Reads a key+certificate file, or creates it exactly once: written to a temporary file, then
 * hard-linked into place (link fails if another process won the race; its file is used).
 */
function loadOrCreate(file: string, make: () => KeyAndCert): KeyAndCert {
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as KeyAndCert;
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.${crypto.randomUUID()}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(make()), { mode: 0o600 });
  try {
    fs.linkSync(tmp, file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as KeyAndCert;
}

export class DemoCa {
  private readonly dir: string;
  private readonly cache = new Map<string, AgencySigner>();
  private ca: KeyAndCert | undefined;

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'pki');
  }

  root(): KeyAndCert {
    this.ca ??= loadOrCreate(path.join(this.dir, 'ca.json'), makeCa);
    return this.ca;
  }

  rootCert(): forge.pki.Certificate {
    return forge.pki.certificateFromPem(this.root().certPem);
  }

  /** The agency's signer, generating its certificate on first use. */
  signerFor(agency: { id: string; name: string; province?: string }): AgencySigner {
    const hit = this.cache.get(agency.id);
    if (hit) return hit;
    if (!/^[0-9a-f-]{36}$/.test(agency.id)) throw new Error('bad agency id');
    const ca = this.root();
    const kc = loadOrCreate(path.join(this.dir, 'agencies', `${agency.id}.json`), () => makeAgencyCert(ca, agency));
    const cert = forge.pki.certificateFromPem(kc.certPem);
    const caCert = forge.pki.certificateFromPem(ca.certPem);
    const key = forge.pki.privateKeyFromPem(kc.keyPem);
    // Chain in the PKCS#12 so the signer embeds both certificates in the signature.
    const asn1 = forge.pkcs12.toPkcs12Asn1(key, [cert, caCert], '', { algorithm: '3des' });
    const p12 = Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
    const s: AgencySigner = {
      p12, keyPem: kc.keyPem, cert, caCert,
      certDer: new crypto.X509Certificate(kc.certPem).raw, caCertDer: new crypto.X509Certificate(ca.certPem).raw,
    };
    this.cache.set(agency.id, s);
    return s;
  }
}

/** A certificate's attribute as text (forge keeps UTF8String values as UTF-8 bytes). */
export function certAttr(cert: forge.pki.Certificate, shortName: string, of: 'subject' | 'issuer' = 'subject'): string | undefined {
  const a = cert[of].getField(shortName) as { value: string; valueTagClass?: number } | null;
  if (!a) return undefined;
  try {
    return forge.util.decodeUtf8(a.value);
  } catch {
    return a.value;
  }
}
