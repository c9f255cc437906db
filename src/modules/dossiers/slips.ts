import type { Executor } from '../../platform/db/database.ts';
import { problems } from '../../platform/http/problem.ts';
import { getOrgUnit, subUnit } from '../agencies/service.ts';
import { getVersion } from '../catalog/service.ts';
import { getUser } from '../identity/service.ts';
import { renderApology, renderReceiptSlip, renderRefusal, renderSupplementRequest, renderTrackingSlip } from '../slips/index.ts';
import type { SlipAgency, SlipDossier } from '../slips/types.ts';
import type { DossierRow } from './actions.ts';
import { listActions, trackingRows } from './present.ts';
import { channelNames } from './status.ts';

export const SLIP_KINDS = ['receipt', 'supplement', 'refusal', 'apology', 'tracking'] as const;
export type SlipKind = (typeof SLIP_KINDS)[number];

const kindLabel: Record<string, string> = {
  original: 'Bản chính', copy: 'Bản sao', certified_copy: 'Bản sao có chứng thực', original_or_certified_copy: 'Bản chính hoặc bản sao có chứng thực',
};

async function slipAgency(db: Executor, d: DossierRow): Promise<SlipAgency> {
  const agency = await getOrgUnit(db, d.agency_id);
  const desk = await subUnit(db, d.agency_id, 'desk');
  return {
    name: agency?.name ?? '',
    parentName: agency?.code === '000.00.01.H26' ? undefined : 'Ủy ban nhân dân thành phố Hà Nội',
    deskName: desk?.name ?? 'Bộ phận Tiếp nhận và Trả kết quả',
    address: agency?.address ?? undefined,
    province: 'Hà Nội',
  };
}

function slipDossier(d: DossierRow, publicUrl: string): SlipDossier {
  const form = (d.form ?? {}) as any;
  return {
    code: d.code, procedureName: d.procedure_name, applicantName: d.applicant_name,
    applicantIdNumber: d.applicant_id_number ?? undefined, applicantPhone: d.applicant_phone ?? undefined, applicantEmail: d.applicant_email ?? undefined,
    applicantAddress: form?.applicant?.address ?? undefined,
    channel: channelNames[d.channel].key, submittedAt: d.submitted_at, receivedAt: d.received_at ?? undefined, dueAt: d.due_at ?? undefined,
    trackingUrl: `${publicUrl}/tra-cuu/${encodeURIComponent(d.code)}`,
  };
}

async function official(db: Executor, userId: string | null, fallback: string) {
  const u = userId ? await getUser(db, userId) : undefined;
  return { name: u?.fullName ?? fallback, title: u?.title ?? undefined };
}

/** Renders a standard slip from the dossier and its action log; 409 when the event it records has not happened. */
export async function renderSlip(db: Executor, d: DossierRow, kind: SlipKind, publicUrl: string): Promise<Buffer> {
  const agency = await slipAgency(db, d);
  const dossier = slipDossier(d, publicUrl);
  const actions = await listActions(db, d.id);
  const last = (name: string) => [...actions].reverse().find((a) => a.action === name);
  const missing = (vi: string, en: string) => problems.conflict(`Hồ sơ chưa có ${vi}.`, `The dossier has no ${en} yet.`);
  switch (kind) {
    case 'receipt': {
      const a = last('receive');
      if (!a) throw missing('giấy tiếp nhận (chưa được tiếp nhận)', 'receipt (it has not been received)');
      const v = await getVersion(db, d.procedure_version_id);
      const docs = await db.selectFrom('dossier_document').select(['document_code']).where('dossier_id', '=', d.id).execute();
      const counts = new Map<string, number>();
      for (const x of docs) counts.set(x.document_code, (counts.get(x.document_code) ?? 0) + 1);
      // What the desk ticked at reception (originals, copies, counts), else what was uploaded.
      const checked = new Map(((d.checklist ?? []) as { code: string; kind: string; count: number }[]).map((c) => [c.code, c]));
      const documents = (v?.definition.documents ?? [])
        .filter((x) => checked.has(x.code) || counts.has(x.code) || x.template === 'form')
        .map((x) => {
          const c = checked.get(x.code);
          if (c) return { name: x.name, kind: kindLabel[c.kind] ?? c.kind, count: c.count };
          return { name: x.name, kind: d.channel === 2 ? 'Bản điện tử' : kindLabel[x.kind] ?? x.kind, count: counts.get(x.code) ?? x.count };
        });
      return renderReceiptSlip({
        agency, dossier, documents, official: await official(db, a.actor_id, a.actor_name),
        resultDelivery: d.channel === 3 ? 'Qua dịch vụ bưu chính công ích' : agency.deskName,
      });
    }
    case 'supplement': {
      const a = last('request_supplement');
      if (!a) throw missing('yêu cầu bổ sung', 'supplement request');
      const items = ((a.data as any)?.items ?? []) as { name: string; reason: string }[];
      return renderSupplementRequest({ agency, dossier, items, note: a.note ?? undefined, official: await official(db, a.actor_id, a.actor_name), requestedAt: a.at });
    }
    case 'refusal': {
      const a = last('refuse');
      if (!a) throw missing('quyết định từ chối', 'refusal');
      return renderRefusal({ agency, dossier, reasons: ((a.data as any)?.reasons ?? []) as string[], official: await official(db, a.actor_id, a.actor_name), refusedAt: a.at });
    }
    case 'apology': {
      const a = last('extend');
      if (!a) throw missing('văn bản xin lỗi và hẹn lại', 'apology and extension');
      const data = a.data as any;
      return renderApology({ agency, dossier, reason: a.note ?? '', oldDueAt: new Date(data.oldDueAt), newDueAt: new Date(data.newDueAt), signer: await official(db, a.actor_id, a.actor_name), issuedAt: a.at });
    }
    case 'tracking': {
      const rows = (await trackingRows(db, d)).filter((r) => r.action !== 'submit' || r.to).map((r) => ({
        step: r.step, fromName: r.from?.name ?? r.actor, toName: r.to?.name ?? (r.toStatus === 10 ? d.applicant_name : '—'), at: r.at,
        dueAt: r.stepDueAt ?? undefined, judgement: (r.judgement ?? undefined) as any, note: r.note ?? undefined,
      }));
      return renderTrackingSlip({ agency, dossier, rows });
    }
  }
}
