import { readFileSync } from 'node:fs';
import { fieldError, Problem, type FieldError } from '../../platform/http/problem.ts';

/**
 * Delivery of the result: what the applicant chose at submission (the form's `resultDelivery`
 * answer, plus a postal address when by post) and, once returned by post, the UPU S10 tracking
 * number with the carrier's tracking link (postal-carriers.json).
 */
export type DeliveryMethod = 'in_person' | 'post' | 'online';

export interface Delivery {
  method: DeliveryMethod;
  /** The form's answer as the applicant chose it (e.g. "Qua dịch vụ bưu chính công ích"). */
  choice: string | null;
  address: string | null;
  recipient: string | null;
  phone: string | null;
  /** Set when the desk returns the result by post. */
  trackingNo?: string;
  carrier?: string;
  trackingUrl?: string;
  postedAt?: string;
}

/** The delivery method a `resultDelivery` answer means (the forms word it in many ways). */
export function methodOfChoice(choice: string): DeliveryMethod {
  const c = choice.toLowerCase();
  if (c.includes('bưu chính') || c.includes('bưu điện')) return 'post';
  if (c.includes('điện tử') || c.includes('vneid') || c.includes('vssid') || c.includes('email')) return 'online';
  return 'in_person';
}

const WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7];

/** The UPU S10 check digit of an 8-digit serial number. */
export function s10CheckDigit(serial: string): number {
  const sum = [...serial].reduce((s, d, i) => s + Number(d) * WEIGHTS[i], 0);
  const c = 11 - (sum % 11);
  return c === 10 ? 0 : c === 11 ? 5 : c;
}

/** Errors of a UPU S10 item identifier (e.g. EB123456785VN): 2 letters, 8 digits, the check digit, the ISO country code. */
export function s10Problems(raw: string, field = 'trackingNo'): FieldError[] {
  const v = raw.trim().toUpperCase();
  const m = /^([A-Z]{2})(\d{8})(\d)([A-Z]{2})$/.exec(v);
  if (!m) {
    return [fieldError(field, 'phải theo chuẩn UPU S10: 2 chữ cái, 9 chữ số, mã nước (ví dụ EB123456785VN)', 'must be a UPU S10 number: 2 letters, 9 digits, country code (e.g. EB123456785VN)')];
  }
  if (s10CheckDigit(m[2]) !== Number(m[3])) {
    return [fieldError(field, `số hiệu bưu gửi sai chữ số kiểm tra (chữ số thứ 11 phải là ${s10CheckDigit(m[2])})`, `the tracking number's check digit is wrong (the 11th character must be ${s10CheckDigit(m[2])})`)];
  }
  return [];
}

/** 422: a well-formed request whose postal data cannot be accepted. */
export function deliveryRefused(errors: FieldError[]): Problem {
  return new Problem(422, 'delivery_invalid', `Thông tin gửi kết quả qua bưu chính không hợp lệ: ${errors.map((e) => `${e.field}: ${e.message_vi}`).join('; ')}`,
    `The postal delivery details are not valid: ${errors.map((e) => `${e.field}: ${e.message_en}`).join('; ')}`, { errors });
}

interface Carrier { code: string; name: string; nameEn: string; trackingUrl: string }
const carriers: { default: string; carriers: Carrier[] } = JSON.parse(readFileSync(new URL('./postal-carriers.json', import.meta.url), 'utf8'));

/** The carrier's public tracking page for an item (POSTAL_TRACKING_URL overrides the data file's). */
export function trackingLink(trackingNo: string, carrierCode = carriers.default): { carrier: string; trackingUrl: string } {
  const c = carriers.carriers.find((x) => x.code === carrierCode) ?? carriers.carriers[0];
  const tpl = process.env.POSTAL_TRACKING_URL ?? c.trackingUrl;
  return { carrier: c.code, trackingUrl: tpl.replace('{trackingNo}', encodeURIComponent(trackingNo)) };
}

export function carrierName(code: string | undefined) {
  const c = carriers.carriers.find((x) => x.code === code) ?? carriers.carriers[0];
  return { name: c.name, nameEn: c.nameEn };
}

/**
 * What the applicant chose at submission: the form's `resultDelivery` answer (when the form asks)
 * or the submission's `delivery.method`; by post needs an address (422 otherwise), and only where
 * the form offers post.
 */
export function deliveryAtSubmission(
  form: Record<string, unknown>, formSchema: Record<string, unknown>,
  input: { method?: DeliveryMethod; address?: string; recipient?: string; phone?: string } | undefined,
  applicant: { name: string; phone: string | null },
): { delivery: Delivery | null; errors: FieldError[] } {
  const choice = typeof form.resultDelivery === 'string' ? form.resultDelivery : null;
  const options = ((formSchema as any)?.properties?.resultDelivery?.enum ?? []) as string[];
  const method: DeliveryMethod | null = choice ? methodOfChoice(choice) : input?.method ?? null;
  const errors: FieldError[] = [];
  if (choice && input?.method && input.method !== method) {
    errors.push(fieldError('delivery.method', 'không khớp với hình thức nhận kết quả đã chọn trong tờ khai', 'does not match the result delivery chosen in the form'));
  }
  if (method === 'post' && options.length > 0 && !options.some((o) => methodOfChoice(o) === 'post')) {
    errors.push(fieldError('delivery.method', 'thủ tục này không trả kết quả qua bưu chính', 'this procedure does not deliver results by post'));
  }
  // By post without an address given: the applicant's contact address in the form (what interconnected applications pass on).
  const formAddress = typeof (form.applicant as any)?.address === 'string' ? ((form.applicant as any).address as string).trim() : '';
  const address = input?.address?.trim() || formAddress || null;
  if (method === 'post' && !address) {
    errors.push(fieldError('delivery.address', 'cần địa chỉ nhận kết quả qua bưu chính', 'a postal address is needed to receive the result by post'));
  }
  if (!method) return { delivery: null, errors };
  return {
    delivery: {
      method, choice,
      address: method === 'post' ? address : null,
      recipient: method === 'post' ? input?.recipient?.trim() || applicant.name : null,
      phone: method === 'post' ? input?.phone?.trim() || applicant.phone : null,
    },
    errors,
  };
}
