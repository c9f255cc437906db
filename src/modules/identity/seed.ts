import type { Db } from '../../platform/db/database.ts';
import type { Role } from '../../platform/http/principal.ts';
import { getAgencyByCode, subUnit } from '../agencies/service.ts';
import { hashPassword } from './passwords.ts';

/** Demo password for every seeded account (README lists them). */
export const DEMO_PASSWORD = 'motcua2026';

interface StaffSeed { username: string; fullName: string; title: string; agency: string; grants: [Role, string][] }
interface CitizenSeed { idNumber: string; fullName: string; dateOfBirth: string; sex: 'Nam' | 'Nữ'; phone: string; email: string; address: string; eidLevel: 1 | 2 }

const CATP = '000.00.11.H26';
const BHXH = '000.00.12.H26';
const UBTP = '000.00.01.H26';
const BADINH = '000.04.01.H26';
const CA_BADINH = '000.04.02.H26';
const SNNMT = '000.00.04.H26';
const THUE = '000.00.13.H26';
const CONGCHUNG = '000.00.14.H26';

export const demoStaff: StaffSeed[] = [
  { username: 'admin', fullName: 'Quản trị hệ thống', title: 'Quản trị hệ thống', agency: UBTP, grants: [['system_admin', 'agency'], ['catalog_admin', 'agency']] },
  { username: 'catp.tiepnhan', fullName: 'Lê Thu Trang', title: 'Cán bộ Bộ phận Một cửa', agency: CATP, grants: [['desk_officer', 'desk']] },
  { username: 'catp.canbo', fullName: 'Phạm Minh Đức', title: 'Cán bộ Phòng Hồ sơ nghiệp vụ', agency: CATP, grants: [['processing_officer', 'ho-so-nghiep-vu'], ['processing_officer', 'quan-ly-hanh-chinh'], ['processing_officer', 'canh-sat-giao-thong'], ['processing_officer', 'xuat-nhap-canh']] },
  { username: 'catp.truongphong', fullName: 'Nguyễn Thị Hà', title: 'Trưởng phòng Hồ sơ nghiệp vụ', agency: CATP, grants: [['head_of_division', 'ho-so-nghiep-vu'], ['head_of_division', 'quan-ly-hanh-chinh'], ['head_of_division', 'canh-sat-giao-thong'], ['head_of_division', 'xuat-nhap-canh']] },
  { username: 'catp.lanhdao', fullName: 'Trần Văn Hùng', title: 'Phó Giám đốc Công an thành phố', agency: CATP, grants: [['signing_authority', 'leadership']] },
  { username: 'catp.giamsat', fullName: 'Đỗ Thị Lan', title: 'Chánh Văn phòng Công an thành phố', agency: CATP, grants: [['supervisor', 'agency']] },
  { username: 'badinh.tiepnhan', fullName: 'Vũ Thị Mai', title: 'Công chức Bộ phận Một cửa', agency: BADINH, grants: [['desk_officer', 'desk']] },
  { username: 'badinh.chuyenvien', fullName: 'Hoàng Văn Nam', title: 'Công chức Tư pháp – Hộ tịch', agency: BADINH, grants: [['processing_officer', 'agency']] },
  { username: 'badinh.truongphong', fullName: 'Bùi Thị Thanh', title: 'Trưởng phòng Văn hóa – Xã hội', agency: BADINH, grants: [['head_of_division', 'agency']] },
  { username: 'badinh.chutich', fullName: 'Ngô Quang Minh', title: 'Phó Chủ tịch UBND phường', agency: BADINH, grants: [['signing_authority', 'leadership'], ['supervisor', 'agency']] },
  { username: 'ca.badinh.tiepnhan', fullName: 'Đinh Văn Long', title: 'Cán bộ tiếp nhận', agency: CA_BADINH, grants: [['desk_officer', 'desk']] },
  { username: 'ca.badinh.canbo', fullName: 'Lý Thị Hoa', title: 'Cán bộ đăng ký cư trú', agency: CA_BADINH, grants: [['processing_officer', 'agency'], ['head_of_division', 'agency']] },
  { username: 'ca.badinh.truongca', fullName: 'Trịnh Quốc Bảo', title: 'Trưởng Công an phường', agency: CA_BADINH, grants: [['signing_authority', 'leadership'], ['supervisor', 'agency']] },
  { username: 'bhxh.tiepnhan', fullName: 'Mai Thị Ngọc', title: 'Cán bộ Bộ phận Một cửa', agency: BHXH, grants: [['desk_officer', 'desk']] },
  { username: 'bhxh.canbo', fullName: 'Tạ Văn Khoa', title: 'Chuyên viên Phòng Quản lý thu – Sổ, thẻ', agency: BHXH, grants: [['processing_officer', 'agency'], ['head_of_division', 'agency']] },
  { username: 'bhxh.lanhdao', fullName: 'Cao Văn Thắng', title: 'Phó Giám đốc BHXH thành phố', agency: BHXH, grants: [['signing_authority', 'leadership'], ['supervisor', 'agency']] },
  // The land group (notary → tax → land registration): one person per role is enough for the demo.
  { username: 'congchung.tiepnhan', fullName: 'Phan Thị Hồng', title: 'Công chứng viên tiếp nhận', agency: CONGCHUNG, grants: [['desk_officer', 'desk']] },
  { username: 'congchung.ccv', fullName: 'Lương Văn Tâm', title: 'Công chứng viên', agency: CONGCHUNG, grants: [['processing_officer', 'agency'], ['head_of_division', 'agency']] },
  { username: 'congchung.truongphong', fullName: 'Kiều Thị Vân', title: 'Trưởng Phòng Công chứng số 1', agency: CONGCHUNG, grants: [['signing_authority', 'leadership'], ['supervisor', 'agency']] },
  { username: 'thue.tiepnhan', fullName: 'Hà Minh Tuấn', title: 'Cán bộ Bộ phận Một cửa', agency: THUE, grants: [['desk_officer', 'desk']] },
  { username: 'thue.canbo', fullName: 'Chu Thị Phương', title: 'Chuyên viên Phòng Kê khai', agency: THUE, grants: [['processing_officer', 'agency'], ['head_of_division', 'agency']] },
  { username: 'thue.lanhdao', fullName: 'Đàm Văn Quý', title: 'Phó Trưởng Thuế thành phố', agency: THUE, grants: [['signing_authority', 'leadership'], ['supervisor', 'agency']] },
  { username: 'dat.tiepnhan', fullName: 'Tống Thị Yến', title: 'Cán bộ Bộ phận Một cửa', agency: SNNMT, grants: [['desk_officer', 'desk']] },
  { username: 'dat.canbo', fullName: 'Âu Văn Lộc', title: 'Chuyên viên Văn phòng Đăng ký đất đai', agency: SNNMT, grants: [['processing_officer', 'agency'], ['head_of_division', 'agency']] },
  { username: 'dat.lanhdao', fullName: 'Khúc Thị Nga', title: 'Phó Giám đốc Sở Nông nghiệp và Môi trường', agency: SNNMT, grants: [['signing_authority', 'leadership'], ['supervisor', 'agency']] },
];

