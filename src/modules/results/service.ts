/**
 * Electronic results: issuing (render → sign with the agency certificate, PAdES B-B → store), public
 * verification (stored bytes unchanged, signature valid, not revoked) and revocation.
 */
import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import type { Selectable } from 'kysely';
import type { AppContext } from '../../platform/context.ts';
import type { Executor } from '../../platform/db/database.ts';
import type { Principal } from '../../platform/http/principal.ts';
import { fieldError, problems } from '../../platform/http/problem.ts';
import { getOrgUnit } from '../agencies/service.ts';
import { getVersion } from '../catalog/service.ts';
import type { SignatureBlock } from '../delegation/signature.ts';
import type { DossierTable } from '../dossiers/tables.ts';
import { storeUpload, type StoredFile } from '../files/service.ts';
import { hasRoleWithin, worksIn } from '../identity/authz.ts';
import { certAttr, DemoCa } from './ca.ts';
import { documentTitle, renderResult, type ResultDocument } from './render.ts';
import { signPdf } from './sign.ts';
import type { IssuedResultTable } from './tables.ts';
import { checkPdfSignature } from './verify-pdf.ts';

type Row = Selectable<IssuedResultTable>;
type Dossier = Selectable<DossierTable>;

interface Runtime {
  ca: DemoCa;
  storage: AppContext['storage'];
  publicUrl: string;
}
let runtime: Runtime | undefined;

/**
 * Called once when the module's routes are registered: issuing happens inside the dossiers
 * module's sign action, which has a transaction but not the storage or configuration.
 */
export function configureResults(ctx: AppContext): void {
  runtime = { ca: new DemoCa(ctx.config.dataDir), storage: ctx.storage, publicUrl: ctx.config.publicUrl };
}

/** False only where the module was never registered (e.g. a script calling the dossier actions directly). */
export function resultsEnabled(): boolean {
  return runtime !== undefined;
}

function rt(): Runtime {
  if (!runtime) throw new Error('results module not configured');
  return runtime;
}

/** 12 characters from an alphabet without look-alikes (0/O, 1/I/L), grouped by 4: KQ-XXXX-XXXX-XXXX. */
export function newVerifyCode(): string {
  const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
  const bytes = crypto.randomBytes(12);
  const s = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
  return `KQ-${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8, 12)}`;
}

export function verifyUrl(code: string): string {
  return `${rt().publicUrl}/xac-thuc/${encodeURIComponent(code)}`;
}

const MAX_RESULT_BYTES = 20 * 1024 * 1024;

/**
 * Issues the e-result of a dossier being signed: renders it from the procedure's template, signs it
 * with the agency's certificate and stores it as a file of the signer. Runs in the sign action's
 * transaction, so a failed sign leaves no result row (at worst an unreferenced file on disk).
 */
