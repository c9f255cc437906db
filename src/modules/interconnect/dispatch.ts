import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { Problem } from '../../platform/http/problem.ts';
import { faultPoint } from '../../platform/faults.ts';
import { getOrgUnit, listAgencies } from '../agencies/service.ts';
import { resultItemsOfDossier } from '../datastore/service.ts';
import { insertDossier, prepareSubmission, type DocumentRef } from '../dossiers/submit.ts';
import { newDossierCode } from '../dossiers/codes.ts';
import { enqueueRequest, nudgeConnector } from '../connector/service.ts';
import { groupVersion, type GroupDefinition, type PartDefinition } from './definition.ts';
import { fillTemplate } from './mapping.ts';
import { applicantPrincipal, documentsForPart, type ApplicantSnapshot } from './submit.ts';
import { addEvent, failPart } from './follow.ts';
import type { InterconnectApplicationTable, InterconnectPartTable } from './tables.ts';
import type { Selectable } from 'kysely';

type AppRow = Selectable<InterconnectApplicationTable>;
type PartRow = Selectable<InterconnectPartTable>;

/** Transient failures (database, storage) are retried with backoff; after this many the part is failed for an official to look at. */
const MAX_ATTEMPTS = 8;
const backoffMs = (attempt: number) => Math.min(30_000 * 4 ** (attempt - 1), 3_600_000);

/**
 * The fan-out: every part that is ready becomes a child dossier at its agency (or a request to an
 * external system). Each part is claimed and written in ONE transaction with its child dossier
 * (`dossier_id` unique), so a crash at any point leaves either nothing or the finished part — a
 * restart picks up what is still ready and never files a part twice. Safe to run in several
 * processes at once (rows claimed with SKIP LOCKED).
 */
export async function dispatchReady(ctx: AppContext, limit = 100): Promise<number> {
  const ready = await ctx.db.selectFrom('interconnect_part').select('id').where('state', '=', 'ready')
    .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', new Date())]))
    .orderBy(sql`next_attempt_at asc nulls first`).orderBy('position').limit(limit).execute();
  let done = 0;
  for (const { id } of ready) if (await dispatchPart(ctx, id)) done++;
  return done;
}

async function load(ctx: AppContext, partId: string) {
  const part = await ctx.db.selectFrom('interconnect_part').selectAll().where('id', '=', partId).executeTakeFirst();
  if (!part || part.state !== 'ready') return null;
  const app = await ctx.db.selectFrom('interconnect_application').selectAll().where('id', '=', part.application_id).executeTakeFirstOrThrow();
  const group = groupVersion(app.group_code, app.group_version);
  if (!group) throw new Error(`interconnect: group ${app.group_code} v${app.group_version} missing from groups.json`);
  const def = group.parts.find((x) => x.key === part.key)!;
  const siblings = await ctx.db.selectFrom('interconnect_part').selectAll().where('application_id', '=', app.id).execute();
  return { part, app, group, def, siblings };
}

/** Claims the part if it is still ready (another worker may have taken it). */
async function claim(tx: Tx, partId: string): Promise<PartRow | undefined> {
  return tx.selectFrom('interconnect_part').selectAll().where('id', '=', partId).where('state', '=', 'ready').forUpdate().skipLocked().executeTakeFirst();
}

export async function dispatchPart(ctx: AppContext, partId: string): Promise<boolean> {
  const l = await load(ctx, partId);
  if (!l) return false;
  const { part, app, group, def, siblings } = l;
  const outputs = Object.fromEntries(siblings.filter((s) => s.state === 'approved').map((s) => [s.key, s.outputs as Record<string, unknown>]));
  const form = fillTemplate(def.form, { form: app.form, outputs }) as Record<string, unknown>;
  try {
    if (def.external) await sendExternal(ctx, app, part, def, form);
    else await fileChildDossier(ctx, app, group, part, def, form, siblings);
    return true;
  } catch (e) {
    // The child's own rules refused what we would file (a 4xx): an official must look, retrying won't help.
    if (e instanceof Problem && e.status < 500) {
      await ctx.db.transaction().execute(async (tx) => {
        if (await claim(tx, part.id)) await failPart(tx, app.id, part.key, `${e.vi} / ${e.en}`, (e.extra.errors as unknown[] | undefined) ?? null);
      });
      return false;
    }
    const attempts = part.attempts + 1;
    ctx.log(`interconnect: part ${app.code}/${part.key} attempt ${attempts} failed: ${(e as Error).message}`);
    await ctx.db.transaction().execute(async (tx) => {
      if (!(await claim(tx, part.id))) return;
      if (attempts >= MAX_ATTEMPTS) return failPart(tx, app.id, part.key, (e as Error).message, null);
      await tx.updateTable('interconnect_part').set({ attempts, last_error: (e as Error).message, next_attempt_at: new Date(Date.now() + backoffMs(attempts)), updated_at: new Date() })
        .where('id', '=', part.id).execute();
    });
    return false;
  }
}

