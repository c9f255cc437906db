import type { Db } from '../../platform/db/database.ts';
import { seedPositions } from '../identity/grants.ts';
import { createDelegation, type DelegationInput } from './service.ts';

const CATP = '000.00.11.H26';
const CA_BADINH = '000.04.02.H26';
const SO_GDDT = '000.00.07.H26';

/**
 * Demo delegations in Hanoi, in the spirit of "the level closest to the people decides".
 * The decision numbers, dates and conditions are ILLUSTRATIVE, not real decisions:
 * - a pilot in force: Công an thành phố delegates re-issuing citizen identity cards (2.001194)
 *   to Công an phường Ba Đình, so a citizen filing online is routed to the ward police and the
 *   result is signed "TUQ. GIÁM ĐỐC CÔNG AN THÀNH PHỐ HÀ NỘI / TRƯỞNG CÔNG AN PHƯỜNG BA ĐÌNH";
 * - an earlier six-month pilot for passports (1.001456) that has ended, kept as history;
 * - "the level closest to the people decides": the Department of Education and Training delegates
 *   school transfers (2.002854, decided at city level in the catalogue) to EVERY ward and commune
 *   People's Committee (a class delegation). Since July 2025 the wards run the lower-secondary
 *   schools; the family files at the ward where it lives and the result is signed
 *   "TUQ. GIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO THÀNH PHỐ HÀ NỘI" above the ward chair's title.
 */
export const demoDelegations: DelegationInput[] = [
  {
    authorityCode: CATP, delegateCode: CA_BADINH, procedureCodes: ['2.001194'], validFrom: '2025-07-01', validTo: '2027-06-30',
    decisionNo: '1250/QĐ-CAHN-PC06', decisionDate: '2025-06-20', signer: 'Giám đốc Công an thành phố Hà Nội',
    conditions: 'Thí điểm: Công an phường Ba Đình tiếp nhận và giải quyết hồ sơ cấp lại thẻ căn cước nộp trực tuyến; báo cáo kết quả hằng tháng về Phòng PC06.',
  },
  {
    authorityCode: CATP, delegateCode: CA_BADINH, procedureCodes: ['1.001456'], validFrom: '2025-07-01', validTo: '2025-12-31',
    decisionNo: '1251/QĐ-CAHN-PA08', decisionDate: '2025-06-20', signer: 'Giám đốc Công an thành phố Hà Nội',
    conditions: 'Thí điểm 6 tháng tiếp nhận hồ sơ cấp hộ chiếu phổ thông của công dân thường trú trên địa bàn phường.',
  },
  {
    authorityCode: SO_GDDT, delegateClass: { sector: 'people_committee', level: 'commune' }, procedureCodes: ['2.002854'], validFrom: '2025-08-01', validTo: null,
    decisionNo: '3125/QĐ-SGDĐT', decisionDate: '2025-07-25', signer: 'Giám đốc Sở Giáo dục và Đào tạo thành phố Hà Nội',
    conditions: 'Ủy ban nhân dân các phường, xã tiếp nhận và giải quyết hồ sơ chuyển trường, tiếp nhận học sinh vào các trường trên địa bàn; người nộp hồ sơ tại UBND phường, xã nơi cư trú; báo cáo kết quả hằng quý về Sở Giáo dục và Đào tạo.',
  },
];

/** Whether the demo signers head their agency or deputise for its head (signature blocks). */
export const demoPositions: Record<string, 'head' | 'deputy'> = {
  'catp.lanhdao': 'deputy', // Phó Giám đốc Công an thành phố
  'badinh.chutich': 'deputy', // Phó Chủ tịch UBND phường
  'ca.badinh.truongca': 'head', // Trưởng Công an phường
  'bhxh.lanhdao': 'deputy', // Phó Giám đốc BHXH thành phố
};

export async function seedDelegations(db: Db): Promise<void> {
  await seedPositions(db, demoPositions);
  const have = new Set((await db.selectFrom('authority_delegation').select('decision_no').execute()).map((r) => r.decision_no));
  for (const d of demoDelegations) {
    if (have.has(d.decisionNo)) continue;
    await db.transaction().execute((tx) => createDelegation(tx, null, d, { skipManageCheck: true }));
  }
}
