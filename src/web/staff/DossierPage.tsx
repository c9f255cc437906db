import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { DeliveryFacts, QuotedFeeFacts } from '../payments/Delivery';
import { get } from '../api';
import { fmtDateTime, fmtMoney } from '../format';
import { useSession } from '../session';
import { ErrorBox, Loading, Page, StatusBadge, Timeliness, useLocalName } from '../components/ui';
import { ActionPanel, type Assignees } from './Actions';
import { Documents } from './Documents';
import { FormAnswers } from './FormAnswers';
import { DueBadges } from './common';
import { DelegationNote, SignatureBlock } from '../components/SignatureBlock';
import { ResultsPanel } from '../results/ResultsPanel';
import { PartOfBadge } from '../interconnect/PartOfBadge';

const FINISHED = [3, 7, 8, 9, 10];
/** Slips that exist once the action recording their event has happened. */
const SLIPS: [kind: string, action: string][] = [['receipt', 'receive'], ['supplement', 'request_supplement'], ['refusal', 'refuse'], ['apology', 'extend']];

export default function DossierPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const pick = useLocalName();
  const { me } = useSession();
  const [d, setD] = useState<any>(null);
  const [proc, setProc] = useState<any>(null);
  const [assignees, setAssignees] = useState<Assignees | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [updated, setUpdated] = useState(false);

  const load = useCallback(async () => {
    const [x, a] = await Promise.all([get(`/dossiers/${id}`), get<Assignees>(`/dossiers/${id}/assignees`).catch(() => null)]);
    setD(x);
    setAssignees(a);
    return x;
  }, [id]);
  useEffect(() => {
    setD(null);
    setError(null);
    load().catch(setError);
  }, [load]);
  const procKey = d ? `${d.procedure.code}?version=${d.procedure.version}` : null;
  useEffect(() => {
    if (!procKey) return;
    get(`/procedures/${procKey}`).then(setProc, () => setProc(null));
  }, [procKey]);

  const onSuccess = useCallback(async () => {
    setUpdated(false);
    await load().catch(setError);
  }, [load]);
  const onConflict = useCallback(async () => {
    await load().catch(setError);
    setUpdated(true);
  }, [load]);

  if (!d) return error ? <Page title="—"><ErrorBox error={error} /><Link to="/can-bo">{t('staff.dossier.back')}</Link></Page> : <Loading />;

  const now = Date.now();
  const finished = FINISHED.includes(d.status);
  const paused = !!d.pausedAt;
  const stepDue = d.currentStep?.dueAt ? new Date(d.currentStep.dueAt).getTime() : null;
  const finalDue = d.dueAt ? new Date(d.dueAt).getTime() : null;
  const overdue = !finished && !paused && ((stepDue !== null && stepDue < now) || (finalDue !== null && finalDue < now));
  const dueSoon = !finished && !paused && !overdue && stepDue !== null && stepDue - now < 8 * 3600_000;
  const staffName = (uid: string | null | undefined) => {
    if (!uid) return null;
    if (uid === me?.id) return me.fullName;
    const all = [assignees?.current, assignees?.next, assignees?.previous].flatMap((x) => x?.staff ?? []);
    return all.find((s) => s.id === uid)?.fullName ?? '—';
  };
  const actionsDone = new Set<string>(d.tracking.map((r: any) => r.action));
  const slips = SLIPS.filter(([, a]) => actionsDone.has(a));

  return (
    <Page title={t('staff.dossier.title', { code: d.code })} actions={<Link to="/can-bo" className="btn btn-small no-print">{t('staff.dossier.back')}</Link>}>
      {updated && <div className="alert alert-info" role="status">{t('staff.dossier.updated')}</div>}
      <ErrorBox error={error} />

      <section className="card dossier-summary" aria-labelledby="h-summary">
        <h2 id="h-summary" className="sr-only-label">{t('staff.dossier.summary')}</h2>
        <p className="proc-name"><b>{pick(d.procedure.name, d.procedure.nameEn)}</b> <span className="muted small">({d.procedure.code}, v{d.procedure.version})</span></p>
        <PartOfBadge link={d.interconnect} />
        <div className="summary-badges">
          <StatusBadge status={d.status} name={d.statusName} /> <Timeliness value={d.timeliness} /> <DueBadges overdue={overdue} dueSoon={dueSoon} paused={paused} mine={!!me && d.currentStep?.assigneeId === me.id} />
        </div>
        <dl className="kv summary-kv">
          <div className="fact"><dt>{t('staff.dossier.due')}</dt><dd><b>{fmtDateTime(d.dueAt)}</b></dd></div>
          {d.currentStep && !finished && (
            <>
              <div className="fact fact-wide"><dt>{t('staff.dossier.step')}</dt><dd>{d.currentStep.index !== null ? `${d.currentStep.index + 1}/${d.process?.length ?? '?'}. ` : ''}{pick(d.currentStep.name, d.currentStep.nameEn)}</dd></div>
              <div className="fact"><dt>{t('staff.dossier.stepUnit')}</dt><dd>{d.currentStep.unit?.name ?? '—'}</dd></div>
              <div className="fact"><dt>{t('staff.dossier.assignee')}</dt><dd>{staffName(d.currentStep.assigneeId) ?? <span className="muted">{t('staff.dossier.unassigned')}</span>}</dd></div>
              <div className="fact"><dt>{t('staff.dossier.stepDue')}</dt><dd>{fmtDateTime(d.currentStep.dueAt)}</dd></div>
            </>
          )}
          {d.status === 9 && d.currentStep && <div className="fact"><dt>{t('staff.dossier.stepUnit')}</dt><dd>{d.currentStep.unit?.name ?? '—'}</dd></div>}
          <div className="fact"><dt>{t('staff.dossier.submitted')}</dt><dd>{fmtDateTime(d.submittedAt)}</dd></div>
          <div className="fact"><dt>{t('staff.dossier.received')}</dt><dd>{fmtDateTime(d.receivedAt)}</dd></div>
          <div className="fact"><dt>{t('staff.dossier.channel')}</dt><dd>{t(`staff.channel.${d.channel}`)}</dd></div>
          <div className="fact"><dt>{t('staff.dossier.agency')}</dt><dd>{pick(d.agency?.name, d.agency?.nameEn)}</dd></div>
          {d.feeAmount !== null && <div className="fact"><dt>{t('staff.dossier.fee')}</dt><dd>{fmtMoney(d.feeAmount)}</dd></div>}
          {d.feeQuote && <div className="fact fact-wide"><QuotedFeeFacts quote={d.feeQuote} /></div>}
          {d.delivery && <div className="fact fact-wide"><DeliveryFacts delivery={d.delivery} /></div>}
          {d.supplementCount > 0 && <div className="fact"><dt>{t('staff.dossier.supplements')}</dt><dd>{d.supplementCount}</dd></div>}
          {d.extensionCount > 0 && <div className="fact"><dt>{t('staff.dossier.extensions')}</dt><dd>{d.extensionCount}</dd></div>}
          {d.outcome && <div className="fact"><dt>{t('staff.dossier.outcome')}</dt><dd>{t(`staff.dossier.${d.outcome}`)}</dd></div>}
          {d.delegation && <div className="fact fact-wide"><dt>{t('sig.delegation')}</dt><dd><DelegationNote delegation={d.delegation} /></dd></div>}
        </dl>
        {paused && <p className="alert alert-info small">{t('staff.dossier.paused')}</p>}
      </section>

      <div className="dossier-layout">
        <aside className="dossier-side" aria-label={t('staff.act.panel')}>
          <ActionPanel d={d} proc={proc} assignees={assignees} onSuccess={onSuccess} onConflict={onConflict} />
          <section className="card" aria-labelledby="h-slips">
            <h2 id="h-slips">{t('staff.dossier.slips')}</h2>
            <ul className="slip-list">
              {slips.map(([k]) => (
                <li key={k}><a href={`/api/v1/dossiers/${d.id}/slips/${k}.pdf`} target="_blank" rel="noreferrer">{t(`staff.dossier.${k}`)}</a> <span className="muted small">({t('staff.dossier.pdf')})</span></li>
              ))}
              <li><a href={`/api/v1/dossiers/${d.id}/slips/tracking.pdf`} target="_blank" rel="noreferrer">{t('staff.dossier.trackingSlip')}</a> <span className="muted small">({t('staff.dossier.pdf')})</span></li>
            </ul>
          </section>
        </aside>

        <div className="dossier-main">
          <section className="card" aria-labelledby="h-applicant">
            <h2 id="h-applicant">{t('staff.dossier.applicant')}</h2>
            <dl className="kv">
              <div className="fact"><dt>{t('staff.dossier.name')}</dt><dd>{d.applicant.name}</dd></div>
              {d.applicant.idNumber && <div className="fact"><dt>{t('staff.dossier.idNumber')}</dt><dd className="mono">{d.applicant.idNumber}</dd></div>}
              {d.applicant.phone && <div className="fact"><dt>{t('staff.dossier.phone')}</dt><dd><a href={`tel:${d.applicant.phone}`}>{d.applicant.phone}</a></dd></div>}
              {d.applicant.email && <div className="fact"><dt>{t('staff.dossier.email')}</dt><dd><a href={`mailto:${d.applicant.email}`}>{d.applicant.email}</a></dd></div>}
              {!d.applicant.userId && <div className="fact"><dt>{t('staff.dossier.account')}</dt><dd>{t('staff.dossier.walkIn')}</dd></div>}
            </dl>
          </section>

          <section className="card" aria-labelledby="h-form">
            <h2 id="h-form">{t('staff.dossier.form')}{proc?.form?.title ? <span className="muted small"> — {proc.form.title}</span> : null}</h2>
            <FormAnswers schema={proc?.form} value={d.form} />
          </section>

          {d.signature && <section className="card" aria-labelledby="h-signature"><h2 id="h-signature">{t('sig.title')}</h2><SignatureBlock signature={d.signature} /></section>}
          {d.signature && <ResultsPanel dossierId={d.id} staff />}

          <section className="card" aria-labelledby="h-docs">
            <h2 id="h-docs">{t('staff.dossier.documents')}</h2>
            <Documents docs={d.documents} identity={d.identityCheck ?? null} schema={proc?.form} />
          </section>

        </div>
      </div>

      <section className="card" aria-labelledby="h-tracking">
        <div className="page-head">
          <h2 id="h-tracking">{t('staff.dossier.tracking')}</h2>
          <a className="btn btn-small" href={`/api/v1/dossiers/${d.id}/slips/tracking.pdf`} target="_blank" rel="noreferrer">{t('staff.dossier.trackingPdf')}</a>
        </div>
        <TrackingTable rows={d.tracking} />
      </section>
    </Page>
  );
}

