/**
 * Signs a PDF with an agency certificate: an incremental update adds a signature field whose
 * /Contents holds a detached CMS (PKCS#7) SignedData over the /ByteRange, SubFilter
 * adbe.pkcs7.detached, with the agency certificate and the CA certificate embedded so that
 * readers (Adobe, Foxit, poppler's pdfsig) can show who signed.
 */
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { P12Signer } from '@signpdf/signer-p12';
import { SignPdf } from '@signpdf/signpdf';
import { SUBFILTER_ADOBE_PKCS7_DETACHED } from '@signpdf/utils';
import type { AgencySigner } from './ca.ts';

export interface SignMeta {
  reason: string;
  location: string;
  /** Printed by readers as the signer's name when the certificate is not consulted. */
  name: string;
  contactInfo: string;
  signingTime: Date;
}

export async function signPdf(pdf: Buffer, signer: AgencySigner, meta: SignMeta): Promise<Buffer> {
  // placeholder-plain parses the classic xref table pdfkit writes; it cannot read xref streams.
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: pdf,
    reason: meta.reason,
    contactInfo: meta.contactInfo,
    name: meta.name,
    location: meta.location,
    signingTime: meta.signingTime,
    subFilter: SUBFILTER_ADOBE_PKCS7_DETACHED,
    appName: 'Motcua',
  });
  return new SignPdf().sign(withPlaceholder, new P12Signer(signer.p12), meta.signingTime);
}
