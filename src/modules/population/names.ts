import { weightedTable, zipf, type Rng, type WeightedTable } from './prng.ts';

/**
 * Vietnamese personal names for the synthetic population. Family-name shares are rounded from the
 * commonly cited national estimates (Nguyễn ≈ 38 %, Trần ≈ 11 %, Lê ≈ 9.5 %, Phạm ≈ 7 % …), with the
 * northern spellings (Hoàng rather than Huỳnh, Vũ rather than Võ) since the population lives in Hà Nội.
 * Middle names depend on sex and birth cohort: "Văn" and "Thị" were the norm for older generations
 * and became much rarer after 2000.
 */
export const FAMILY_NAMES: WeightedTable<string> = weightedTable([
  ['Nguyễn', 38], ['Trần', 11], ['Lê', 9.5], ['Phạm', 7], ['Hoàng', 5], ['Phan', 4.5], ['Vũ', 3.9], ['Đặng', 2.1],
  ['Bùi', 2], ['Đỗ', 1.4], ['Hồ', 1.3], ['Ngô', 1.3], ['Dương', 1], ['Đinh', 0.8], ['Trịnh', 0.6], ['Đào', 0.6],
  ['Lý', 0.5], ['Mai', 0.4], ['Cao', 0.4], ['Lương', 0.4], ['Tạ', 0.3], ['Hà', 0.3], ['Lưu', 0.3], ['Chu', 0.3],
  ['Phùng', 0.3], ['Kiều', 0.2], ['Tô', 0.2], ['Nghiêm', 0.15], ['Đàm', 0.15], ['Lại', 0.15], ['Triệu', 0.15],
  ['Quách', 0.1], ['Vương', 0.1], ['Thái', 0.1], ['Văn', 0.1], ['Khúc', 0.05], ['Doãn', 0.05], ['Khổng', 0.05],
]);

const MALE_MIDDLE = zipf(['Văn', 'Đức', 'Minh', 'Quang', 'Hữu', 'Ngọc', 'Xuân', 'Thành', 'Mạnh', 'Tiến', 'Trung', 'Anh', 'Hoàng', 'Quốc',
  'Gia', 'Đình', 'Công', 'Duy', 'Tuấn', 'Hải', 'Việt', 'Bảo', 'Đăng', 'Nhật', 'Khánh', 'Trọng', 'Thanh', 'Huy', 'Thế', 'Chí'].slice(1), 0.6);
const FEMALE_MIDDLE = zipf(['Thu', 'Ngọc', 'Thanh', 'Thùy', 'Phương', 'Minh', 'Hồng', 'Lan', 'Bảo', 'Khánh', 'Hải', 'Mai', 'Diệu', 'Kim',
  'Hoài', 'Quỳnh', 'Hà', 'Huyền', 'Thảo', 'Tuệ', 'An', 'Gia', 'Hương', 'Như', 'Yến', 'Bích', 'Vân', 'Tú'], 0.6);

const MALE_GIVEN_OLDER = zipf(['Hùng', 'Dũng', 'Tuấn', 'Hải', 'Sơn', 'Thắng', 'Bình', 'Hòa', 'Minh', 'Long', 'Cường', 'Nam', 'Trung', 'Thành',
  'Quang', 'Đức', 'Hưng', 'Tiến', 'Vinh', 'Lợi', 'Hiếu', 'Toàn', 'Chiến', 'Phong', 'Việt', 'Thanh', 'Tùng', 'Hiệp', 'Khánh', 'Thịnh', 'Lâm',
  'Quân', 'Huy', 'Tâm', 'Nghĩa', 'Phúc', 'Tài', 'Kiên', 'An', 'Đạt'], 0.7);
const MALE_GIVEN_YOUNGER = zipf(['Minh', 'Khôi', 'Nam', 'Huy', 'Phúc', 'Anh', 'Bảo', 'Khang', 'Đăng', 'Quân', 'An', 'Đức', 'Long', 'Lâm',
  'Hoàng', 'Dũng', 'Duy', 'Hiếu', 'Kiên', 'Tùng', 'Sơn', 'Vinh', 'Thịnh', 'Trí', 'Nhật', 'Phong', 'Quang', 'Tuấn', 'Hải', 'Đạt', 'Khoa', 'Tài',
  'Hưng', 'Lộc', 'Việt', 'Bách', 'Thành', 'Nguyên', 'Vũ', 'Kiệt'], 0.7);
const FEMALE_GIVEN_OLDER = zipf(['Hương', 'Lan', 'Hoa', 'Hà', 'Hằng', 'Thủy', 'Mai', 'Nga', 'Hạnh', 'Hiền', 'Huyền', 'Dung', 'Liên', 'Loan',
  'Phương', 'Thu', 'Vân', 'Yến', 'Hồng', 'Nhung', 'Oanh', 'Tâm', 'Thảo', 'Trang', 'Minh', 'Ngọc', 'Bình', 'Lệ', 'Tuyết', 'Cúc', 'Đào', 'Lý',
  'Thanh', 'Quỳnh', 'Giang', 'Chi', 'Xuân', 'Sen', 'Nhàn', 'Hậu'], 0.7);
