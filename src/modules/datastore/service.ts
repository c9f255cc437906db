import type { Selectable } from 'kysely';
import catalog from './document-types.json' with { type: 'json' };
import type { Executor } from '../../platform/db/database.ts';
import type { Principal } from '../../platform/http/principal.ts';
import { fieldError, problems, type FieldError } from '../../platform/http/problem.ts';
import { getFiles, type StoredFile } from '../files/service.ts';
import { getOrgUnit } from '../agencies/service.ts';
import { getVersion, localToday } from '../catalog/service.ts';
import { citizenIdByIdNumber } from '../identity/service.ts';
import type { PersonalDocumentTable, StoreSource } from './tables.ts';
import './tables.ts';

/**
 * The personal data store (kho dữ liệu cá nhân): a citizen's documents already digitized and
 * earlier e-results, reused in new dossiers with one click (once-only). Items reference a
 * stored_file; the file may be owned by someone else (a desk officer's scan, a signer's result),
 * so what a citizen may use is decided by the item's owner, never by the file's.
 */

export interface DocumentType { code: string; name: string; nameEn: string; accepts: string[] }
export const DOCUMENT_TYPES: DocumentType[] = catalog.types;
const TYPES = new Map(DOCUMENT_TYPES.map((t) => [t.code, t]));
const RESULTS = catalog.results as Record<string, { type: string; validMonths?: number }>;

export const SOURCES: Record<StoreSource, { vi: string; en: string }> = {
  upload: { vi: 'Công dân tải lên', en: 'Uploaded by the citizen' },
  desk: { vi: 'Số hóa tại Bộ phận Một cửa', en: 'Digitized at the one-stop desk' },
  result: { vi: 'Kết quả điện tử của hồ sơ', en: 'Electronic result of a dossier' },
  population: { vi: 'Cơ sở dữ liệu quốc gia về dân cư / hộ tịch điện tử', en: 'National population / civil-status database' },
};

type Row = Selectable<PersonalDocumentTable>;

export interface StoreItem {
  id: string;
  documentType: string;
  documentTypeName: { vi: string; en: string };
  title: string;
  number: string | null;
  issuer: string | null;
  issuedOn: string | null;
  validUntil: string | null;
  expired: boolean;
  source: StoreSource;
  sourceName: { vi: string; en: string };
  sourceDossier: { id: string; code: string | null } | null;
  /** The procedures' document codes this item may stand for. */
  accepts: string[];
  file: { id: string; filename: string; mime: string; size: number; sha256: string };
  url: string;
  createdAt: Date;
}

export function present(r: Row, today = localToday()): StoreItem {
  const t = TYPES.get(r.document_type);
  return {
    id: r.id, documentType: r.document_type, documentTypeName: { vi: t?.name ?? r.document_type, en: t?.nameEn ?? r.document_type },
    title: r.title, number: r.number, issuer: r.issuer, issuedOn: r.issued_on, validUntil: r.valid_until,
    expired: !!r.valid_until && r.valid_until < today,
    source: r.source, sourceName: SOURCES[r.source],
    sourceDossier: r.source_dossier_id ? { id: r.source_dossier_id, code: r.source_dossier_code } : null,
    accepts: t?.accepts ?? [],
    file: { id: r.file_id, filename: r.filename, mime: r.mime, size: Number(r.size), sha256: r.sha256 },
    url: `/api/v1/my/data-store/${r.id}/file`,
    createdAt: r.created_at,
  };
}

export async function listItems(db: Executor, ownerId: string): Promise<StoreItem[]> {
  const rows = await db.selectFrom('personal_document').selectAll().where('owner_id', '=', ownerId).orderBy('created_at', 'desc').limit(500).execute();
  const today = localToday();
  return rows.map((r) => present(r, today));
}

/** One of the owner's items (undefined for anyone else's: no oracle). */
export async function getItemRow(db: Executor, ownerId: string, id: string): Promise<Row | undefined> {
  return db.selectFrom('personal_document').selectAll().where('id', '=', id).where('owner_id', '=', ownerId).executeTakeFirst();
}

export interface NewItem {
  documentType: string;
  title: string;
  number?: string | null;
  issuer?: string | null;
  issuedOn?: string | null;
  validUntil?: string | null;
}

/** Checks an item's description; every problem at once. */
export function checkNewItem(x: NewItem, field = ''): FieldError[] {
  const f = (name: string) => (field ? `${field}.${name}` : name);
  const errors: FieldError[] = [];
  if (!TYPES.has(x.documentType)) errors.push(fieldError(f('documentType'), `không có loại giấy tờ "${x.documentType}"`, `no document type "${x.documentType}"`));
  if (x.issuedOn && x.validUntil && x.validUntil < x.issuedOn) errors.push(fieldError(f('validUntil'), 'phải sau ngày cấp', 'must be after the issue date'));
  if (x.issuedOn && x.issuedOn > localToday()) errors.push(fieldError(f('issuedOn'), 'không được sau ngày hôm nay', 'cannot be in the future'));
  return errors;
}

async function insertItems(db: Executor, ownerId: string, items: { item: NewItem; source: StoreSource; file: StoredFile; dossier?: { id: string; code: string } }[]): Promise<Row[]> {
  if (items.length === 0) return [];
  return db.insertInto('personal_document').values(items.map(({ item, source, file, dossier }) => ({
    owner_id: ownerId, document_type: item.documentType, title: item.title, number: item.number ?? null, issuer: item.issuer ?? null,
    issued_on: item.issuedOn ?? null, valid_until: item.validUntil ?? null, source,
    source_dossier_id: dossier?.id ?? null, source_dossier_code: dossier?.code ?? null,
    file_id: file.id, filename: file.filename, mime: file.mime, size: file.size, sha256: file.sha256, storage_key: file.storageKey,
  }))).onConflict((oc) => oc.columns(['owner_id', 'file_id']).doNothing()).returningAll().execute();
}