function Details({ r }: { r: any }) {
  const { t } = useTranslation();
  const data = r.data ?? {};
  if (r.action === 'request_supplement' && Array.isArray(data.items)) {
    return <ul className="compact">{data.items.map((it: any, i: number) => <li key={i}><b>{it.name}</b>: {it.reason}</li>)}</ul>;
  }
  if (r.action === 'refuse' && Array.isArray(data.reasons)) return <ul className="compact">{data.reasons.map((x: string, i: number) => <li key={i}>{x}</li>)}</ul>;
  if (r.action === 'extend' && data.newDueAt) return <div>{fmtDateTime(data.oldDueAt)} → <b>{fmtDateTime(data.newDueAt)}</b>{r.note ? ` — ${r.note}` : ''}</div>;
  if (r.action === 'request_payment' && data.amount) return <div>{fmtMoney(data.amount)}{data.description ? ` — ${data.description}` : ''}</div>;
  if (r.action === 'confirm_payment') return <div>{fmtMoney(data.amount)} · {t(`staff.act.confirm_payment.${data.method ?? 'cash'}`)}{data.receiptNo ? ` · ${data.receiptNo}` : ''}</div>;
  if (r.action === 'return') return <div>{t(`staff.act.return.${data.method ?? 'in_person'}`)}{data.receivedBy ? ` · ${data.receivedBy}` : ''}{r.note ? ` — ${r.note}` : ''}</div>;
  return r.note ? <div>{r.note}</div> : null;
}