const FEMALE_GIVEN_YOUNGER = zipf(['Anh', 'Linh', 'Trang', 'Ngọc', 'Chi', 'Hà', 'Nhi', 'Vy', 'My', 'Thảo', 'Hương', 'Huyền', 'Phương', 'An',
  'Mai', 'Quỳnh', 'Giang', 'Ngân', 'Hân', 'Thư', 'Diệp', 'Châu', 'Lan', 'Nhung', 'Tú', 'Uyên', 'Yến', 'Trâm', 'Khánh', 'Hạnh', 'Hiền', 'Loan',
  'Thủy', 'Vân', 'Bích', 'Dương', 'Nga', 'Hằng', 'Tâm', 'Minh'], 0.7);

/** Share of traditional middle names (Văn for men, Thị for women) by birth year. */
function traditionalShare(female: boolean, year: number): number {
  if (year < 1975) return female ? 0.78 : 0.55;
  if (year < 1995) return female ? 0.55 : 0.3;
  if (year < 2010) return female ? 0.25 : 0.1;
  return female ? 0.08 : 0.03;
}

/** Middle and given name for a person of this sex born in this year. */
export function givenNames(rng: Rng, female: boolean, year: number): string {
  const traditional = rng.chance(traditionalShare(female, year));
  const youngerShare = year >= 2005 ? 0.8 : year >= 1990 ? 0.45 : 0.1;
  const givenTable = female
    ? (rng.chance(youngerShare) ? FEMALE_GIVEN_YOUNGER : FEMALE_GIVEN_OLDER)
    : (rng.chance(youngerShare) ? MALE_GIVEN_YOUNGER : MALE_GIVEN_OLDER);
  const middleTable = female ? FEMALE_MIDDLE : MALE_MIDDLE;
  for (;;) {
    const given = rng.weighted(givenTable);
    let middle = traditional ? (female ? 'Thị' : 'Văn') : rng.weighted(middleTable);
    if (middle === given) continue;
    // Some women carry "Thị" plus a second middle name (Nguyễn Thị Thu Hà).
    if (female && traditional && year >= 1960 && rng.chance(0.12)) {
      const second = rng.weighted(FEMALE_MIDDLE);
      if (second !== given) middle = `${middle} ${second}`;
    }
    return `${middle} ${given}`;
  }
}

export function familyName(rng: Rng): string {
  return rng.weighted(FAMILY_NAMES);
}

/** Hà Nội street names used for synthetic ward addresses (not matched to the actual ward). */
export const STREETS = ['Đội Cấn', 'Kim Mã', 'Nguyễn Trãi', 'Tây Sơn', 'Giải Phóng', 'Trường Chinh', 'Láng', 'Xuân Thủy', 'Cầu Giấy',
  'Hoàng Quốc Việt', 'Lạc Long Quân', 'Minh Khai', 'Bạch Mai', 'Đê La Thành', 'Hào Nam', 'Nguyễn Chí Thanh', 'Trần Duy Hưng',
  'Lê Văn Lương', 'Khuất Duy Tiến', 'Nguyễn Văn Cừ', 'Ngọc Lâm', 'Phạm Văn Đồng', 'Hồ Tùng Mậu', 'Tạ Quang Bửu', 'Lê Thanh Nghị',
  'Kim Ngưu', 'Lĩnh Nam', 'Tam Trinh', 'Nguyễn Xiển', 'Quang Trung', 'Hàng Bông', 'Phan Đình Phùng', 'Thụy Khuê', 'Âu Cơ', 'Nghi Tàm',
  'Vạn Phúc', 'Tô Hiệu', 'Nguyễn Văn Linh', 'Cổ Linh', 'Ngô Gia Tự', 'Phúc Diễn', 'Cầu Diễn', 'Trần Phú', 'Lê Trọng Tấn', 'Định Công',
  'Kim Giang', 'Vũ Tông Phan', 'Nguyễn Lương Bằng', 'Chùa Bộc', 'Thái Hà', 'Huỳnh Thúc Kháng', 'Văn Cao', 'Lạc Trung', 'Bà Triệu'];

/** Village names used for synthetic commune (xã) addresses. */
export const VILLAGES = ['Đông', 'Đoài', 'Thượng', 'Hạ', 'Trung', 'Nam', 'Bắc', 'Phú Mỹ', 'An Thái', 'Yên Lạc', 'Đại Đồng', 'Phúc Lộc',
  'Hòa Bình', 'Tiền Phong', 'Vân Trì', 'Đồng Nhân', 'Kim Sơn', 'Thanh Lâm', 'Cổ Điển', 'Hậu Dưỡng', 'Văn Giáp', 'Phú Thịnh',
  'Đa Phúc', 'Xuân Lai', 'Cao Viên', 'Tân Lập', 'Liên Hiệp', 'Ngọc Hòa'];
