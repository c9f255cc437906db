/**
 * Checks the signature inside a PDF independently of how it was made: the /ByteRange must cover
 * the whole file except the /Contents hole, the CMS messageDigest must equal the hash of the
 * covered bytes, the RSA signature over the signed attributes must verify with the embedded
 * signer certificate, and that certificate must be issued by our CA.
 *
 * Both formats Motcua has issued are accepted: PAdES baseline B-B (SubFilter ETSI.CAdES.detached,
 * the ESS signing-certificate-v2 attribute must hash to the signer certificate, the time is the
 * dictionary's /M) and the earlier adbe.pkcs7.detached (time in the signing-time attribute).
 * The CMS is read with der.ts so the exact bytes found are what gets hashed and verified.
 */
import crypto from 'node:crypto';
import forge from 'node-forge';
import { children, oidToString, read, TAG, type Node } from './der.ts';
import { issuerAndSerial, OID } from './sign.ts';

export interface PdfSignatureCheck {
  /** A signature dictionary was found and parsed. */
  signed: boolean;
  /** Digest and signature both verify (and, for PAdES, the signing-certificate-v2 attribute names the signer). */
  intact: boolean;
  /** The signed range covers the whole file (nothing appended after signing). */
  coversWholeFile: boolean;
  /** The signer certificate chains to the given CA certificate. */
  issuedByCa: boolean;
  signer?: forge.pki.Certificate;
  signingTime?: Date;
  /** The dictionary's /SubFilter, e.g. `ETSI.CAdES.detached` or `adbe.pkcs7.detached`. */
  subFilter?: string;
  /**
   * PAdES baseline B-B: SubFilter ETSI.CAdES.detached, content-type, message-digest and a matching
   * signing-certificate-v2 signed attribute, no signing-time attribute.
   */
  pades: boolean;
}

const HASHES: Record<string, string> = {
  [OID.sha256]: 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

interface FoundSignature {
  range: number[];
  contents: Buffer;
  subFilter?: string;
  /** The dictionary's /M. */
  time?: Date;
}

/** PDF date `D:YYYYMMDDHHmmSS` with `Z` or `+HH'mm'` / `-HH'mm'`. */
export function parsePdfDate(s: string): Date | undefined {
  const m = /^D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:(Z)|([+-])(\d{2})'?(\d{2})?'?)?/.exec(s);
  if (!m) return undefined;
  const utc = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  const offset = m[8] ? (m[8] === '+' ? 1 : -1) * (+m[9] * 60 + +(m[10] ?? 0)) : 0;
  return new Date(utc - offset * 60_000);
}

/** The last signature of the file (incremental updates put it at the end) and its dictionary's entries. */
function lastSignature(pdf: Buffer): FoundSignature | undefined {
  const text = pdf.toString('latin1');
  const re = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;
  let m: RegExpExecArray | null;
  let last: number[] | undefined;
  let at = -1;
  while ((m = re.exec(text))) {
    last = m.slice(1, 5).map(Number);
    at = m.index;
  }
  if (!last) return undefined;
  const [a, b, c] = last;
  if (a !== 0 || b <= 0 || c <= b || c > pdf.length) return undefined;
  const hole = text.slice(b, c);
  const hex = /^<([0-9A-Fa-f]*)>$/.exec(hole.trim());
  if (!hex) return undefined;
  // The signature dictionary is the object around the /ByteRange: read its other entries outside the hole.
  const start = Math.max(text.lastIndexOf(' obj', at), 0);
  const endAt = text.indexOf('endobj', c);
  const dict = text.slice(start, b) + text.slice(c, endAt < 0 ? c : endAt);
  const sub = /\/SubFilter\s*\/([^\s/<>[\]()]+)/.exec(dict)?.[1];
  const time = /\/M\s*\((D:[^)]*)\)/.exec(dict)?.[1];
  return { range: last, contents: Buffer.from(hex[1], 'hex'), subFilter: sub, time: time ? parsePdfDate(time) : undefined };
}

function asn1Time(n: Node): Date | undefined {
  const s = n.content.toString('latin1');
  if (n.tag === TAG.UTC_TIME) return forge.asn1.utcTimeToDate(s);
  if (n.tag === TAG.GENERALIZED_TIME) return forge.asn1.generalizedTimeToDate(s);
  return undefined;
}