/** The tracking slip (phiếu kiểm soát): every hand-over, who to whom, when, judged against the step's due time. */
function TrackingTable({ rows }: { rows: any[] }) {
  const { t } = useTranslation();
  const pick = useLocalName();
  return (
    <div className="table-wrap">
      <table className="stack tracking-table">
        <thead>
          <tr>
            <th scope="col">{t('staff.dossier.seq')}</th>
            <th scope="col">{t('staff.dossier.handover')}</th>
            <th scope="col">{t('staff.dossier.fromTo')}</th>
            <th scope="col">{t('staff.dossier.actor')}</th>
            <th scope="col">{t('staff.dossier.at')}</th>
            <th scope="col">{t('staff.dossier.stepDueAt')}</th>
            <th scope="col">{t('staff.dossier.judgement')}</th>
            <th scope="col">{t('staff.dossier.note')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.seq}>
              <td data-label={t('staff.dossier.seq')}>{r.seq}</td>
              <td data-label={t('staff.dossier.handover')}><b>{pick(r.actionName?.vi, r.actionName?.en)}</b>{r.step && r.step !== r.actionName?.vi && <div className="small muted clamp" title={r.step}>{r.step}</div>}</td>
              <td data-label={t('staff.dossier.fromTo')} className="small">{r.from && r.to && r.from.id === r.to.id ? r.to.name : `${r.from?.name ?? '—'} → ${r.to?.name ?? '—'}`}</td>
              <td data-label={t('staff.dossier.actor')}>{r.actor}</td>
              <td data-label={t('staff.dossier.at')} className="nowrap">{fmtDateTime(r.at)}</td>
              <td data-label={t('staff.dossier.stepDueAt')} className="nowrap">{r.stepDueAt ? fmtDateTime(r.stepDueAt) : '—'}</td>
              <td data-label={t('staff.dossier.judgement')}>{r.judgement ? <Timeliness value={r.judgement} /> : '—'}</td>
              <td data-label={t('staff.dossier.note')} className="small"><Details r={r} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
