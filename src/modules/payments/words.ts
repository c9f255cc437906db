/** Amounts in Vietnamese words for receipts ("Hai trăm nghìn đồng"), as written on biên lai thu phí, lệ phí. */
const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];
/** Group names by power of 1000; from the billions the cycle repeats after "tỷ" (nghìn tỷ, triệu tỷ). */
const GROUPS = ['', 'nghìn', 'triệu', 'tỷ', 'nghìn tỷ', 'triệu tỷ'];

/** One group of three digits; `full` when a higher group precedes it (then "không trăm", "linh" are spoken). */
function group(n: number, full: boolean): string {
  const h = Math.floor(n / 100), t = Math.floor((n % 100) / 10), u = n % 10;
  const out: string[] = [];
  if (h > 0 || full) out.push(DIGITS[h], 'trăm');
  if (t === 0) {
    if (u > 0 && (h > 0 || full)) out.push('linh');
  } else if (t === 1) out.push('mười');
  else out.push(DIGITS[t], 'mươi');
  if (u > 0) {
    if (u === 1 && t >= 2) out.push('mốt');
    else if (u === 5 && t >= 1) out.push('lăm');
    else if (u === 4 && t >= 2) out.push('tư');
    else out.push(DIGITS[u]);
  }
  return out.join(' ');
}

/** Words for a non-negative whole number ("một triệu không trăm linh năm"). */
export function numberToVietnamese(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`not a non-negative whole number: ${n}`);
  if (n === 0) return DIGITS[0];
  const groups: number[] = [];
  for (let x = n; x > 0; x = Math.floor(x / 1000)) groups.push(x % 1000);
  if (groups.length > GROUPS.length) throw new RangeError(`too large: ${n}`);
  const parts: string[] = [];
  for (let i = groups.length - 1; i >= 0; i--) {
    if (groups[i] === 0) continue;
    parts.push(group(groups[i], i < groups.length - 1));
    if (GROUPS[i]) parts.push(GROUPS[i]);
  }
  return parts.join(' ');
}

/** "Hai trăm nghìn đồng": capitalised, as on a receipt. */
export function amountInWords(amount: number): string {
  const w = `${numberToVietnamese(amount)} đồng`;
  return w.charAt(0).toUpperCase() + w.slice(1);
}

/** 200000 → "200.000" (Vietnamese thousands separator). */
export function formatVnd(amount: number): string {
  return String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}
