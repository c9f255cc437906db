import type { Db } from '../../platform/db/database.ts';
import { seedPositions } from '../identity/grants.ts';
import { createDelegation, type DelegationInput } from './service.ts';

const CATP = '000.00.11.H26';
const CA_BADINH = '000.04.02.H26';

/**
 * Demo delegations in Hanoi, in the spirit of "the level closest to the people decides".
 * The decision numbers, dates and conditions are ILLUSTRATIVE, not real decisions:
 * - a pilot in force: Công an thành phố delegates re-issuing citizen identity cards (2.001194)
 *   to Công an phường Ba Đình, so a citizen filing online is routed to the ward police and the
 *   result is signed "TUQ. GIÁM ĐỐC CÔNG AN THÀNH PHỐ HÀ NỘI / TRƯỞNG CÔNG AN PHƯỜNG BA ĐÌNH";
 * - an earlier six-month pilot for passports (1.001456) that has ended, kept as history.
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
