/** Dates dd/mm/yyyy and times in Asia/Ho_Chi_Minh whatever the browser's zone; money in VND. */
const TZ = 'Asia/Ho_Chi_Minh';
const dateFmt = new Intl.DateTimeFormat('en-GB', { timeZone: TZ, day: '2-digit', month: '2-digit', year: 'numeric' });
const timeFmt = new Intl.DateTimeFormat('en-GB', { timeZone: TZ, hour: '2-digit', minute: '2-digit', hour12: false });

export function fmtDate(v: string | Date | null | undefined): string {
  if (!v) return '—';
  return dateFmt.format(new Date(v));
}

export function fmtDateTime(v: string | Date | null | undefined): string {
  if (!v) return '—';
  const d = new Date(v);
  return `${timeFmt.format(d)} ${dateFmt.format(d)}`;
}

export function fmtMoney(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  if (n === 0) return '0 đồng';
  return `${n.toLocaleString('vi-VN')} đồng`;
}

export function fmtSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1048576).toFixed(1)} MB`;
}

/** A count grouped as the page's language writes it; a count that stopped at a cap reads "1.000+". */
export function fmtCount(n: number, capped: boolean, lang: string): string {
  return `${n.toLocaleString(lang.startsWith('en') ? 'en-US' : 'vi-VN')}${capped ? '+' : ''}`;
}