async function fileChildDossier(ctx: AppContext, app: AppRow, group: GroupDefinition, part: PartRow, def: PartDefinition, form: Record<string, unknown>, siblings: PartRow[]) {
  const applicant = app.applicant as ApplicantSnapshot;
  const p = applicantPrincipal(applicant);
  const documents: DocumentRef[] = documentsForPart(group, part.key, app.documents as DocumentRef[]);
  // Earlier parts' e-results, from the citizen's data store (once-only: never asked for again).
  for (const [code, fromKey] of Object.entries(def.resultDocuments ?? {})) {
    const from = siblings.find((s) => s.key === fromKey);
    const items = from?.dossier_id ? await resultItemsOfDossier(ctx.db, applicant.userId, from.dossier_id) : [];
    if (items.length) documents.push({ code, fileIds: [], storeItemIds: items });
  }
  const agency = await getOrgUnit(ctx.db, part.agency_id!);
  const prep = await prepareSubmission(ctx.db, p, { procedureCode: def.procedureCode!, agencyCode: agency!.code, form, documents });
  const code = await newDossierCode(ctx.db, prep.agency.code, new Date());
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await claim(tx, part.id))) return;
    const row = await insertDossier(tx, p, prep, form, code);
    await tx.updateTable('interconnect_part').set({ state: 'in_process', dossier_id: row.id, agency_id: row.agency_id, last_error: null, next_attempt_at: null, updated_at: new Date() })
      .where('id', '=', part.id).execute();
    await addEvent(tx, app.id, 'part_filed', part.key, { dossierCode: row.code, agencyName: prep.agency.name, agencyNameEn: prep.agency.nameEn });
    faultPoint('interconnect.before-commit');
  });
  faultPoint('interconnect.after-commit');
}

/** The agency in Motcua that answers for an external system (its supervisors see and retry the requests). */
const SECTOR_OF_CONNECTOR: Record<string, string> = { 'social-insurance': 'social_insurance' };

async function sendExternal(ctx: AppContext, app: AppRow, part: PartRow, def: PartDefinition, payload: Record<string, unknown>) {
  const [counterpart] = await listAgencies(ctx.db, { sector: SECTOR_OF_CONNECTOR[def.external!.connector], level: 'province' });
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await claim(tx, part.id))) return;
    // The part's id is the idempotency key: a retried request can never open a second case over there.
    await enqueueRequest(tx, {
      connector: def.external!.connector, operation: def.external!.operation, key: part.id, payload,
      subject: { kind: 'interconnect_part', id: part.id }, label: `${app.code} — ${def.name} (${app.applicant_name})`,
      agencyId: counterpart?.id ?? null,
    });
    await tx.updateTable('interconnect_part').set({ state: 'sent', agency_id: counterpart?.id ?? null, last_error: null, next_attempt_at: null, updated_at: new Date() }).where('id', '=', part.id).execute();
    await addEvent(tx, app.id, 'part_sent', part.key, { system: def.external!.system, systemEn: def.external!.systemEn });
  });
  nudgeConnector(ctx);
  faultPoint('interconnect.after-commit');
}

/** How many parts wait for the fan-out (for health pages and tests). */
export async function readyCount(ctx: AppContext): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from interconnect_part where state = 'ready'`.execute(ctx.db);
  return r.rows[0].n;
}