/** A citizen puts one of their own uploads into their store. */
export async function addFromUpload(db: Executor, p: Principal, fileId: string, item: NewItem): Promise<StoreItem> {
  const errors = checkNewItem(item);
  const [f] = await getFiles(db, [fileId]);
  if (!f || f.ownerId !== p.userId) errors.push(fieldError('fileId', 'không tìm thấy tệp đã tải lên', 'no such uploaded file'));
  if (errors.length) throw problems.validation(errors);
  const [row] = await insertItems(db, p.userId, [{ item, source: 'upload', file: f }]);
  if (!row) throw problems.conflict('Tệp này đã có trong kho dữ liệu của bạn.', 'This file is already in your data store.');
  return present(row);
}

export async function removeItem(db: Executor, ownerId: string, id: string): Promise<boolean> {
  const r = await db.deleteFrom('personal_document').where('id', '=', id).where('owner_id', '=', ownerId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** A store item as a dossier document: the file, and what the officials are told about where it came from. */
export interface Reused {
  itemId: string;
  file: StoredFile;
  origin: { itemId: string; documentType: string; title: string; issuer: string | null; issuedOn: string | null; validUntil: string | null; source: StoreSource; sourceDossierCode: string | null };
}

/**
 * The items a citizen names in a submission, checked to be theirs: items of anyone else are
 * reported exactly like items that do not exist.
 */
export async function itemsForSubmission(db: Executor, p: Principal, ids: string[]): Promise<Map<string, Reused>> {
  const out = new Map<string, Reused>();
  if (ids.length === 0 || p.kind !== 'citizen') return out;
  const rows = await db.selectFrom('personal_document').selectAll().where('id', 'in', ids).where('owner_id', '=', p.userId).execute();
  for (const r of rows) {
    out.set(r.id, {
      itemId: r.id,
      file: { id: r.file_id, ownerId: r.owner_id, storageKey: r.storage_key, filename: r.filename, mime: r.mime, size: Number(r.size), sha256: r.sha256, createdAt: r.created_at },
      origin: { itemId: r.id, documentType: r.document_type, title: r.title, issuer: r.issuer, issuedOn: r.issued_on, validUntil: r.valid_until, source: r.source, sourceDossierCode: r.source_dossier_code },
    });
  }
  return out;
}

interface DossierRef { id: string; code: string; agency_id: string; procedure_code: string; procedure_version_id: string; applicant_user_id: string | null; applicant_id_number: string | null }

/** The citizen a dossier belongs to: the online applicant, or the registered holder of the walk-in's ID number. */
async function ownerOf(db: Executor, d: DossierRef): Promise<string | null> {
  return d.applicant_user_id ?? (await citizenIdByIdNumber(db, d.applicant_id_number));
}

function addMonths(date: string, months: number): string {
  const [y, m, day] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1 + months, day));
  return t.toISOString().slice(0, 10);
}

/** E-results signed for a dossier go into the applicant's store (called where the result is recorded). */
export async function storeResults(db: Executor, d: DossierRef, files: StoredFile[]): Promise<number> {
  if (files.length === 0) return 0;
  const owner = await ownerOf(db, d);
  if (!owner) return 0;
  const [agency, version] = await Promise.all([getOrgUnit(db, d.agency_id), getVersion(db, d.procedure_version_id)]);
  const kind = RESULTS[d.procedure_code];
  const today = localToday();
  const item: NewItem = {
    documentType: kind?.type ?? 'ket-qua-khac',
    title: version?.definition.resultType || TYPES.get(kind?.type ?? 'ket-qua-khac')!.name,
    number: d.code, issuer: agency?.name ?? null, issuedOn: today,
    validUntil: kind?.validMonths ? addMonths(today, kind.validMonths) : null,
  };
  const rows = await insertItems(db, owner, files.map((file) => ({ item, source: 'result' as const, file, dossier: { id: d.id, code: d.code } })));
  return rows.length;
}

/** Documents scanned at the desk for a walk-in applicant who has an account go into their store. */
export async function storeDeskScans(db: Executor, d: DossierRef, docs: { code: string; file: StoredFile }[]): Promise<number> {
  if (docs.length === 0) return 0;
  const owner = await ownerOf(db, d);
  if (!owner) return 0;
  const version = await getVersion(db, d.procedure_version_id);
  const named = new Map(version?.definition.documents.map((x) => [x.code, x.name]) ?? []);
  const rows = await insertItems(db, owner, docs.map(({ code, file }) => ({
    item: { documentType: typeForDocumentCode(code), title: named.get(code) ?? code, issuer: null, issuedOn: null, validUntil: null, number: null },
    source: 'desk' as const, file, dossier: { id: d.id, code: d.code },
  })));
  return rows.length;
}

/** The kind a procedure's document is filed under in the store: the first kind that accepts it, else "other". */
export function typeForDocumentCode(code: string): string {
  return DOCUMENT_TYPES.find((t) => t.accepts.includes(code))?.code ?? 'khac';
}

/** The items a dossier's e-results became in the owner's store (an interconnected application reuses them in its later parts). */
export async function resultItemsOfDossier(db: Executor, ownerId: string, dossierId: string): Promise<string[]> {
  const rows = await db.selectFrom('personal_document').select('id').where('owner_id', '=', ownerId)
    .where('source_dossier_id', '=', dossierId).where('source', '=', 'result').execute();
  return rows.map((r) => r.id);
}
