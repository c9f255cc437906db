import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, get, newKey } from '../api';
import { fmtDateTime } from '../format';
import { ErrorBox, Loading, Page, StatusBadge, useLocalName } from '../components/ui';
import { useSession } from '../session';
import { addStrings } from '../i18n';
import { citizenStrings } from '../citizen/locales';
import { interconnectStrings } from './locales';
import { AppStatusBadge, hasOutputs, Outputs, PartsFlow, PartStateBadge } from './common';
import type { Application, ApplicationPart } from './types';

addStrings(citizenStrings);
addStrings(interconnectStrings);

/**
 * /ho-so-lien-thong/{id}: one application with each agency's progress — the parts in dependency
 * order with their state, agency, child dossier (linked), due date, outputs, refusal reasons and
 * cancellations with the stated rule; the history; withdrawing. The applicant and the staff of any
 * agency holding a part may open it (staff links go to their own dossier page).
 */
export default function ApplicationView() {
  const { id } = useParams();
  const { t } = useTranslation();
  const pick = useLocalName();
  const { me } = useSession();
  const [a, setA] = useState<Application | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(async () => setA(await get<Application>(`/interconnect/applications/${id}`)), [id]);
  useEffect(() => { load().catch(setError); }, [load]);
  // Parts move at other agencies: coming back to the tab shows where they are now.
  useEffect(() => {
    const onFocus = () => { if (document.visibilityState === 'visible') load().catch(() => {}); };
    document.addEventListener('visibilitychange', onFocus);
    return () => document.removeEventListener('visibilitychange', onFocus);
  }, [load]);
  if (!a) return error ? <Page title="—"><ErrorBox error={error} /></Page> : <Loading />;
  const staff = me?.kind === 'staff';
  const byKey = new Map(a.parts.map((p) => [p.key, p]));
  const partName = (k: string | null) => { const p = k ? byKey.get(k) : undefined; return p ? pick(p.name, p.nameEn) : k ?? ''; };
  const anyRefused = a.parts.some((p) => p.state === 'refused');
  const cls = (p: ApplicationPart) => (p.state === 'refused' || p.state === 'failed' ? 'ic-part-refused' : p.state === 'cancelled' ? 'ic-part-cancelled' : p.state === 'approved' ? 'ic-part-approved' : '');

  return (
    <Page title={t('ic.appTitle', { code: a.code })} actions={staff ? undefined : <Link className="btn btn-small" to="/ho-so-cua-toi">{t('mine.title')}</Link>}>
      <ErrorBox error={error} />
      <div className="card">
        <p><b>{pick(a.groupName, a.groupNameEn)}</b></p>
        <dl className="facts">
          <dt>{t('ic.statusLabel')}</dt><dd><AppStatusBadge status={a.status} /></dd>
          <dt>{t('ic.applicant')}</dt><dd>{a.applicantName}</dd>
          <dt>{t('ic.submittedAt')}</dt><dd>{fmtDateTime(a.submittedAt)}</dd>
          {a.finishedAt && <><dt>{t('ic.finishedAt')}</dt><dd>{fmtDateTime(a.finishedAt)}</dd></>}
        </dl>
        {anyRefused && <p className="alert alert-error" role="status">{t('ic.refusedAlert')}</p>}
      </div>

      <section className="card" aria-labelledby="h-progress">
        <h2 id="h-progress">{t('ic.progress')}</h2>
        <PartsFlow
          parts={a.parts} label={t('ic.progress')} className={cls}
          render={(p, n) => (
            <>
              <h3><span className="ic-step" aria-hidden="true">{n}</span>{pick(p.name, p.nameEn)}</h3>
              <p style={{ margin: '.2rem 0' }}><PartStateBadge state={p.state} /></p>
              <dl className="facts small">
                <dt>{t('ic.agency')}</dt>
                <dd>{p.agency ? pick(p.agency.name, p.agency.nameEn) : p.external ? <>{pick(p.external.name, p.external.nameEn)} <span className="badge badge-info">{t('ic.external')}</span></> : '—'}</dd>
                {p.dossier ? (
                  <>
                    <dt>{t('ic.dossier')}</dt>
                    <dd>
                      <Link to={staff ? `/can-bo/ho-so/${p.dossier.id}` : `/ho-so/${p.dossier.id}`} aria-label={t('ic.openDossier', { code: p.dossier.code })}>{p.dossier.code}</Link>{' '}
                      <StatusBadge status={p.dossier.status} name={p.dossier.statusName} />
                    </dd>
                    {p.dossier.dueAt && <><dt>{t('ic.due')}</dt><dd>{fmtDateTime(p.dossier.dueAt)}</dd></>}
                  </>
                ) : !p.externalRef && p.state !== 'cancelled' && <><dt>{t('ic.dossier')}</dt><dd className="muted">{t('ic.notYet')}</dd></>}
                {p.externalRef && <><dt>{t('ic.externalRef')}</dt><dd>{p.externalRef}</dd></>}
              </dl>
              {hasOutputs(p.outputs) && (
                <div data-testid={`outputs-${p.key}`}>
                  <div className="small"><b>{t('ic.outputs')}</b></div>
                  <Outputs outputs={p.outputs} />
                </div>
              )}
              {p.reasons && p.reasons.length > 0 && (
                <div className="alert alert-error small" style={{ margin: '.4rem 0' }}>
                  <b>{t('ic.reasons')}</b>
                  <ul style={{ margin: '.2rem 0 0' }}>{p.reasons.map((r, i) => <li key={i}>{r}</li>)}</ul>
                </div>
              )}
              {p.state === 'cancelled' && (
                <div className="alert alert-info small" style={{ margin: '.4rem 0' }} data-testid={`cancelled-${p.key}`}>
                  {p.cancelledBecause && p.cancelledBecause !== 'withdrawn' ? t('ic.cancelledBecause', { part: partName(p.cancelledBecause) }) : t('ic.cancelledWithdrawn')}{' '}
                  {p.cancelledBecause !== 'withdrawn' && <a href="#h-rule">{t('ic.seeRule')}</a>}
                </div>
              )}
              {staff && p.lastError && <p className="small field-error" style={{ margin: '.3rem 0' }}>{p.lastError}</p>}
              <div className="small muted">{t('ic.updated')}: {fmtDateTime(p.updatedAt)}</div>
            </>
          )}
        />
      </section>

      <section className="card" aria-labelledby="h-rule">
        <h2 id="h-rule">{t('ic.refusalRule')}</h2>
        <p>{pick(a.refusalRule.vi, a.refusalRule.en)}</p>
      </section>

      {a.events.length > 0 && (
        <section className="card" aria-labelledby="h-history">
          <h2 id="h-history">{t('ic.history')}</h2>
          <ol className="timeline">
            {a.events.map((e, i) => (
              <li key={i}>
                <span className="muted small">{fmtDateTime(e.at)}</span>
                <div>{pick(e.text.vi, e.text.en)}</div>
              </li>
            ))}
          </ol>
        </section>
      )}

      {!staff && a.actions.includes('withdraw') && <Withdraw id={a.id} onDone={load} onError={setError} />}
    </Page>
  );
}

function Withdraw({ id, onDone, onError }: { id: string; onDone: () => Promise<void>; onError: (e: unknown) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const key = useRef(newKey());
  if (!open) return <p><button className="btn btn-danger" onClick={() => setOpen(true)}>{t('ic.withdraw')}</button></p>;
  return (
    <section className="card" aria-labelledby="h-ic-wd">
      <h2 id="h-ic-wd">{t('ic.withdraw')}</h2>
      <p className="small">{t('ic.withdrawLead')}</p>
      <label htmlFor="ic-wd-reason">{t('ic.withdrawReason')}</label>
      <textarea id="ic-wd-reason" value={reason} onChange={(e) => setReason(e.target.value)} rows={3} />
      <div className="btn-row">
        <button className="btn" onClick={() => setOpen(false)}>{t('common.cancel')}</button>
        <button className="btn btn-danger" disabled={!reason.trim() || busy} onClick={async () => {
          setBusy(true);
          try { await api('POST', `/interconnect/applications/${id}/withdraw`, { reason: reason.trim() }, { idempotencyKey: key.current }); await onDone(); setOpen(false); } catch (e) { onError(e); } finally { setBusy(false); }
        }}>{t('ic.withdrawConfirm')}</button>
      </div>
    </section>
  );
}
