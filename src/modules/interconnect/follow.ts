import type { Selectable } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import type { Principal } from '../../platform/http/principal.ts';
import { getOrgUnit } from '../agencies/service.ts';
import { getAdminUnit } from '../geo/service.ts';
import { onDossierAction } from '../dossiers/events.ts';
import { Status } from '../dossiers/status.ts';
import { onConnectorEvent, type ConnectorEvent } from '../connector/service.ts';
import { populationRegistry } from '../population/service.ts';
import { enqueueMessage } from '../notifications/enqueue.ts';
import { dossierForMessage } from '../dossiers/queries.ts';
import { groupVersion } from './definition.ts';
import { localToday } from '../catalog/service.ts';
import type { ApplicationStatus, InterconnectPartTable, PartState } from './tables.ts';

type PartRow = Selectable<InterconnectPartTable>;

const TERMINAL: PartState[] = ['approved', 'refused', 'cancelled'];

export async function addEvent(tx: Tx, applicationId: string, kind: string, partKey: string | null, data: Record<string, unknown> | null = null) {
  await tx.insertInto('interconnect_event').values({ application_id: applicationId, kind, part_key: partKey, data: data ? JSON.stringify(data) : null }).execute();
}

export async function failPart(tx: Tx, applicationId: string, key: string, error: string, errors: unknown[] | null) {
  await tx.updateTable('interconnect_part').set({ state: 'failed', last_error: error, next_attempt_at: null, updated_at: new Date() })
    .where('application_id', '=', applicationId).where('key', '=', key).execute();
  await addEvent(tx, applicationId, 'part_failed', key, { error, errors });
}

/**
 * After a part changes: parts whose dependencies are all approved become ready for the fan-out;
 * parts depending on a refused or cancelled part are cancelled (the group's stated rule,
 * "cancel_dependents", applied until nothing changes, so indirect dependents go too); then the
 * application's own status follows from its parts.
 */
export async function settle(tx: Tx, applicationId: string): Promise<{ becameReady: number }> {
  const app = await tx.selectFrom('interconnect_application').selectAll().where('id', '=', applicationId).forUpdate().executeTakeFirstOrThrow();
  const parts = await tx.selectFrom('interconnect_part').selectAll().where('application_id', '=', applicationId).orderBy('position').execute();
  const by = new Map(parts.map((x) => [x.key, x]));
  const group = groupVersion(app.group_code, app.group_version);
  const nameOf = (key: string) => group?.parts.find((x) => x.key === key)?.name ?? key;
  const news: string[] = [];
  let becameReady = 0;
  for (let changed = true; changed;) {
    changed = false;
    for (const part of parts) {
      if (part.state !== 'waiting') continue;
      const deps = part.depends_on.map((k) => by.get(k)!);
      const blocker = deps.find((d) => d.state === 'refused' || d.state === 'cancelled');
      if (blocker || app.status === 'withdrawn') {
        part.state = 'cancelled';
        part.cancelled_because = app.status === 'withdrawn' ? 'withdrawn' : blocker!.key;
        await tx.updateTable('interconnect_part').set({ state: 'cancelled', cancelled_because: part.cancelled_because, updated_at: new Date() }).where('id', '=', part.id).execute();
        await addEvent(tx, applicationId, 'part_cancelled', part.key, { because: part.cancelled_because });
        if (part.cancelled_because !== 'withdrawn') news.push(`${nameOf(part.key)}: đã hủy vì "${nameOf(blocker!.key)}" không được giải quyết`);
        changed = true;
      } else if (deps.every((d) => d.state === 'approved')) {
        part.state = 'ready';
        await tx.updateTable('interconnect_part').set({ state: 'ready', next_attempt_at: null, updated_at: new Date() }).where('id', '=', part.id).execute();
        await addEvent(tx, applicationId, 'part_ready', part.key);
        becameReady++;
        changed = true;
      }
    }
  }
  if (app.status !== 'withdrawn') {
    const status: ApplicationStatus = parts.some((x) => !TERMINAL.includes(x.state)) ? 'in_progress'
      : parts.every((x) => x.state === 'approved') ? 'completed'
        : parts.some((x) => x.state === 'approved') ? 'partly_completed' : 'refused';
    if (status !== app.status) {
      await tx.updateTable('interconnect_application').set({ status, finished_at: status === 'in_progress' ? null : new Date() }).where('id', '=', app.id).execute();
      await addEvent(tx, applicationId, status === 'in_progress' ? 'reopened' : 'finished', null, { status });
      if (status !== 'in_progress') news.push(`Hồ sơ liên thông đã kết thúc: ${FINISHED_VI[status]}`);
    }
  }
  if (news.length) await tell(tx, applicationId, news);
  return { becameReady };
}

