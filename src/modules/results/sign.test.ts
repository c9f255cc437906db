import crypto from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { P12Signer } from '@signpdf/signer-p12';
import { SignPdf } from '@signpdf/signpdf';
import { Signer, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoCa, type AgencySigner } from './ca.ts';
import { children, oidToString, read } from './der.ts';
import { renderResult, type ResultDocument } from './render.ts';
import { cadesDetached, OID, signPdf, type SignMeta } from './sign.ts';
import { pdfsig, tamper } from './test-helpers.ts';
import { checkPdfSignature, parsePdfDate } from './verify-pdf.ts';

const doc: ResultDocument = {
  procedureCode: '3.000333', procedureName: 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam', title: 'Phiếu lý lịch tư pháp số 1',
  dossierCode: '000.00.11.H26-261121-0001', applicantName: 'Nguyễn Văn An', applicantIdNumber: '001090012345', form: {},
  agency: { name: 'Công an thành phố Hà Nội', province: 'Hà Nội' }, signatureLines: ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC'], signerName: 'Trần Văn Hùng',
  issuedAt: new Date('2026-11-21T03:00:00Z'), verifyCode: 'KQ-ABCD-EFGH-JKMN', verifyUrl: 'http://motcua.test/xac-thuc/KQ-ABCD-EFGH-JKMN',
};
const meta: SignMeta = { reason: 'Phiếu lý lịch tư pháp số 1', location: 'Hà Nội', name: 'Công an thành phố Hà Nội', contactInfo: doc.verifyUrl, signingTime: new Date('2026-11-21T03:00:00Z') };

let dir: string;
let ca: DemoCa;
let agency: AgencySigner;
let other: AgencySigner;
let unsigned: Buffer;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'motcua-pki-'));
  ca = new DemoCa(dir);
  agency = ca.signerFor({ id: crypto.randomUUID(), name: 'Công an thành phố Hà Nội', province: 'Hà Nội' });
  other = ca.signerFor({ id: crypto.randomUUID(), name: 'Ủy ban nhân dân phường Ba Đình', province: 'Hà Nội' });
  unsigned = await renderResult(doc);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The CMS inside the last signature's /Contents. */
