import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { get } from '../api';
import { fmtDateTime } from '../format';
import { useSession } from '../session';
import { ErrorBox, Loading, Page, StatusBadge, useLocalName } from '../components/ui';
import { Bar } from './common';

interface Summary {
  agencies: { id: string; code: string; name: string; nameEn: string }[];
  scope: string[];
  generatedAt: string;
  activityDays: number;
  totals: { dossiers: number; received: number; open: number; overdue: number; doneOnTime: number; doneLate: number; late: number; onTimeRate: number | null };
  byStatus: { status: number; name: { vi: string; en: string }; count: number }[];
  overdue: {
    id: string; code: string; status: number; statusName: { vi: string; en: string }; procedureCode: string; procedureName: string; applicantName: string;
    dueAt: string; paused: boolean; overdueWorkingDays: number; step: { index: number; name: string; nameEn: string; dueAt: string | null } | null;
    holder: { unit: { id: string; name: string } | null; role: string | null; assignee: { id: string; fullName: string } | null };
  }[];
  byProcedure: { code: string; name: string; submitted: number; received: number; doneOnTime: number; doneLate: number; overdue: number; late: number; open: number }[];
  byOfficer: { userId: string; fullName: string; roles: string[]; assigned: number; assignedOverdue: number; actedDossiers30d: number; actions30d: number; lastActionAt: string | null }[];
}

const STATUS_TONE: Record<number, 'ok' | 'bad' | 'warn' | 'info'> = { 1: 'info', 2: 'info', 3: 'bad', 4: 'info', 5: 'warn', 6: 'warn', 7: 'bad', 8: 'bad', 9: 'ok', 10: 'ok' };

