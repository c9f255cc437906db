import type { Executor } from '../../platform/db/database.ts';
import './tables.ts';

export interface NoticeInput {
  userId: string;
  kind: string;
  /** One notice per user and key: a job that runs twice does not notify twice. */
  dedupeKey: string;
  titleVi: string;
  titleEn: string;
  bodyVi: string;
  bodyEn: string;
  dossierId?: string;
}

export async function notify(db: Executor, notices: NoticeInput[]): Promise<number> {
  if (notices.length === 0) return 0;
  const r = await db.insertInto('notice').values(notices.map((n) => ({
    user_id: n.userId, kind: n.kind, dedupe_key: n.dedupeKey, title_vi: n.titleVi, title_en: n.titleEn,
    body_vi: n.bodyVi, body_en: n.bodyEn, dossier_id: n.dossierId ?? null,
  }))).onConflict((oc) => oc.columns(['user_id', 'dedupe_key']).doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0);
}

export async function listNotices(db: Executor, userId: string, limit = 50) {
  const rows = await db.selectFrom('notice').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').limit(limit).execute();
  return rows.map((r) => ({ id: r.id, kind: r.kind, title: { vi: r.title_vi, en: r.title_en }, body: { vi: r.body_vi, en: r.body_en }, dossierId: r.dossier_id, createdAt: r.created_at, readAt: r.read_at }));
}

export async function markRead(db: Executor, userId: string, id: number): Promise<boolean> {
  const r = await db.updateTable('notice').set({ read_at: new Date() }).where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
