import type { Db } from '../../platform/db/database.ts';
import { getAgencyByCode } from '../agencies/service.ts';
import './tables.ts';

/** [code, prefix, name, English name] */
type Group = [string, string, string, string];

interface Setup {
  groups: Group[];
  /** Counter number → the group codes it serves. */
  counters: [number, string[]][];
}

const RESULTS: Group = ['tra-ket-qua', 'T', 'Trả kết quả', 'Collect results'];

/** Counter groups and counters of the demo agencies (README lists their staff). */
export const demoQueues: Record<string, Setup> = {
  // Công an thành phố Hà Nội
  '000.00.11.H26': {
    groups: [
      ['ly-lich-tu-phap', 'A', 'Lý lịch tư pháp', 'Judicial-record certificates'],
      ['can-cuoc-xuat-nhap-canh', 'B', 'Căn cước – Xuất nhập cảnh', 'ID cards – Passports'],
      ['phuong-tien-giay-phep-lai-xe', 'C', 'Đăng ký xe – Giấy phép lái xe', 'Vehicles – Driving licences'],
      RESULTS,
    ],
    counters: [[1, ['ly-lich-tu-phap']], [2, ['ly-lich-tu-phap', 'can-cuoc-xuat-nhap-canh']], [3, ['can-cuoc-xuat-nhap-canh', 'phuong-tien-giay-phep-lai-xe']], [4, ['tra-ket-qua']]],
  },
  // Ủy ban nhân dân phường Ba Đình
  '000.04.01.H26': {
    groups: [
      ['ho-tich-chung-thuc', 'A', 'Hộ tịch – Chứng thực', 'Civil status – Certification'],
      ['dat-dai-xay-dung-kinh-doanh', 'B', 'Đất đai – Xây dựng – Hộ kinh doanh', 'Land – Construction – Household business'],
      ['lao-dong-bao-tro-xa-hoi', 'C', 'Lao động – Bảo trợ xã hội', 'Labour – Social protection'],
      RESULTS,
    ],
    counters: [[1, ['ho-tich-chung-thuc']], [2, ['ho-tich-chung-thuc', 'lao-dong-bao-tro-xa-hoi']], [3, ['dat-dai-xay-dung-kinh-doanh']], [4, ['tra-ket-qua']]],
  },
  // Công an phường Ba Đình
  '000.04.02.H26': {
    groups: [
      ['cu-tru', 'A', 'Cư trú', 'Residence registration'],
      RESULTS,
    ],
    counters: [[1, ['cu-tru']], [2, ['cu-tru', 'tra-ket-qua']]],
  },
  // Bảo hiểm xã hội thành phố Hà Nội
  '000.00.12.H26': {
    groups: [
      ['bao-hiem-y-te', 'A', 'Bảo hiểm y tế', 'Health insurance'],
      ['bao-hiem-xa-hoi', 'B', 'Bảo hiểm xã hội', 'Social insurance'],
      RESULTS,
    ],
    counters: [[1, ['bao-hiem-y-te']], [2, ['bao-hiem-xa-hoi']], [3, ['bao-hiem-y-te', 'bao-hiem-xa-hoi']], [4, ['tra-ket-qua']]],
  },
};

/** Sets up the demo agencies' queues; an agency that already has groups is left as it is (edits are kept). */
export async function seedQueues(db: Db): Promise<void> {
  for (const [code, setup] of Object.entries(demoQueues)) {
    const agency = await getAgencyByCode(db, code);
    if (!agency) continue;
    await db.transaction().execute(async (tx) => {
      const existing = await tx.selectFrom('queue_group').select('id').where('agency_id', '=', agency.id).limit(1).executeTakeFirst();
      if (existing) return;
      const groups = await tx.insertInto('queue_group')
        .values(setup.groups.map(([c, prefix, name, nameEn], i) => ({ agency_id: agency.id, code: c, prefix, name, name_en: nameEn, sort: i })))
        .onConflict((oc) => oc.doNothing()).returning(['id', 'code']).execute();
      const groupId = new Map(groups.map((g) => [g.code, g.id]));
      const counters = await tx.insertInto('queue_counter')
        .values(setup.counters.map(([n]) => ({ agency_id: agency.id, number: n, name: `Quầy ${n}`, name_en: `Counter ${n}` })))
        .onConflict((oc) => oc.doNothing()).returning(['id', 'number']).execute();
      const links = counters.flatMap((c) => (setup.counters.find(([n]) => n === c.number)?.[1] ?? [])
        .filter((g) => groupId.has(g)).map((g) => ({ counter_id: c.id, group_id: groupId.get(g)! })));
      if (links.length) await tx.insertInto('queue_counter_group').values(links).onConflict((oc) => oc.doNothing()).execute();
    });
  }
}
