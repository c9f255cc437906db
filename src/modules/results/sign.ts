/**
 * Signs a PDF with an agency certificate: an incremental update adds a signature field whose
 * /Contents holds a detached CMS SignedData over the /ByteRange, with the agency certificate and
 * the CA certificate embedded so that readers (Adobe, Foxit, poppler's pdfsig) can show who signed.
 *
 * Two formats:
 * - `pades` (what Motcua issues): PAdES baseline B-B (ETSI EN 319 142-1) — SubFilter
 *   ETSI.CAdES.detached; signed attributes content-type, message-digest and ESS
 *   signing-certificate-v2 (RFC 5035: SHA-256 of the signer certificate); no signing-time
 *   attribute (the time is the signature dictionary's /M). The CMS is built here byte by byte (der.ts)
 *   from the certificates' own DER and signed with Node's crypto.
 * - `pkcs7`: the earlier adbe.pkcs7.detached signature made by @signpdf's P12Signer (with a
 *   signing-time attribute). Results issued before PAdES carry it; our verifier accepts both.
 */
import crypto from 'node:crypto';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { P12Signer } from '@signpdf/signer-p12';
import { SignPdf } from '@signpdf/signpdf';
import { Signer, SUBFILTER_ADOBE_PKCS7_DETACHED, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import type { AgencySigner } from './ca.ts';
import { children, nullValue, octets, oid, read, seq, setOf, TAG, tlv, integer } from './der.ts';

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
} as const;

export type SignatureFormat = 'pades' | 'pkcs7';

export interface SignMeta {
  reason: string;
  location: string;
  /** Printed by readers as the signer's name when the certificate is not consulted. */
  name: string;
  contactInfo: string;
  signingTime: Date;
}

const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest();

/** IssuerAndSerialNumber of a certificate, copied from its own bytes (never re-encoded). */
export function issuerAndSerial(certDer: Buffer): Buffer {
  const tbs = children(children(read(certDer))[0]);
  const i = tbs[0].tag === TAG.ctx(0) ? 1 : 0;
  return seq(tbs[i + 2].raw, tbs[i].raw);
}

const attribute = (type: string, value: Buffer) => seq(oid(type), setOf(value));

/**
 * SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }, one ESSCertIDv2 holding only
 * certHash: hashAlgorithm defaults to SHA-256 (so DER leaves it out) and the baseline profile
 * says issuerSerial should not be included (the SignerInfo's sid already names the certificate).
 */
export function signingCertificateV2(certDer: Buffer): Buffer {
  return seq(seq(seq(octets(sha256(certDer)))));
}

/** Detached CMS SignedData for PAdES B-B over `content` (the PDF's signed byte ranges). */
export function cadesDetached(content: Buffer, key: { keyPem: string; certDer: Buffer; chainDer: Buffer[]; /** Tests only: name another certificate in signing-certificate-v2. */ essCertDer?: Buffer }): Buffer {
  const sha256Alg = seq(oid(OID.sha256), nullValue());
  const signedAttrs = setOf(
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.messageDigest, octets(sha256(content))),
    attribute(OID.signingCertificateV2, signingCertificateV2(key.essCertDer ?? key.certDer)),
  );
  // The signature is over the attributes encoded as a SET; in the SignerInfo they are [0] IMPLICIT.
  const signature = crypto.sign('sha256', signedAttrs, key.keyPem);
  const signerInfo = seq(
    integer(1),
    issuerAndSerial(key.certDer),
    sha256Alg,
    Buffer.concat([Buffer.from([TAG.ctx(0)]), signedAttrs.subarray(1)]),
    seq(oid(OID.rsaEncryption), nullValue()),
    octets(signature),
  );
  const signedData = seq(
    integer(1),
    setOf(sha256Alg),
    seq(oid(OID.data)),
    tlv(TAG.ctx(0), key.certDer, ...key.chainDer),
    setOf(signerInfo),
  );
  return seq(oid(OID.signedData), tlv(TAG.ctx(0), signedData));
}

/** @signpdf signer producing the PAdES B-B CMS with an agency's key. */
export class CadesSigner extends Signer {
  constructor(private readonly agency: AgencySigner) {
    super();
  }

  override async sign(pdfBuffer: Buffer): Promise<Buffer> {
    return cadesDetached(pdfBuffer, { keyPem: this.agency.keyPem, certDer: this.agency.certDer, chainDer: [this.agency.caCertDer] });
  }
}

export async function signPdf(pdf: Buffer, signer: AgencySigner, meta: SignMeta, format: SignatureFormat = 'pades'): Promise<Buffer> {
  // placeholder-plain parses the classic xref table pdfkit writes; it cannot read xref streams.
  // It writes /M (the signing time PAdES relies on) into the signature dictionary.
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: pdf,
    reason: meta.reason,
    contactInfo: meta.contactInfo,
    name: meta.name,
    location: meta.location,
    signingTime: meta.signingTime,
    subFilter: format === 'pades' ? SUBFILTER_ETSI_CADES_DETACHED : SUBFILTER_ADOBE_PKCS7_DETACHED,
    appName: 'Motcua',
  });
  const cms = format === 'pades' ? new CadesSigner(signer) : new P12Signer(signer.p12);
  return new SignPdf().sign(withPlaceholder, cms, meta.signingTime);
}