const FINISHED_VI: Record<string, string> = { completed: 'đã có đủ kết quả', partly_completed: 'có kết quả một phần', refused: 'không được giải quyết' };

/**
 * Tells the applicant (their chosen channels) what changed in the application, filed in the
 * outbox under one of its child dossiers; keyed by the latest event so a retry sends nothing twice.
 */
async function tell(tx: Tx, applicationId: string, lines: string[]) {
  const app = await tx.selectFrom('interconnect_application').select(['code', 'group_code', 'group_version', 'applicant_name']).where('id', '=', applicationId).executeTakeFirstOrThrow();
  const anchor = await tx.selectFrom('interconnect_part').select('dossier_id').where('application_id', '=', applicationId).where('dossier_id', 'is not', null).orderBy('position').executeTakeFirst();
  const d = anchor?.dossier_id ? await dossierForMessage(tx, anchor.dossier_id) : undefined;
  if (!d) return;
  const last = await tx.selectFrom('interconnect_event').select('id').where('application_id', '=', applicationId).orderBy('id', 'desc').executeTakeFirstOrThrow();
  const group = groupVersion(app.group_code, app.group_version);
  await enqueueMessage(tx, d, 'interconnect_update', {
    code: app.code, name: app.applicant_name, procedure: group?.name ?? app.group_code, dueAt: null, amount: null,
    items: lines, reason: lines[lines.length - 1], linkPath: `/ho-so-lien-thong/${applicationId}`,
  }, `ic:${applicationId}:${last.id}`);
}

/** Part decided in Motcua: outputs for later parts (its dossier code, the day, the agency, and what the procedure produces). */
async function approvedOutputs(tx: Tx, part: PartRow, d: { id: string; code: string; agency_id: string; form: unknown }, applicationId: string) {
  const agency = await getOrgUnit(tx, d.agency_id);
  const out: Record<string, unknown> = { dossierCode: d.code, decidedOn: localToday(), agencyName: agency?.name ?? null };
  const app = await tx.selectFrom('interconnect_application').select(['group_code', 'group_version', 'commune_code']).where('id', '=', applicationId).executeTakeFirstOrThrow();
  const def = groupVersion(app.group_code, app.group_version)?.parts.find((x) => x.key === part.key);
  if (def?.produces === 'birth_registration') {
    // The population database issues the child's personal ID number when the birth is registered.
    const f = d.form as { child: { fullName: string; dateOfBirth: string; sex: 'Nam' | 'Nữ'; ethnicity?: string; nationality?: string; hometown?: string }; mother?: { idNumber?: string }; father?: { idNumber?: string } };
    const commune = agency?.adminUnitCode ? await getAdminUnit(tx, agency.adminUnitCode) : undefined;
    const province = commune?.provinceCode ? await getAdminUnit(tx, commune.provinceCode) : undefined;
    const r = await populationRegistry(tx).registerBirth({
      registrationRef: d.code, fullName: f.child.fullName, dateOfBirth: f.child.dateOfBirth, sex: f.child.sex,
      ethnicity: f.child.ethnicity, nationality: f.child.nationality, placeOfOrigin: f.child.hometown,
      registration: { provinceCode: (province?.code ?? commune?.provinceCode ?? '01').padStart(3, '0'), place: province?.fullName ?? 'Thành phố Hà Nội' },
      motherIdNumber: f.mother?.idNumber ?? null, fatherIdNumber: f.father?.idNumber ?? null,
    });
    out.idNumber = r.idNumber;
  }
  return out;
}