/** The certHash and hash algorithm of the first ESSCertIDv2 in a SigningCertificateV2. */
function essCertIdV2(value: Node): { hash: string; certHash: Buffer } | undefined {
  const certs = children(value)[0];
  const first = certs && children(certs)[0];
  if (!first) return undefined;
  const parts = children(first);
  let hash = 'sha256';
  let i = 0;
  if (parts[0]?.tag === TAG.SEQUENCE) {
    hash = HASHES[oidToString(children(parts[0])[0].content)] ?? '';
    i = 1;
  }
  if (!hash || parts[i]?.tag !== TAG.OCTET_STRING) return undefined;
  return { hash, certHash: Buffer.from(parts[i].content) };
}

export function checkPdfSignature(pdf: Buffer, caCert: forge.pki.Certificate): PdfSignatureCheck {
  const none: PdfSignatureCheck = { signed: false, intact: false, coversWholeFile: false, issuedByCa: false, pades: false };
  const sig = lastSignature(pdf);
  if (!sig) return none;
  const [a, b, c, d] = sig.range;
  if (c + d > pdf.length) return none;
  const covered = Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);
  const coversWholeFile = c + d === pdf.length;
  const found: PdfSignatureCheck = { ...none, signed: true, coversWholeFile, subFilter: sig.subFilter };
  try {
    // Zero padding follows the DER object inside /Contents; read() takes only the object.
    const contentInfo = children(read(sig.contents));
    if (oidToString(contentInfo[0].content) !== OID.signedData) return found;
    const signedData = children(children(contentInfo[1])[0]);
    const certs = signedData.find((x) => x.tag === TAG.ctx(0));
    const signerInfo = children(signedData[signedData.length - 1])[0];
    if (!certs || !signerInfo) return found;
    const si = children(signerInfo);
    const sid = si[1];
    const digestName = HASHES[oidToString(children(si[2])[0].content)];
    const attrs = si.find((x) => x.tag === TAG.ctx(0));
    const sigValue = si.find((x) => x.tag === TAG.OCTET_STRING);
    const certDer = children(certs).map((x) => Buffer.from(x.raw)).find((der) => issuerAndSerial(der).equals(sid.raw));
    if (!digestName || !attrs || !sigValue || !certDer) return found;

    const seen = new Map<string, Node>();
    for (const attr of children(attrs)) {
      const [type, set] = children(attr);
      seen.set(oidToString(type.content), children(set)[0]);
    }
    const digest = seen.get(OID.messageDigest)?.content;
    const digestOk = !!digest && digest.equals(crypto.createHash(digestName).update(covered).digest());
    // The signature is over the DER of the attributes as a SET (tag 0x31), not the [0] wrapper.
    const signedAttrs = Buffer.concat([Buffer.from([TAG.SET]), attrs.raw.subarray(1)]);
    const x509 = new crypto.X509Certificate(certDer);
    const sigOk = crypto.verify(digestName, signedAttrs, x509.publicKey, sigValue.content);

    const essValue = seen.get(OID.signingCertificateV2);
    const ess = essValue ? essCertIdV2(essValue) : undefined;
    const essOk = !!ess && ess.certHash.equals(crypto.createHash(ess.hash).update(certDer).digest());
    const isCades = sig.subFilter === 'ETSI.CAdES.detached';
    // A PAdES signature must name its certificate; any signature that carries the attribute must name the right one.
    const intact = digestOk && sigOk && (isCades ? essOk : !essValue || essOk);
    const pades = isCades && essOk && seen.has(OID.contentType) && !seen.has(OID.signingTime);

    const signingTimeAttr = seen.get(OID.signingTime);
    const signingTime = (signingTimeAttr && asn1Time(signingTimeAttr)) || sig.time;
    let issuedByCa = false;
    try {
      // The CA's name is ASCII (ca.ts), so forge's re-encoding of it is byte-exact.
      const ca = new crypto.X509Certificate(forge.pki.certificateToPem(caCert));
      issuedByCa = x509.checkIssued(ca) && x509.verify(ca.publicKey);
    } catch {
      issuedByCa = false;
    }
    const signer = forge.pki.certificateFromAsn1(forge.asn1.fromDer(forge.util.createBuffer(certDer.toString('binary'))));
    return { ...found, intact, issuedByCa, signer, signingTime, pades };
  } catch {
    return found;
  }
}