function cmsOf(pdf: Buffer): Buffer {
  const m = [...pdf.toString('latin1').matchAll(/\/ByteRange\s*\[\s*0\s+(\d+)\s+(\d+)/g)].pop()!;
  return read(Buffer.from(pdf.subarray(Number(m[1]) + 1, Number(m[2]) - 1).toString('latin1'), 'hex')).raw;
}

/** Signed attribute OIDs of a CMS SignedData. */
function signedAttrTypes(cms: Buffer): string[] {
  const sd = children(children(children(read(cms))[1])[0]);
  const si = children(children(sd[sd.length - 1])[0]);
  return children(si.find((x) => x.tag === 0xa0)!).map((a) => oidToString(children(a)[0].content));
}

/** Signs with a PDF placeholder of the given SubFilter and any @signpdf signer. */
async function signWith(subFilter: string, signer: Signer): Promise<Buffer> {
  const p = plainAddPlaceholder({ pdfBuffer: unsigned, reason: meta.reason, contactInfo: meta.contactInfo, name: meta.name, location: meta.location, signingTime: meta.signingTime, subFilter });
  return new SignPdf().sign(p, signer, meta.signingTime);
}

describe('PAdES baseline B-B signature', () => {
  it('is ETSI.CAdES.detached, valid for pdfsig and our verifier, invalid after one byte changes', async () => {
    const pdf = await signPdf(unsigned, agency, meta);
    const report = pdfsig(pdf);
    expect(report).toContain('Signature Type: ETSI.CAdES.detached');
    expect(report).toContain('Signature Validation: Signature is Valid.');
    expect(report).toContain('Signer Certificate Common Name: Công an thành phố Hà Nội');
    expect(report).toContain('Signing Hash Algorithm: SHA-256');
    expect(report).toContain('Total document signed');
    expect(checkPdfSignature(pdf, ca.rootCert())).toMatchObject({
      signed: true, intact: true, coversWholeFile: true, issuedByCa: true, pades: true, subFilter: 'ETSI.CAdES.detached', signingTime: meta.signingTime,
    });

    const bad = tamper(pdf);
    expect(pdfsig(bad)).not.toContain('Signature is Valid.');
    expect(pdfsig(bad)).toMatch(/Signature Validation: (Digest Mismatch|Signature is Invalid)/);
    expect(checkPdfSignature(bad, ca.rootCert())).toMatchObject({ signed: true, intact: false });
    // Bytes appended after signing are outside the signed range.
    expect(checkPdfSignature(Buffer.concat([pdf, Buffer.from('\n% appended\n')]), ca.rootCert())).toMatchObject({ intact: true, coversWholeFile: false });
    // Another CA did not issue the agency certificate.
    expect(checkPdfSignature(pdf, new DemoCa(join(dir, 'other')).rootCert()).issuedByCa).toBe(false);
  });

  it('signs content-type, message-digest and signing-certificate-v2 (SHA-256 of the signer certificate), no signing-time; /M holds the time', async () => {
    const pdf = await signPdf(unsigned, agency, meta);
    const cms = cmsOf(pdf);
    expect(signedAttrTypes(cms).sort()).toEqual([OID.contentType, OID.messageDigest, OID.signingCertificateV2].sort());
    // The certificate hash in the attribute is the SHA-256 of the agency certificate as issued.
    expect(cms.includes(crypto.createHash('sha256').update(agency.certDer).digest())).toBe(true);
    // Signer certificate and CA certificate embedded byte for byte.
    expect(cms.includes(agency.certDer) && cms.includes(agency.caCertDer)).toBe(true);
    expect(pdf.toString('latin1')).toMatch(/\/SubFilter \/ETSI\.CAdES\.detached/);
    expect(pdf.toString('latin1')).toContain('/M (D:20261121030000Z)');
    expect(parsePdfDate("D:20261121100000+07'00'")).toEqual(new Date('2026-11-21T03:00:00Z'));
  });

  it('is refused by our verifier when signing-certificate-v2 names another certificate, or is missing under ETSI.CAdES.detached', async () => {
    class WrongEss extends Signer {
      override async sign(content: Buffer) {
        return cadesDetached(content, { keyPem: agency.keyPem, certDer: agency.certDer, chainDer: [agency.caCertDer], essCertDer: other.certDer });
      }
    }
    const wrong = await signWith(SUBFILTER_ETSI_CADES_DETACHED, new WrongEss());
    expect(checkPdfSignature(wrong, ca.rootCert())).toMatchObject({ signed: true, intact: false, pades: false });
    // A plain PKCS#7 (signing-time, no signing-certificate-v2) labelled as CAdES is not PAdES.
    const labelled = await signWith(SUBFILTER_ETSI_CADES_DETACHED, new P12Signer(agency.p12));
    expect(checkPdfSignature(labelled, ca.rootCert())).toMatchObject({ signed: true, intact: false, pades: false });
  });

  it('still accepts the adbe.pkcs7.detached results issued before PAdES', async () => {
    const pdf = await signPdf(unsigned, agency, meta, 'pkcs7');
    const report = pdfsig(pdf);
    expect(report).toContain('Signature Type: adbe.pkcs7.detached');
    expect(report).toContain('Signature Validation: Signature is Valid.');
    expect(signedAttrTypes(cmsOf(pdf))).toContain(OID.signingTime);
    expect(checkPdfSignature(pdf, ca.rootCert())).toMatchObject({
      signed: true, intact: true, coversWholeFile: true, issuedByCa: true, pades: false, subFilter: 'adbe.pkcs7.detached', signingTime: meta.signingTime,
    });
    expect(checkPdfSignature(tamper(pdf), ca.rootCert()).intact).toBe(false);
  });
});
