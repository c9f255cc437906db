import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';

/** Field errors of a failed request keyed by dotted path ("items.0.reason"), whatever notation the server used. */
export function fieldErrors(error: unknown, lang: string): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const e of error.errors) out[e.field.replace(/\[(\d+)\]/g, '.$1')] = lang.startsWith('en') ? e.message_en : e.message_vi;
  return out;
}

/** The error under a field, referenced by the field's aria-describedby. */
export function FieldMsg({ id, msg }: { id: string; msg?: string }) {
  if (!msg) return null;
  return <div id={id} className="field-error">{msg}</div>;
}

/** Props that tie an input to its error message. */
export function invalid(id: string, msg?: string) {
  return msg ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-err` } : {};
}

const ymd = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' });
/** yyyy-mm-dd of a moment in Vietnam time (for <input type=date>). */
export function vnDate(v: string | Date): string {
  return ymd.format(new Date(v));
}

/** dd/mm/yyyy of a plain date string (no time zone shift). */
export function plainDate(s: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : s;
}

export function DueBadges({ overdue, dueSoon, mine, paused }: { overdue?: boolean; dueSoon?: boolean; mine?: boolean; paused?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      {overdue && <span className="badge badge-bad">{t('staff.badge.overdue')}</span>}
      {!overdue && dueSoon && <span className="badge badge-warn">{t('staff.badge.dueSoon')}</span>}
      {paused && <span className="badge badge-info">{t('staff.badge.paused')}</span>}
      {mine && <span className="badge badge-mine">{t('staff.badge.mine')}</span>}
    </>
  );
}

/** A horizontal bar for simple charts (a track with a fill); the number is always printed next to it. */
export function Bar({ value, max, tone = 'info', label }: { value: number; max: number; tone?: 'ok' | 'bad' | 'warn' | 'info'; label?: ReactNode }) {
  const pct = max > 0 ? Math.max(value > 0 ? 2 : 0, Math.round((value / max) * 100)) : 0;
  return (
    <div className="sbar">
      <span className="sbar-track" aria-hidden="true"><span className={`sbar-fill sbar-${tone}`} style={{ width: `${pct}%` }} /></span>
      {label !== undefined && <span className="sbar-label">{label}</span>}
    </div>
  );
}
