import { Readable } from 'node:stream';
import type { AppContext } from '../../platform/context.ts';
import { principalFor } from '../identity/service.ts';
import { getAgencyByCode } from '../agencies/service.ts';
import { storeUpload } from '../files/service.ts';
import { renderBlankForm } from '../slips/index.ts';
import { act, loadForUpdate } from '../dossiers/actions.ts';
import { prefillFor } from '../population/service.ts';
import { applyPrefill } from '../population/prefill.ts';
import { groupOn } from './definition.ts';
import { insertApplication, prepareApplication } from './submit.ts';
import { dispatchReady } from './dispatch.ts';

/**
 * A demo interconnected application on first start, moved through the real services: An applied
 * for his newborn daughter; the ward registered the birth (an e-result, a new ID number) and the
 * residence registration now waits at the ward police's desk; the health-insurance card waits for it.
 */
export async function seedDemoInterconnect(ctx: AppContext): Promise<void> {
  if (await ctx.db.selectFrom('interconnect_application').select('id').limit(1).executeTakeFirst()) return;
  const g = groupOn('LT-KS-TT-BHYT');
  if (!g) return;
  const an = await principalFor(ctx.db, '001090012345');
  const ward = await getAgencyByCode(ctx.db, '000.04.01.H26'); // UBND phường Ba Đình
  if (!ward?.adminUnitCode) return;
  const pdf = await renderBlankForm({ title: 'Bản scan minh họa', procedureName: g.name, schema: g.form });
  const scan = await storeUpload(ctx.db, ctx.storage, { ownerId: an.userId, stream: Readable.from([pdf]), filename: 'ban-scan-minh-hoa.pdf', declaredType: 'application/pdf', maxBytes: ctx.config.maxUploadBytes });
  const born = new Date(Date.now() - 12 * 86400_000 + 7 * 3600_000).toISOString().slice(0, 10);
  const { prefill } = await prefillFor(ctx.db, an, g.code, g.form);
  const form = applyPrefill({
    applicant: { fullName: an.name, idNumber: an.idNumber, phone: an.phone, address: 'Số 5 phố Đội Cấn, phường Ba Đình, thành phố Hà Nội' },
    relationship: 'Cha',
    child: { fullName: 'Nguyễn Minh Châu', sex: 'Nữ', dateOfBirth: born, placeOfBirthType: 'Tại cơ sở khám bệnh, chữa bệnh', placeOfBirth: 'Bệnh viện Phụ sản Hà Nội', hometown: 'Hà Nội', ethnicity: 'Kinh', nationality: 'Việt Nam', birthNoticeNumber: 'CS-2026-118204' },
    mother: { fullName: 'Phạm Thu Hằng', idNumber: '036192004518', dateOfBirth: '1992-08-21' },
    father: { fullName: an.name, idNumber: an.idNumber, dateOfBirth: '1990-05-14' },
    residence: { province: 'Thành phố Hà Nội', ward: 'Phường Ba Đình', detail: 'Số 5 phố Đội Cấn' },
    householdHead: { fullName: an.name, idNumber: an.idNumber }, relationshipToHead: 'Con',
    healthcareFacility: 'Trạm y tế phường Ba Đình', resultDelivery: 'Nhận bản điện tử trên Cổng Dịch vụ công / VNeID',
  }, prefill);
  const input = { groupCode: g.code, communeCode: ward.adminUnitCode, form, documents: g.documents.filter((d) => d.required).map((d) => ({ code: d.code, fileIds: [scan.id] })) };
  const prep = await prepareApplication(ctx.db, an, input);
  const app = await ctx.db.transaction().execute((tx) => insertApplication(tx, prep, input));
  await dispatchReady(ctx);
  const birth = await ctx.db.selectFrom('interconnect_part').select('dossier_id').where('application_id', '=', app.id).where('key', '=', 'birth').executeTakeFirst();
  if (!birth?.dossier_id) return;
  const steps: [string, 'receive' | 'forward' | 'sign'][] = [['badinh.tiepnhan', 'receive'], ['badinh.tiepnhan', 'forward'], ['badinh.chuyenvien', 'forward'], ['badinh.truongphong', 'forward'], ['badinh.chutich', 'sign']];
  await ctx.db.transaction().execute(async (tx) => {
    for (const [user, action] of steps) {
      const d = await loadForUpdate(tx, birth.dossier_id!);
      await act(tx, await principalFor(tx, user), birth.dossier_id!, action, { version: d!.version });
    }
  });
  await dispatchReady(ctx); // the residence registration goes to the ward police
}
