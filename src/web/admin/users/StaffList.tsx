import './strings';
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, get, post } from '../../api';
import { fmtDateTime } from '../../format';
import { ErrorBox, Loading, Page, useLocalName } from '../../components/ui';
import { UnitPicker } from './UnitPicker';
import './users.css';

export const ROLES = ['desk_officer', 'processing_officer', 'head_of_division', 'signing_authority', 'supervisor', 'catalog_admin', 'system_admin'];

export interface GrantView { role: string; unitId: string; unitCode: string | null; unitName: string | null; unitNameEn: string | null; agencyName: string | null; inScope: boolean }
interface StaffItem { id: string; username: string; fullName: string; title: string | null; disabled: boolean; mustChangePassword: boolean; totp: boolean; lockedUntil: string | null; lastSignInAt: string | null; roles: GrantView[] }

export function StatusBadges({ u }: { u: { disabled: boolean; lockedUntil: string | null; totp: boolean; mustChangePassword: boolean } }) {
  const { t } = useTranslation();
  return (
    <>
      {u.disabled ? <span className="badge badge-bad">{t('usr.disabled')}</span> : <span className="badge badge-ok">{t('usr.active')}</span>}{' '}
      {u.lockedUntil && <><span className="badge badge-bad">{t('usr.locked', { at: fmtDateTime(u.lockedUntil) })}</span>{' '}</>}
      {u.totp && <><span className="badge badge-info">{t('usr.totpOn')}</span>{' '}</>}
      {u.mustChangePassword && <span className="badge badge-warn">{t('usr.mustChange')}</span>}
    </>
  );
}

export function GrantLabel({ g }: { g: GrantView }) {
  const { t } = useTranslation();
  const pick = useLocalName();
  return <>{t(`usr.role.${g.role}`)} — {pick(g.unitName, g.unitNameEn)}{g.agencyName && <span className="muted"> ({g.agencyName})</span>}</>;
}

/** /quan-tri/can-bo: the staff this administrator may manage, and a form to create one. */
export default function StaffList() {
  const { t } = useTranslation();
  const id = useId();
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const [data, setData] = useState<{ items: StaffItem[]; total: number; cityWide: boolean } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => get(`/admin/staff?limit=200${query ? `&q=${encodeURIComponent(query)}` : ''}`).then(setData, setError), [query]);
  useEffect(() => { void load(); }, [load]);
  useEffect(() => { document.title = `${t('usr.title')} — ${t('app.name')}`; }, [t]);
  return (
    <Page title={t('usr.title')} actions={<div className="btn-row"><Link className="btn" to="/quan-tri/nhat-ky-dang-nhap">{t('usr.auditTitle')}</Link><Link className="btn" to="/quan-tri/chinh-sach-bao-mat">{t('usr.policyTitle')}</Link></div>}>
      {data && <p className="muted">{data.cityWide ? t('usr.scopeAll') : t('usr.scopeSome')}</p>}
      <form className="search-box" role="search" onSubmit={(e) => { e.preventDefault(); setQuery(q.trim()); }}>
        <label htmlFor={`${id}-q`}>{t('usr.search')}</label>
        <input id={`${id}-q`} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        <button className="btn" type="submit">{t('usr.searchBtn')}</button>
      </form>
      <ErrorBox error={error} />
      {!data ? <Loading /> : (
        <>
          <p role="status" className="small muted">{t('usr.found', { count: data.total })}</p>
          <div className="table-wrap">
            <table data-testid="staff-list">
              <thead><tr><th scope="col">{t('usr.name')}</th><th scope="col">{t('usr.username')}</th><th scope="col">{t('usr.roles')}</th><th scope="col">{t('usr.status')}</th><th scope="col">{t('usr.lastSignIn')}</th></tr></thead>
              <tbody>
                {data.items.map((u) => (
                  <tr key={u.id}>
                    <td><Link to={`/quan-tri/can-bo/${u.id}`}>{u.fullName}</Link>{u.title && <div className="small muted">{u.title}</div>}</td>
                    <td className="adm-mono">{u.username}</td>
                    <td><ul className="usr-roles">{u.roles.map((g) => <li key={`${g.role}:${g.unitId}`}><GrantLabel g={g} /></li>)}</ul></td>
                    <td><StatusBadges u={u} /></td>
                    <td className="adm-nowrap">{fmtDateTime(u.lastSignInAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <CreateStaff onCreated={() => void load()} />
    </Page>
  );
}

function CreateStaff({ onCreated }: { onCreated: () => void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [f, setF] = useState({ username: '', fullName: '', title: '', email: '', role: 'desk_officer', unitId: '' });
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<{ username: string; temporaryPassword: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const fe = error instanceof ApiError ? error.byField(i18n.language) : {};
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const setUnit = useCallback((unitId: string) => setF((x) => ({ ...x, unitId })), []);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const r = await post<{ temporaryPassword: string }>('/admin/staff', { ...f, email: f.email || null, title: f.title || null });
      setResult({ username: f.username, temporaryPassword: r.temporaryPassword });
      setF({ ...f, username: '', fullName: '', title: '', email: '' });
      onCreated();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  const field = (k: 'username' | 'fullName' | 'title' | 'email', label: string, extra: object = {}) => (
    <div className="adm-field">
      <label htmlFor={`${id}-${k}`}>{label}</label>
      <input id={`${id}-${k}`} value={f[k]} onChange={set(k)} aria-invalid={fe[k] ? true : undefined} aria-describedby={fe[k] ? `${id}-${k}-err` : undefined} {...extra} />
      {fe[k] && <p id={`${id}-${k}-err`} className="field-error">{fe[k]}</p>}
    </div>
  );
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('usr.create')}</h2>
      <p className="small muted">{t('usr.createLead')}</p>
      {result && (
        <div className="alert alert-ok" role="status">
          {t('usr.created', { username: result.username })} {t('usr.tempPassword')} <code className="adm-mono" data-testid="temp-password">{result.temporaryPassword}</code>
        </div>
      )}
      <form onSubmit={submit} noValidate>
        <ErrorBox error={error} />
        <div className="adm-grid">
          {field('username', t('usr.username'), { required: true, autoComplete: 'off', spellCheck: false })}
          {field('fullName', t('usr.name'), { required: true })}
          {field('title', t('usr.jobTitle'))}
          {field('email', t('usr.email'), { type: 'email' })}
        </div>
        <label htmlFor={`${id}-role`}>{t('usr.firstRole')}</label>
        <select id={`${id}-role`} value={f.role} onChange={set('role')}>
          {ROLES.map((r) => <option key={r} value={r}>{t(`usr.role.${r}`)}</option>)}
        </select>
        <UnitPicker value={f.unitId} onChange={setUnit} error={fe.unitId} />
        <button className="btn btn-primary" type="submit" disabled={busy || !f.unitId}>{t('usr.create')}</button>
      </form>
    </section>
  );
}