// A child dossier's decision moves its part (in the dossier action's own transaction).
onDossierAction(async (tx, e) => {
  const part = await tx.selectFrom('interconnect_part').selectAll().where('dossier_id', '=', e.dossier.id).forUpdate().executeTakeFirst();
  if (!part || TERMINAL.includes(part.state)) return;
  const d = e.dossier;
  let state: PartState | null = null;
  const patch: Partial<PartRow> = {};
  if (e.action === 'sign' && d.outcome === 'approved') {
    state = 'approved';
    patch.outputs = JSON.stringify(await approvedOutputs(tx, part, d, part.application_id)) as any;
  } else if (e.action === 'refuse' || e.action === 'stop') {
    state = 'refused';
    const reasons = (e.data as { reasons?: string[] } | null)?.reasons ?? (e.note ? [e.note] : []);
    patch.reasons = JSON.stringify(reasons) as any;
  } else if (e.action === 'withdraw' && d.status === Status.Withdrawn) {
    state = 'cancelled';
    patch.cancelled_because = 'withdrawn';
  }
  if (!state) return;
  await tx.updateTable('interconnect_part').set({ ...patch, state, updated_at: new Date() } as any).where('id', '=', part.id).execute();
  await addEvent(tx, part.application_id, `part_${state}`, part.key, {
    dossierCode: d.code, ...(patch.reasons ? { reasons: JSON.parse(patch.reasons as any) } : {}), ...(patch.cancelled_because ? { because: patch.cancelled_because } : {}),
  });
  await settle(tx, part.application_id);
});

// An external system's answers about a part (connector module), in the transaction recording them.
onConnectorEvent('interconnect_part', async (tx, e: ConnectorEvent) => {
  const part = await tx.selectFrom('interconnect_part').selectAll().where('id', '=', e.subject.id).forUpdate().executeTakeFirst();
  if (!part || TERMINAL.includes(part.state)) return;
  if (e.kind === 'accepted') {
    if (part.state === 'in_process' && part.external_ref === e.externalRef) return;
    await tx.updateTable('interconnect_part').set({ state: 'in_process', external_ref: e.externalRef, last_error: null, updated_at: new Date() }).where('id', '=', part.id).execute();
    await addEvent(tx, part.application_id, 'part_accepted', part.key, { externalRef: e.externalRef });
    await settle(tx, part.application_id);
  } else if (e.kind === 'decision') {
    const state: PartState = e.decision === 'approved' ? 'approved' : 'refused';
    await tx.updateTable('interconnect_part').set({
      state, external_ref: e.externalRef ?? part.external_ref, outputs: JSON.stringify({ ...(e.result ?? {}), externalRef: e.externalRef, decidedOn: localToday() }),
      reasons: state === 'refused' ? JSON.stringify(e.reasons ?? []) : null, updated_at: new Date(),
    }).where('id', '=', part.id).execute();
    await addEvent(tx, part.application_id, `part_${state}`, part.key, { externalRef: e.externalRef, ...(state === 'refused' ? { reasons: e.reasons ?? [] } : { result: e.result ?? {} }) });
    const app = await tx.selectFrom('interconnect_application').select(['group_code', 'group_version']).where('id', '=', part.application_id).executeTakeFirstOrThrow();
    const def = groupVersion(app.group_code, app.group_version)?.parts.find((x) => x.key === part.key);
    // Decisions outside Motcua have no dossier of their own to notify from: the application tells.
    await tell(tx, part.application_id, [state === 'approved'
      ? `${def?.name ?? part.key}: ${def?.external?.system ?? ''} đã giải quyết`
      : `${def?.name ?? part.key}: ${def?.external?.system ?? ''} từ chối — ${(e.reasons ?? []).join('; ')}`]);
    await settle(tx, part.application_id);
  } else if (e.kind === 'dead') {
    await failPart(tx, part.application_id, part.key, e.error ?? 'dead letter', null);
  }
});

/**
 * The applicant withdraws the whole application: parts not yet filed are cancelled, filed child
 * dossiers still open are withdrawn through the dossier lifecycle (the caller passes `withdrawChild`).
 */
export async function withdrawApplication(tx: Tx, p: Principal, applicationId: string, reason: string,
  withdrawChild: (dossierId: string) => Promise<void>) {
  const parts = await tx.selectFrom('interconnect_part').selectAll().where('application_id', '=', applicationId).orderBy('position').execute();
  await tx.updateTable('interconnect_application').set({ status: 'withdrawn', finished_at: new Date() }).where('id', '=', applicationId).execute();
  await addEvent(tx, applicationId, 'withdrawn', null, { reason, by: p.name });
  // Parts not filed yet first, then the open child dossiers (whose withdrawal then finds nothing left to cascade).
  for (const part of parts) {
    if (!['waiting', 'ready', 'failed'].includes(part.state)) continue;
    await tx.updateTable('interconnect_part').set({ state: 'cancelled', cancelled_because: 'withdrawn', updated_at: new Date() }).where('id', '=', part.id).execute();
    await addEvent(tx, applicationId, 'part_cancelled', part.key, { because: 'withdrawn' });
  }
  for (const part of parts) if (part.state === 'in_process' && part.dossier_id) await withdrawChild(part.dossier_id);
}