/** Figures for supervisors, heads of division and signing authorities over the agencies they supervise. */
export default function Supervision() {
  const { t, i18n } = useTranslation();
  const pick = useLocalName();
  const { hasRole } = useSession();
  const [params, setParams] = useSearchParams();
  const agency = params.get('coQuan') ?? '';
  const [data, setData] = useState<Summary | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  const allowed = hasRole('supervisor', 'head_of_division', 'signing_authority');
  useEffect(() => {
    if (!allowed) return;
    const ctrl = new AbortController();
    setError(null);
    get<Summary>(`/supervision/summary${agency ? `?agencyCode=${encodeURIComponent(agency)}` : ''}`, ctrl.signal).then(setData, (e) => e.name !== 'AbortError' && setError(e));
    return () => ctrl.abort();
  }, [agency, tick, allowed]);

  if (!allowed) return <Page title={t('staff.sup.title')}><p className="alert alert-info">{t('staff.sup.notAllowed')}</p></Page>;
  const n = (v: number) => v.toLocaleString(i18n.language === 'en' ? 'en-US' : 'vi-VN');
  const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toLocaleString(i18n.language === 'en' ? 'en-US' : 'vi-VN', { maximumFractionDigits: 1 })}%`);

  return (
    <Page title={t('staff.sup.title')} actions={
      <div className="sup-tools no-print">
        {data && data.agencies.length > 1 && (
          <>
            <label htmlFor="sup-agency" className="sr-only-label">{t('staff.sup.agency')}</label>
            <select id="sup-agency" value={agency} onChange={(e) => { const p = new URLSearchParams(params); if (e.target.value) p.set('coQuan', e.target.value); else p.delete('coQuan'); setParams(p, { replace: true }); }}>
              <option value="">{t('staff.sup.allAgencies')}</option>
              {data.agencies.map((a) => <option key={a.code} value={a.code}>{pick(a.name, a.nameEn)}</option>)}
            </select>
          </>
        )}
        {hasRole('supervisor') && <Link className="btn btn-small" to={`/can-bo/doi-soat-thanh-toan${agency ? `?coQuan=${encodeURIComponent(agency)}` : ''}`}>{t('recon.title')}</Link>}
        <button type="button" className="btn btn-small" onClick={() => setTick((x) => x + 1)}>{t('staff.sup.reload')}</button>
      </div>
    }>
      <ErrorBox error={error} />
      {!data ? (!error && <Loading />) : (
        <>
          <p className="muted small">
            {data.agencies.filter((a) => data.scope.includes(a.code)).map((a) => pick(a.name, a.nameEn)).join(', ')} · {t('staff.sup.updated', { time: fmtDateTime(data.generatedAt) })}
          </p>

          <section aria-labelledby="h-totals">
            <h2 id="h-totals" className="sr-only-label">{t('staff.sup.totals')}</h2>
            <div className="stats sup-stats">
              <div className="stat"><span className="muted small">{t('staff.sup.dossiers')}</span><b data-testid="sup-total">{n(data.totals.dossiers)}</b></div>
              <div className="stat"><span className="muted small">{t('staff.sup.open')}</span><b data-testid="sup-open">{n(data.totals.open)}</b></div>
              <div className={`stat${data.totals.overdue ? ' stat-bad' : ''}`}><span className="muted small">{t('staff.sup.overdue')}</span><b data-testid="sup-overdue">{n(data.totals.overdue)}</b></div>
              <div className="stat"><span className="muted small">{t('staff.sup.doneOnTime')}</span><b>{n(data.totals.doneOnTime)}</b></div>
              <div className="stat"><span className="muted small">{t('staff.sup.late')}</span><b>{n(data.totals.late)}</b></div>
              <div className="stat" title={t('staff.sup.onTimeHint')}><span className="muted small">{t('staff.sup.onTimeRate')}</span><b>{pct(data.totals.onTimeRate)}</b><span className="small muted">{t('staff.sup.onTimeHint')}</span></div>
            </div>
          </section>

          <section className="card" aria-labelledby="h-status">
            <h2 id="h-status">{t('staff.sup.byStatus')}</h2>
            <StatusBars rows={data.byStatus} n={n} />
          </section>

          <section className="card" aria-labelledby="h-overdue">
            <h2 id="h-overdue">{t('staff.sup.overdueList')} <span className={`badge ${data.overdue.length ? 'badge-bad' : 'badge-ok'}`}>{n(data.overdue.length)}</span></h2>
            {data.overdue.length === 0 ? <p className="muted">{t('staff.sup.noOverdue')}</p> : (
              <div className="table-wrap">
                <table className="stack sup-overdue">
                  <thead>
                    <tr>
                      <th scope="col">{t('staff.inbox.code')}</th>
                      <th scope="col">{t('staff.inbox.procedure')}</th>
                      <th scope="col">{t('staff.inbox.applicant')}</th>
                      <th scope="col">{t('staff.inbox.finalDue')}</th>
                      <th scope="col">{t('staff.sup.overdueBy')}</th>
                      <th scope="col">{t('staff.sup.holder')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.overdue.map((x) => (
                      <tr key={x.id}>
                        <td data-label={t('staff.inbox.code')}><Link to={`/can-bo/ho-so/${x.id}`} className="code-link">{x.code}</Link><div><StatusBadge status={x.status} name={x.statusName} /></div></td>
                        <td data-label={t('staff.inbox.procedure')}><span className="clamp" title={x.procedureName}>{x.procedureName}</span></td>
                        <td data-label={t('staff.inbox.applicant')}>{x.applicantName}</td>
                        <td data-label={t('staff.inbox.finalDue')} className="nowrap">{fmtDateTime(x.dueAt)}</td>
                        <td data-label={t('staff.sup.overdueBy')}><span className="badge badge-bad">{t('staff.sup.days', { n: x.overdueWorkingDays.toLocaleString(i18n.language === 'en' ? 'en-US' : 'vi-VN') })}</span></td>
                        <td data-label={t('staff.sup.holder')}>
                          {x.holder.assignee ? <b>{x.holder.assignee.fullName}</b> : <span className="muted">{t('staff.dossier.unassigned')}</span>}
                          <div className="small">{x.holder.unit?.name ?? '—'}{x.holder.role ? ` · ${t(`staff.role.${x.holder.role}`)}` : ''}</div>
                          {x.step && <div className="small muted clamp" title={pick(x.step.name, x.step.nameEn)}>{x.step.index + 1}. {pick(x.step.name, x.step.nameEn)}</div>}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>

          <section className="card" aria-labelledby="h-proc">
            <h2 id="h-proc">{t('staff.sup.byProcedure')}</h2>
            {data.byProcedure.length === 0 ? <p className="muted">{t('staff.sup.none')}</p> : (
              <>
                <p className="legend small" aria-hidden="true">
                  <span><i className="key sbar-ok" /> {t('staff.sup.doneOnTime')}</span>
                  <span><i className="key sbar-bad" /> {t('staff.sup.late')}</span>
                  <span><i className="key sbar-info" /> {t('staff.sup.open')}</span>
                </p>
                <div className="table-wrap">
                  <table className="stack sup-proc">
                    <thead>
                      <tr>
                        <th scope="col">{t('staff.inbox.procedure')}</th>
                        <th scope="col" className="num">{t('staff.sup.received')}</th>
                        <th scope="col" className="num">{t('staff.sup.doneOnTime')}</th>
                        <th scope="col" className="num">{t('staff.sup.late')}</th>
                        <th scope="col" className="num">{t('staff.sup.open')}</th>
                        <th scope="col">{t('staff.sup.chart')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.byProcedure.map((p) => {
                        const total = p.doneOnTime + p.late + Math.max(0, p.open - p.overdue);
                        const w = (v: number) => `${total ? (v / total) * 100 : 0}%`;
                        return (
                          <tr key={p.code} data-procedure={p.code}>
                            <td data-label={t('staff.inbox.procedure')}><span className="clamp" title={p.name}>{p.name}</span> <span className="muted small">{p.code}</span></td>
                            <td data-label={t('staff.sup.received')} className="num">{n(p.received)}</td>
                            <td data-label={t('staff.sup.doneOnTime')} className="num">{n(p.doneOnTime)}</td>
                            <td data-label={t('staff.sup.late')} className="num">{n(p.late)}{p.overdue > 0 && <div className="small muted">{t('staff.sup.openOverdue')}: {n(p.overdue)}</div>}</td>
                            <td data-label={t('staff.sup.open')} className="num">{n(p.open)}</td>
                            <td data-label={t('staff.sup.chart')} className="chart-cell">
                              <div className="stack-bar" aria-hidden="true">
                                <span className="sbar-ok" style={{ width: w(p.doneOnTime) }} />
                                <span className="sbar-bad" style={{ width: w(p.late) }} />
                                <span className="sbar-info" style={{ width: w(Math.max(0, p.open - p.overdue)) }} />
                              </div>
                            </td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
              </>
            )}
          </section>

          <section className="card" aria-labelledby="h-officers">
            <h2 id="h-officers">{t('staff.sup.byOfficer')}</h2>
            <OfficerTable rows={data.byOfficer} days={data.activityDays} n={n} />
          </section>
        </>
      )}
    </Page>
  );
}

function StatusBars({ rows, n }: { rows: Summary['byStatus']; n: (v: number) => string }) {
  const max = Math.max(1, ...rows.map((r) => r.count));
  return (
    <ul className="status-bars">
      {rows.map((r) => (
        <li key={r.status} data-status={r.status}>
          <StatusBadge status={r.status} name={r.name} />
          <Bar value={r.count} max={max} tone={STATUS_TONE[r.status]} label={n(r.count)} />
        </li>
      ))}
    </ul>
  );
}

function OfficerTable({ rows, days, n }: { rows: Summary['byOfficer']; days: number; n: (v: number) => string }) {
  const { t } = useTranslation();
  if (rows.length === 0) return <p className="muted">{t('staff.sup.none')}</p>;
  const maxA = Math.max(1, ...rows.map((r) => r.assigned));
  const maxD = Math.max(1, ...rows.map((r) => r.actedDossiers30d));
  return (
    <div className="table-wrap">
      <table className="stack sup-officers">
        <thead>
          <tr>
            <th scope="col">{t('staff.sup.officer')}</th>
            <th scope="col">{t('staff.sup.roles')}</th>
            <th scope="col">{t('staff.sup.assigned')}</th>
            <th scope="col">{t('staff.sup.acted', { days })}</th>
            <th scope="col" className="num">{t('staff.sup.actions')}</th>
            <th scope="col">{t('staff.sup.lastAction')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.userId} data-officer={r.fullName}>
              <td data-label={t('staff.sup.officer')}><b>{r.fullName}</b></td>
              <td data-label={t('staff.sup.roles')} className="small">{r.roles.map((x) => t(`staff.role.${x}`)).join(', ')}</td>
              <td data-label={t('staff.sup.assigned')} className="bar-cell">
                <Bar value={r.assigned} max={maxA} tone="info" label={n(r.assigned)} />
                {r.assignedOverdue > 0 && <span className="badge badge-bad">{t('staff.sup.assignedOverdue')}: {n(r.assignedOverdue)}</span>}
              </td>
              <td data-label={t('staff.sup.acted', { days })} className="bar-cell"><Bar value={r.actedDossiers30d} max={maxD} tone="ok" label={n(r.actedDossiers30d)} /></td>
              <td data-label={t('staff.sup.actions')} className="num">{n(r.actions30d)}</td>
              <td data-label={t('staff.sup.lastAction')} className="nowrap small">{r.lastActionAt ? fmtDateTime(r.lastActionAt) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