export async function issueResult(tx: Executor, d: Dossier, signer: Principal, signature: SignatureBlock): Promise<StoredFile> {
  const { ca, storage } = rt();
  const agency = await getOrgUnit(tx, d.agency_id);
  const version = await getVersion(tx, d.procedure_version_id);
  const id = crypto.randomUUID();
  const code = newVerifyCode();
  const issuedAt = new Date();
  const agencyInfo = {
    name: agency?.name ?? signature.agency.name,
    parentName: agency?.code === '000.00.01.H26' ? undefined : 'Ủy ban nhân dân thành phố Hà Nội',
    province: 'Hà Nội',
  };
  const doc: ResultDocument = {
    procedureCode: d.procedure_code, procedureName: d.procedure_name,
    title: version?.definition.resultType || 'Kết quả giải quyết thủ tục hành chính', dossierCode: d.code,
    applicantName: d.applicant_name, applicantIdNumber: d.applicant_id_number ?? undefined,
    form: (d.form ?? {}) as Record<string, unknown>, agency: agencyInfo,
    signatureLines: signature.lines, signerName: signature.signer.name, issuedAt,
    verifyCode: code, verifyUrl: verifyUrl(code),
  };
  // The template's title (e.g. the kind of Phiếu chosen on the form), recorded as printed.
  const title = documentTitle(doc);
  const pdf = await renderResult(doc);
  const agencySigner = ca.signerFor({ id: d.agency_id, name: agencyInfo.name, province: agencyInfo.province });
  const signed = await signPdf(pdf, agencySigner, {
    reason: `${title} — hồ sơ ${d.code}`, location: agencyInfo.province, name: agencyInfo.name,
    contactInfo: verifyUrl(code), signingTime: issuedAt,
  });
  const file = await storeUpload(tx, storage, {
    ownerId: signer.userId, stream: Readable.from([signed]), filename: `ket-qua-${d.code}.pdf`, declaredType: 'application/pdf', maxBytes: MAX_RESULT_BYTES,
  });
  const cert = agencySigner.cert;
  await tx.insertInto('issued_result').values({
    id, code, dossier_id: d.id, dossier_code: d.code, procedure_code: d.procedure_code, title,
    agency_id: d.agency_id, agency_name: agencyInfo.name, applicant_name: d.applicant_name,
    signer_id: signer.userId, signer_name: signature.signer.name, signature_lines: JSON.stringify(signature.lines),
    file_id: file.id, storage_key: file.storageKey, size: file.size, sha256: file.sha256,
    cert_serial: cert.serialNumber, cert_subject: certAttr(cert, 'CN') ?? agencyInfo.name, cert_not_after: cert.validity.notAfter,
    issued_at: issuedAt,
  }).execute();
  return file;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function findResult(db: Executor, idOrCode: string): Promise<Row | undefined> {
  const q = db.selectFrom('issued_result').selectAll();
  if (UUID.test(idOrCode)) return q.where('id', '=', idOrCode.toLowerCase()).executeTakeFirst();
  return q.where('code', '=', idOrCode.trim().toUpperCase()).executeTakeFirst();
}

/** "Nguyễn Văn An" → "N. V. An": enough to match the paper in hand, not a directory of names. */
export function maskName(name: string): string {
  const parts = name.trim().split(/\s+/);
  if (parts.length < 2) return parts[0] ?? '';
  return [...parts.slice(0, -1).map((p) => `${p[0]}.`), parts[parts.length - 1]].join(' ');
}

export type ResultStatus = 'valid' | 'revoked' | 'altered';

export interface Verification {
  id: string;
  code: string;
  status: ResultStatus;
  /** Issued by Motcua: the record exists and its signature chains to the Motcua CA. */
  authentic: boolean;
  /** Stored bytes have the hash recorded at issue and the signature covers them unchanged. */
  unaltered: boolean;
  title: string;
  dossierCode: string;
  applicant: string;
  issuer: string;
  signerName: string;
  signatureLines: string[];
  issuedAt: Date;
  certificate: { subject: string; serial: string; notAfter: Date; issuer: string };
  /** The signature's /SubFilter: `ETSI.CAdES.detached` (PAdES B-B, issued now) or `adbe.pkcs7.detached` (earlier results). */
  signatureType: string | null;
  /** The signature meets PAdES baseline B-B (see verify-pdf.ts). */
  pades: boolean;
  revoked: { at: Date; reason: string } | null;
  verifyUrl: string;
}

/** Re-checks a stored result now: hash of the stored bytes, the signature inside, revocation. */
export async function verifyStored(r: Row): Promise<Verification> {
  const { ca, storage } = rt();
  let bytes: Buffer | undefined;
  try {
    bytes = await readAll(storage.get(r.storage_key));
  } catch {
    bytes = undefined;
  }
  const hashOk = !!bytes && crypto.createHash('sha256').update(bytes).digest('hex') === r.sha256;
  const sig = bytes ? checkPdfSignature(bytes, ca.rootCert()) : undefined;
  const unaltered = hashOk && !!sig?.intact && sig.coversWholeFile;
  const authentic = !!sig?.issuedByCa && sig.signer?.serialNumber === r.cert_serial;
  return {
    id: r.id, code: r.code,
    status: !unaltered || !authentic ? 'altered' : r.revoked_at ? 'revoked' : 'valid',
    authentic, unaltered,
    title: r.title, dossierCode: r.dossier_code, applicant: maskName(r.applicant_name), issuer: r.agency_name,
    signerName: r.signer_name, signatureLines: r.signature_lines as string[], issuedAt: r.issued_at,
    certificate: { subject: r.cert_subject, serial: r.cert_serial, notAfter: r.cert_not_after, issuer: certAttr(ca.rootCert(), 'CN') ?? '' },
    signatureType: sig?.subFilter ?? null, pades: !!sig?.pades,
    revoked: r.revoked_at ? { at: r.revoked_at, reason: r.revoke_reason ?? '' } : null,
    verifyUrl: verifyUrl(r.code),
  };
}

export interface UploadCheck {
  /** A signature was found and verifies over the whole file. */
  signatureValid: boolean;
  /** Signed with a certificate of the Motcua CA. */
  issuedByMotcua: boolean;
  /** Byte-for-byte the file Motcua issued (its hash is on record). */
  matchesIssued: boolean;
  signer: string | null;
  signingTime: Date | null;
  /** The signature's /SubFilter (`ETSI.CAdES.detached` or `adbe.pkcs7.detached`). */
  signatureType: string | null;
  /** The signature meets PAdES baseline B-B. */
  pades: boolean;
  result: Verification | null;
}

/** Upload-to-verify: is this file a Motcua result, unaltered? */
export async function verifyUpload(db: Executor, pdf: Buffer): Promise<UploadCheck> {
  const { ca } = rt();
  const sig = checkPdfSignature(pdf, ca.rootCert());
  const sha = crypto.createHash('sha256').update(pdf).digest('hex');
  const row = await db.selectFrom('issued_result').selectAll().where('sha256', '=', sha).executeTakeFirst();
  return {
    signatureValid: sig.intact && sig.coversWholeFile,
    issuedByMotcua: sig.issuedByCa,
    matchesIssued: !!row,
    signer: sig.signer ? certAttr(sig.signer, 'CN') ?? null : null,
    signingTime: sig.signingTime ?? null,
    signatureType: sig.subFilter ?? null, pades: sig.pades,
    result: row ? await verifyStored(row) : null,
  };
}

/** Officials who may revoke: the issuing agency's signing authority or supervisor. */
async function mayRevoke(db: Executor, p: Principal, r: Row): Promise<'yes' | 'forbidden' | 'hidden'> {
  if (await hasRoleWithin(db, p, ['signing_authority', 'supervisor'], r.agency_id)) return 'yes';
  return (await worksIn(db, p, r.agency_id)) ? 'forbidden' : 'hidden';
}

export async function revokeResult(tx: Executor, p: Principal, id: string, reason: string): Promise<Row> {
  const r = await tx.selectFrom('issued_result').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  const may = r ? await mayRevoke(tx, p, r) : 'hidden';
  if (!r || may === 'hidden') throw problems.notFound('kết quả điện tử', 'Electronic result');
  if (may === 'forbidden') {
    throw problems.forbidden('Chỉ lãnh đạo ký hoặc cán bộ giám sát của cơ quan cấp mới được thu hồi kết quả.', 'Only a signing authority or supervisor of the issuing agency may revoke a result.');
  }
  if (r.revoked_at) throw problems.conflict('Kết quả này đã bị thu hồi.', 'This result has already been revoked.');
  const text = reason.trim();
  if (!text) throw problems.validation([fieldError('reason', 'là trường bắt buộc', 'is required')]);
  return tx.updateTable('issued_result').set({ revoked_at: new Date(), revoked_by: p.userId, revoked_by_name: p.name, revoke_reason: text })
    .where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Results of a dossier, for those who may see the dossier (checked by the caller). */
export async function resultsOfDossier(db: Executor, dossierId: string): Promise<Row[]> {
  return db.selectFrom('issued_result').selectAll().where('dossier_id', '=', dossierId).orderBy('issued_at').execute();
}

export function presentResult(r: Row) {
  return {
    id: r.id, code: r.code, dossierId: r.dossier_id, dossierCode: r.dossier_code, title: r.title, fileId: r.file_id,
    issuer: r.agency_name, signerName: r.signer_name, issuedAt: r.issued_at, sha256: r.sha256,
    revoked: r.revoked_at ? { at: r.revoked_at, reason: r.revoke_reason, by: r.revoked_by_name } : null,
    verifyUrl: verifyUrl(r.code),
  };
}
