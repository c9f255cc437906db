import type { Executor } from '../../platform/db/database.ts';
import type { MessageParams } from './enqueue.ts';
import type { Channel } from './tables.ts';
import './tables.ts';

export interface Rendered { subjectVi: string; subjectEn: string; bodyVi: string; bodyEn: string }

const dateVi = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
const money = new Intl.NumberFormat('vi-VN');

/** Due dates as people read them in Hanoi: "17:00 25/11/2026" (stored UTC, shown Asia/Ho_Chi_Minh). */
export function formatDue(iso: string | null): string {
  if (!iso) return '—';
  const parts = Object.fromEntries(dateVi.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.hour}:${parts.minute} ${parts.day}/${parts.month}/${parts.year}`;
}

/** "150.000 đồng" (Vietnamese thousands separator). */
export const formatAmount = (n: number | null) => (n === null ? '—' : `${money.format(n)} đồng`);

/** Replaces {placeholders}; an unknown placeholder stays visible rather than vanishing. */
export function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? values[k] : m));
}

export function placeholderValues(p: MessageParams, publicUrl: string): Record<string, string> {
  return {
    code: p.code, name: p.name, procedure: p.procedure, dueAt: formatDue(p.dueAt), amount: formatAmount(p.amount),
    items: p.items.length ? p.items.map((i) => `- ${i}`).join('\n') : '—', reason: p.reason ?? '—',
    link: `${publicUrl}${p.linkPath ?? `/tra-cuu/${encodeURIComponent(p.code)}`}`,
    trackingNo: p.trackingNo ?? '—', trackingUrl: p.trackingUrl ?? '—',
  };
}

export async function render(db: Executor, event: string, channel: Channel, p: MessageParams, publicUrl: string): Promise<Rendered> {
  const t = await db.selectFrom('notification_template').selectAll().where('event', '=', event).where('channel', '=', channel).executeTakeFirst();
  if (!t) throw new Error(`no notification template for ${event}/${channel}`);
  const v = placeholderValues(p, publicUrl);
  return { subjectVi: fill(t.subject_vi, v), subjectEn: fill(t.subject_en, v), bodyVi: fill(t.body_vi, v), bodyEn: fill(t.body_en, v) };
}

export async function listTemplates(db: Executor) {
  return db.selectFrom('notification_template').selectAll().orderBy('event').orderBy('channel').execute();
}

export interface TemplateInput { subjectVi: string; subjectEn: string; bodyVi: string; bodyEn: string }

/** Placeholders a template may use (anything else would reach the citizen as literal braces). */
export const PLACEHOLDERS = ['code', 'name', 'procedure', 'dueAt', 'amount', 'items', 'reason', 'link', 'trackingNo', 'trackingUrl'] as const;

export function unknownPlaceholders(t: TemplateInput): string[] {
  const used = [t.subjectVi, t.subjectEn, t.bodyVi, t.bodyEn].flatMap((x) => [...x.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));
  return [...new Set(used.filter((k) => !(PLACEHOLDERS as readonly string[]).includes(k)))];
}

/** Changes an existing template; false when there is none for that event and channel. */
export async function updateTemplate(db: Executor, event: string, channel: Channel, t: TemplateInput): Promise<boolean> {
  const r = await db.updateTable('notification_template').set({ subject_vi: t.subjectVi, subject_en: t.subjectEn, body_vi: t.bodyVi, body_en: t.bodyEn, updated_at: new Date() })
    .where('event', '=', event).where('channel', '=', channel).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