export const demoCitizens: CitizenSeed[] = [
  { idNumber: '001090012345', fullName: 'Nguyễn Văn An', dateOfBirth: '1990-05-14', sex: 'Nam', phone: '0912345678', email: 'an.nguyen@example.vn', address: 'Số 5 phố Đội Cấn, phường Ba Đình, thành phố Hà Nội', eidLevel: 2 },
  { idNumber: '001195006789', fullName: 'Trần Thị Bình', dateOfBirth: '1995-11-02', sex: 'Nữ', phone: '0987654321', email: 'binh.tran@example.vn', address: 'Số 12 ngõ 40 Tạ Quang Bửu, phường Bạch Mai, thành phố Hà Nội', eidLevel: 2 },
  { idNumber: '001301004321', fullName: 'Lê Hoàng Cường', dateOfBirth: '2001-03-20', sex: 'Nữ', phone: '0904111222', email: 'cuong.le@example.vn', address: 'Số 88 Nguyễn Trãi, phường Thanh Xuân, thành phố Hà Nội', eidLevel: 1 },
];

/** Demo staff (one agency per kind) and citizens; existing accounts are left untouched. */
export async function seedDemoUsers(db: Db): Promise<void> {
  const existing = new Set((await db.selectFrom('app_user').select(['username', 'id_number']).execute()).flatMap((r) => [r.username, r.id_number]));
  const hash = await hashPassword(DEMO_PASSWORD);
  for (const s of demoStaff) {
    if (existing.has(s.username)) continue;
    const agency = await getAgencyByCode(db, s.agency);
    if (!agency) throw new Error(`seed: agency ${s.agency} missing`);
    await db.transaction().execute(async (tx) => {
      const u = await tx.insertInto('app_user').values({
        kind: 'staff', username: s.username, password_hash: hash, full_name: s.fullName, title: s.title,
        id_number: null, date_of_birth: null, sex: null, phone: null, email: `${s.username}@hanoi.gov.vn`, address: null, eid_level: null, demo_account: true,
      }).returning('id').executeTakeFirstOrThrow();
      for (const [role, slug] of s.grants) {
        const unit = slug === 'agency' ? agency : await subUnit(db, agency.id, slug);
        if (!unit) throw new Error(`seed: unit ${slug} missing in ${s.agency}`);
        await tx.insertInto('role_grant').values({ user_id: u.id, role, unit_id: unit.id }).execute();
      }
    });
  }
  for (const c of demoCitizens) {
    if (existing.has(c.idNumber)) continue;
    await db.insertInto('app_user').values({
      kind: 'citizen', username: null, password_hash: hash, full_name: c.fullName, id_number: c.idNumber,
      date_of_birth: c.dateOfBirth, sex: c.sex, phone: c.phone, email: c.email, address: c.address, title: null, eid_level: c.eidLevel, demo_account: true,
    }).execute();
  }
}
