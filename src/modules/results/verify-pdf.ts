/**
 * Checks the signature inside a PDF independently of how it was made: the /ByteRange must cover
 * the whole file except the /Contents hole, the CMS messageDigest must equal the SHA-256 of the
 * covered bytes, the RSA signature over the signed attributes must verify with the embedded
 * signer certificate, and that certificate must be issued by our CA.
 */
import crypto from 'node:crypto';
import forge from 'node-forge';

export interface PdfSignatureCheck {
  /** A signature dictionary was found and parsed. */
  signed: boolean;
  /** Digest and signature both verify. */
  intact: boolean;
  /** The signed range covers the whole file (nothing appended after signing). */
  coversWholeFile: boolean;
  /** The signer certificate chains to the given CA certificate. */
  issuedByCa: boolean;
  signer?: forge.pki.Certificate;
  signingTime?: Date;
}

const OID_MESSAGE_DIGEST = forge.pki.oids.messageDigest;
const OID_SIGNING_TIME = forge.pki.oids.signingTime;

/** The last signature of the file (incremental updates put it at the end). */
function lastSignature(pdf: Buffer): { range: number[]; contents: Buffer } | undefined {
  const text = pdf.toString('latin1');
  const re = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;
  let m: RegExpExecArray | null;
  let last: number[] | undefined;
  while ((m = re.exec(text))) last = m.slice(1, 5).map(Number);
  if (!last) return undefined;
  const [a, b, c] = last;
  if (a !== 0 || b <= 0 || c <= b || c > pdf.length) return undefined;
  const hole = text.slice(b, c);
  const hex = /^<([0-9A-Fa-f]*)>$/.exec(hole.trim());
  if (!hex) return undefined;
  return { range: last, contents: Buffer.from(hex[1], 'hex') };
}

export function checkPdfSignature(pdf: Buffer, caCert: forge.pki.Certificate): PdfSignatureCheck {
  const none: PdfSignatureCheck = { signed: false, intact: false, coversWholeFile: false, issuedByCa: false };
  const sig = lastSignature(pdf);
  if (!sig) return none;
  const [a, b, c, d] = sig.range;
  if (c + d > pdf.length) return none;
  const covered = Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);
  const coversWholeFile = c + d === pdf.length;
  try {
    const der = forge.util.createBuffer(sig.contents.toString('binary'));
    // Zero padding follows the DER object inside /Contents; parse only what is there.
    const asn1 = forge.asn1.fromDer(der, { strict: false, parseAllBytes: false } as any);
    const p7 = forge.pkcs7.messageFromAsn1(asn1) as forge.pkcs7.PkcsSignedData & { rawCapture: any };
    const signerInfo = p7.rawCapture.signerInfos?.[0] as forge.asn1.Asn1 | undefined;
    if (!signerInfo) return { ...none, signed: true, coversWholeFile };
    const parts = signerInfo.value as forge.asn1.Asn1[];
    const serial = forge.util.bytesToHex((parts[1].value as forge.asn1.Asn1[])[1].value as string);
    const attrs = parts.find((x) => x.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && x.type === 0);
    const sigValue = parts.find((x) => x.tagClass === forge.asn1.Class.UNIVERSAL && x.type === forge.asn1.Type.OCTETSTRING);
    const signer = p7.certificates.find((x) => x.serialNumber.replace(/^0+/, '') === serial.replace(/^0+/, ''));
    if (!attrs || !sigValue || !signer) return { ...none, signed: true, coversWholeFile };

    let digest: string | undefined;
    let signingTime: Date | undefined;
    for (const attr of attrs.value as forge.asn1.Asn1[]) {
      const [oid, set] = attr.value as forge.asn1.Asn1[];
      const type = forge.asn1.derToOid(oid.value as string);
      const v = (set.value as forge.asn1.Asn1[])[0];
      if (type === OID_MESSAGE_DIGEST) digest = forge.util.bytesToHex(v.value as string);
      if (type === OID_SIGNING_TIME) signingTime = v.type === forge.asn1.Type.UTCTIME ? forge.asn1.utcTimeToDate(v.value as string) : forge.asn1.generalizedTimeToDate(v.value as string);
    }
    const digestOk = digest === crypto.createHash('sha256').update(covered).digest('hex');
    // The signature is over the DER of the attributes as a SET (tag 0x31), not the [0] wrapper.
    const signedAttrs = Buffer.from(forge.asn1.toDer(attrs).getBytes(), 'binary');
    signedAttrs[0] = 0x31;
    const pub = crypto.createPublicKey(forge.pki.publicKeyToPem(signer.publicKey));
    const sigOk = crypto.verify('sha256', signedAttrs, pub, Buffer.from(sigValue.value as string, 'binary'));
    let issuedByCa = false;
    try {
      issuedByCa = caCert.verify(signer);
    } catch {
      issuedByCa = false;
    }
    return { signed: true, intact: digestOk && sigOk, coversWholeFile, issuedByCa, signer, signingTime };
  } catch {
    return { ...none, signed: true, coversWholeFile };
  }
}
