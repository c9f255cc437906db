import { useEffect, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { get } from '../api';
import { fmtDateTime } from '../format';
import { useSession } from '../session';
import { ErrorBox, Loading, Page, useLocalName } from '../components/ui';
import './privacy.css';

interface Entry {
  id: string; at: string;
  official: { id: string; name: string; title: string | null; roles: string[] };
  agency: { id: string; name: string; nameEn: string | null } | null;
  subject: { userId: string | null; idNumber: string | null; name: string | null };
  object: { kind: string; description: { vi: string; en: string } };
  purpose: { code: string; name: string; nameEn: string; note: string | null };
  ip: string | null;
}
interface OfficialRow { id: string; name: string; title: string | null; entries: number; citizens: number; lookupsWithoutDossier: number; outsideOwnSteps: number; lastAt: string }
interface Answer {
  agencies: { code: string; name: string; nameEn: string }[]; scope: string[]; total: number; limit: number; offset: number;
  items: Entry[]; byOfficial: OfficialRow[];
}
interface Purpose { code: string; name: string; nameEn: string }

const FILTERS = ['agencyCode', 'actorId', 'idNumber', 'purpose', 'from', 'to'] as const;
const PAGE = 50;

/**
 * The agency's personal-data access log for its supervisors and system administrators: who looked
 * at which citizen's data, when and why, with per-official counts that make curiosity look-ups
 * stand out. Filters live in the address (shareable); each search is itself logged by the server.
 */
export default function AccessLog() {
  const { t } = useTranslation();
  const pick = useLocalName();
  const { hasRole } = useSession();
  const allowed = hasRole('supervisor', 'system_admin');
  const [params, setParams] = useSearchParams();
  const [form, setForm] = useState<Record<string, string>>(() => Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? ''])));
  const [note, setNote] = useState('');
  const [purposes, setPurposes] = useState<Purpose[]>([]);
  const [data, setData] = useState<Answer | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [idError, setIdError] = useState<string | null>(null);
  const page = Math.max(1, Number(params.get('trang')) || 1);
  const query = params.toString();

  useEffect(() => {
    if (allowed) get<{ items: Purpose[] }>('/privacy/purposes').then((r) => setPurposes(r.items), () => {});
  }, [allowed]);

  useEffect(() => {
    if (!allowed) return;
    const ctrl = new AbortController();
    const qs = new URLSearchParams();
    for (const k of FILTERS) if (params.get(k)) qs.set(k, params.get(k)!);
    if (params.get('lyDo')) qs.set('note', params.get('lyDo')!);
    qs.set('limit', String(PAGE));
    qs.set('offset', String((page - 1) * PAGE));
    setError(null);
    get<Answer>(`/privacy/access-log?${qs}`, ctrl.signal).then(setData, (e) => e.name !== 'AbortError' && setError(e));
    return () => ctrl.abort();
  }, [query, allowed]); // eslint-disable-line react-hooks/exhaustive-deps

  if (!allowed) return <Page title={t('privacy.audit.title')}><p className="alert alert-info">{t('privacy.audit.notAllowed')}</p></Page>;

  function search(ev: FormEvent) {
    ev.preventDefault();
    if (form.idNumber && !/^\d{12}$/.test(form.idNumber.trim())) {
      setIdError(t('privacy.audit.idFormat'));
      document.getElementById('pda-idNumber')?.focus();
      return;
    }
    setIdError(null);
    const next = new URLSearchParams();
    for (const k of FILTERS) if (form[k]?.trim()) next.set(k, form[k].trim());
    if (note.trim()) next.set('lyDo', note.trim());
    setParams(next);
  }
  const go = (p: number) => {
    const next = new URLSearchParams(params);
    if (p > 1) next.set('trang', String(p)); else next.delete('trang');
    setParams(next);
  };
  const set = (k: string, v: string) => setForm((f) => ({ ...f, [k]: v }));

  return (
    <Page title={t('privacy.audit.title')}>
      <p className="muted">{t('privacy.audit.lead')}</p>
      <form className="card pda-filters" onSubmit={search} aria-label={t('privacy.audit.search')}>
        {data && data.agencies.length > 1 && (
          <div>
            <label htmlFor="pda-agency">{t('privacy.audit.agency')}</label>
            <select id="pda-agency" value={form.agencyCode} onChange={(e) => set('agencyCode', e.target.value)}>
              <option value="">{t('privacy.audit.allAgencies')}</option>
              {data.agencies.map((a) => <option key={a.code} value={a.code}>{pick(a.name, a.nameEn)}</option>)}
            </select>
          </div>
        )}
        <div>
          <label htmlFor="pda-official">{t('privacy.audit.official')}</label>
          <select id="pda-official" value={form.actorId} onChange={(e) => set('actorId', e.target.value)}>
            <option value="">{t('privacy.audit.allOfficials')}</option>
            {(data?.byOfficial ?? []).map((o) => <option key={o.id} value={o.id}>{o.name}{o.title ? ` — ${o.title}` : ''}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="pda-idNumber">{t('privacy.audit.idNumber')}</label>
          <input id="pda-idNumber" inputMode="numeric" autoComplete="off" value={form.idNumber} onChange={(e) => set('idNumber', e.target.value)}
            aria-invalid={!!idError} aria-describedby={idError ? 'pda-idNumber-err' : undefined} />
          {idError && <div id="pda-idNumber-err" className="field-error">{idError}</div>}
        </div>
        <div>
          <label htmlFor="pda-purpose">{t('privacy.audit.purpose')}</label>
          <select id="pda-purpose" value={form.purpose} onChange={(e) => set('purpose', e.target.value)}>
            <option value="">{t('privacy.audit.allPurposes')}</option>
            {purposes.map((p) => <option key={p.code} value={p.code}>{pick(p.name, p.nameEn)}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="pda-from">{t('privacy.audit.from')}</label>
          <input id="pda-from" type="date" value={form.from} onChange={(e) => set('from', e.target.value)} />
        </div>
        <div>
          <label htmlFor="pda-to">{t('privacy.audit.to')}</label>
          <input id="pda-to" type="date" value={form.to} onChange={(e) => set('to', e.target.value)} />
        </div>
        <div>
          <label htmlFor="pda-note">{t('privacy.audit.note')}</label>
          <input id="pda-note" value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
        </div>
        <div><button type="submit" className="btn btn-primary">{t('privacy.audit.search')}</button></div>
      </form>
      <ErrorBox error={error} />
      {!data ? (!error && <Loading />) : (
        <>
          {data.byOfficial.length > 0 && (
            <section className="card" aria-labelledby="pda-by-official">
              <h2 id="pda-by-official">{t('privacy.audit.byOfficial')}</h2>
              <div className="table-wrap">
                <table className="pda-table">
                  <thead><tr>
                    <th scope="col">{t('privacy.audit.official')}</th><th scope="col">{t('privacy.audit.entries')}</th><th scope="col">{t('privacy.audit.citizens')}</th>
                    <th scope="col">{t('privacy.audit.withoutDossier')}</th><th scope="col">{t('privacy.audit.outside')}</th><th scope="col">{t('privacy.audit.last')}</th>
                  </tr></thead>
                  <tbody>
                    {data.byOfficial.map((o) => (
                      <tr key={o.id}>
                        <td>{o.name}{o.title ? <div className="small muted">{o.title}</div> : null}</td>
                        <td>{o.entries}</td><td>{o.citizens}</td><td>{o.lookupsWithoutDossier}</td>
                        <td className={o.outsideOwnSteps ? 'pda-flag' : undefined}>{o.outsideOwnSteps}</td>
                        <td>{fmtDateTime(o.lastAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          )}
          <section className="card" aria-labelledby="pda-results">
            <h2 id="pda-results">{t('privacy.audit.results')} <span className="muted small">({t('privacy.audit.total', { count: data.total })})</span></h2>
            {data.items.length === 0 ? <p>{t('privacy.audit.empty')}</p> : (
              <div className="table-wrap">
                <table className="pda-table">
                  <thead><tr>
                    <th scope="col">{t('privacy.audit.when')}</th><th scope="col">{t('privacy.audit.official')}</th><th scope="col">{t('privacy.audit.citizen')}</th>
                    <th scope="col">{t('privacy.audit.what')}</th><th scope="col">{t('privacy.audit.purpose')}</th><th scope="col">{t('privacy.audit.ip')}</th>
                  </tr></thead>
                  <tbody>
                    {data.items.map((e) => (
                      <tr key={e.id} data-testid="access-log-entry">
                        <td><time dateTime={e.at}>{fmtDateTime(e.at)}</time></td>
                        <td>{e.official.name}{e.official.title ? <div className="small muted">{e.official.title}</div> : null}</td>
                        <td>{e.subject.name ?? '—'}{e.subject.idNumber ? <div className="small muted">{e.subject.idNumber}</div> : null}</td>
                        <td>{pick(e.object.description.vi, e.object.description.en)}</td>
                        <td className={e.purpose.code === 'dossier_other' ? 'pda-flag' : undefined}>
                          {pick(e.purpose.name, e.purpose.nameEn)}{e.purpose.note ? <div className="small muted">{e.purpose.note}</div> : null}
                        </td>
                        <td className="small">{e.ip ?? '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <nav className="pda-pager" aria-label={t('privacy.audit.results')}>
              {page > 1 && <button type="button" className="btn btn-small" onClick={() => go(page - 1)}>{t('privacy.audit.prev')}</button>}
              {data.offset + data.items.length < data.total && <button type="button" className="btn btn-small" onClick={() => go(page + 1)}>{t('privacy.audit.next')}</button>}
            </nav>
          </section>
        </>
      )}
    </Page>
  );
}
