import { Readable } from 'node:stream';
import type { AppContext } from '../../platform/context.ts';
import { storeUpload } from '../files/service.ts';
import { renderBlankForm } from '../slips/index.ts';
import { citizenIdByIdNumber } from '../identity/service.ts';
import type { StoreSource } from './tables.ts';

interface DemoItem {
  idNumber: string; documentType: string; title: string; number: string; issuer: string; issuedOn: string; validUntil: string | null;
  source: StoreSource; subtitle: string;
}

/**
 * What the demo citizens already have in their data stores: An's birth-registration extract from the
 * civil-status database and his ID card scanned at a desk earlier; Bình's and Cường's ID card scans.
 * The files are stand-in PDFs (a titled page), like the demo dossiers' scans.
 */
const ITEMS: DemoItem[] = [
  { idNumber: '001090012345', documentType: 'trich-luc-khai-sinh', title: 'Trích lục khai sinh (bản sao)', number: '215/TLKS-BS', issuer: 'UBND phường Ba Đình, thành phố Hà Nội',
    issuedOn: '2025-09-12', validUntil: null, source: 'population', subtitle: 'Nguyễn Văn An, sinh ngày 14/05/1990' },
  { idNumber: '001090012345', documentType: 'the-can-cuoc', title: 'Thẻ căn cước (bản chụp hai mặt)', number: '001090012345', issuer: 'Cục Cảnh sát quản lý hành chính về trật tự xã hội',
    issuedOn: '2024-08-20', validUntil: '2030-05-14', source: 'desk', subtitle: 'Nguyễn Văn An, số định danh 001090012345' },
  { idNumber: '001195006789', documentType: 'the-can-cuoc', title: 'Thẻ căn cước (bản chụp hai mặt)', number: '001195006789', issuer: 'Cục Cảnh sát quản lý hành chính về trật tự xã hội',
    issuedOn: '2024-11-05', validUntil: '2035-11-02', source: 'desk', subtitle: 'Trần Thị Bình, số định danh 001195006789' },
  { idNumber: '001301004321', documentType: 'the-can-cuoc', title: 'Thẻ căn cước (ảnh chụp)', number: '001301004321', issuer: 'Cục Cảnh sát quản lý hành chính về trật tự xã hội',
    issuedOn: '2021-04-10', validUntil: '2026-03-20', source: 'upload', subtitle: 'Lê Hoàng Cường, số định danh 001301004321' },
];

export async function seedDataStore(ctx: AppContext): Promise<void> {
  for (const x of ITEMS) {
    const owner = await citizenIdByIdNumber(ctx.db, x.idNumber);
    if (!owner) continue;
    const has = await ctx.db.selectFrom('personal_document').select('id').where('owner_id', '=', owner).where('document_type', '=', x.documentType)
      .where('source', '=', x.source).limit(1).executeTakeFirst();
    if (has) continue;
    const pdf = await renderBlankForm({ title: `${x.title} — bản minh họa`, procedureName: x.subtitle, schema: { type: 'object', properties: {} } });
    const f = await storeUpload(ctx.db, ctx.storage, { ownerId: owner, stream: Readable.from([pdf]), filename: `${x.documentType}.pdf`, declaredType: 'application/pdf', maxBytes: ctx.config.maxUploadBytes });
    await ctx.db.insertInto('personal_document').values({
      owner_id: owner, document_type: x.documentType, title: x.title, number: x.number, issuer: x.issuer, issued_on: x.issuedOn, valid_until: x.validUntil,
      source: x.source, source_dossier_id: null, source_dossier_code: null,
      file_id: f.id, filename: f.filename, mime: f.mime, size: f.size, sha256: f.sha256, storage_key: f.storageKey,
    }).execute();
  }
}
