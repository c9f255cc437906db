import './strings';
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, get, newKey, post } from '../../api';
import { fmtDateTime } from '../../format';
import { ErrorBox, Loading, Page } from '../../components/ui';
import { useSession } from '../../session';
import { GrantLabel, ROLES, StatusBadges, type GrantView } from './StaffList';
import { UnitPicker } from './UnitPicker';

interface Detail {
  id: string; username: string; fullName: string; title: string | null; email: string | null; disabled: boolean; mustChangePassword: boolean; demoAccount: boolean;
  totp: boolean; lockedUntil: string | null; recentFailures: number; roles: GrantView[];
  sessions: { id: string; createdAt: string; lastSeenAt: string; ip: string | null; userAgent: string | null }[];
  events: { id: number; at: string; actorName: string | null; action: string; detail: any }[];
}

/** /quan-tri/can-bo/:id — one account: profile, roles on units, security actions, sessions, history. */
export default function StaffDetail() {
  const { t } = useTranslation();
  const { id } = useParams();
  const { me } = useSession();
  const [d, setD] = useState<Detail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);
  const [temp, setTemp] = useState<string | null>(null);
  const load = useCallback(() => get<Detail>(`/admin/staff/${id}`).then(setD, setError), [id]);
  useEffect(() => { void load(); }, [load]);
  useEffect(() => { if (d) document.title = `${t('usr.detail', { name: d.fullName })} — ${t('app.name')}`; }, [d, t]);

  async function act(path: string, label: string, body?: object) {
    if (!window.confirm(t('usr.confirm', { what: label }))) return;
    setError(null);
    setNote(null);
    setTemp(null);
    try {
      const r = await post<any>(`/admin/staff/${id}/${path}`, body, path === 'reset-password' ? undefined : newKey());
      if (r?.temporaryPassword) setTemp(r.temporaryPassword);
      setNote(t('usr.done', { what: label }));
      await load();
    } catch (err) {
      setError(err);
    }
  }

  if (!d) return <Page title={t('usr.title')}>{error ? <ErrorBox error={error} /> : <Loading />}</Page>;
  const self = me?.id === d.id;
  return (
    <Page title={t('usr.detail', { name: d.fullName })}>
      <p className="adm-crumbs"><Link to="/quan-tri/can-bo">{t('usr.back')}</Link></p>
      <p><span className="adm-mono">{d.username}</span> · <StatusBadges u={d} /></p>
      <ErrorBox error={error} />
      {note && <div className="alert alert-ok" role="status">{note}{temp && <> {t('usr.tempPassword')} <code className="adm-mono" data-testid="temp-password">{temp}</code></>}</div>}
      <Profile d={d} onSaved={load} />
      <section className="card" aria-labelledby="usr-roles-h">
        <h2 id="usr-roles-h">{t('usr.roles')}</h2>
        {d.roles.length === 0 ? <p className="muted">{t('usr.none')}</p> : (
          <ul className="usr-roles" data-testid="staff-roles">
            {d.roles.map((g) => (
              <li key={`${g.role}:${g.unitId}`}>
                <GrantLabel g={g} />{' '}
                {g.inScope
                  ? <button className="btn btn-small" type="button" aria-label={t('usr.revokeOf', { role: t(`usr.role.${g.role}`), unit: g.unitName ?? '' })}
                      onClick={() => void act('grants/revoke', t('usr.revokeOf', { role: t(`usr.role.${g.role}`), unit: g.unitName ?? '' }), { role: g.role, unitId: g.unitId })}>{t('usr.revoke')}</button>
                  : <span className="small muted">({t('usr.outOfScope')})</span>}
              </li>
            ))}
          </ul>
        )}
        <GrantForm userId={d.id} onGranted={load} />
      </section>
      <section className="card" aria-labelledby="usr-actions-h">
        <h2 id="usr-actions-h">{t('usr.actions')}</h2>
        <div className="btn-row">
          {!self && (d.disabled
            ? <button className="btn" type="button" onClick={() => void act('enable', t('usr.enable'))}>{t('usr.enable')}</button>
            : <button className="btn btn-danger" type="button" onClick={() => void act('disable', t('usr.disable'))}>{t('usr.disable')}</button>)}
          {d.lockedUntil && <button className="btn" type="button" onClick={() => void act('unlock', t('usr.unlock'))}>{t('usr.unlock')}</button>}
          {!self && <button className="btn" type="button" onClick={() => void act('reset-password', t('usr.resetPw'))}>{t('usr.resetPw')}</button>}
          {d.totp && <button className="btn" type="button" onClick={() => void act('reset-2fa', t('usr.reset2fa'))}>{t('usr.reset2fa')}</button>}
          {d.sessions.length > 0 && <button className="btn" type="button" onClick={() => void act('revoke-sessions', t('usr.revokeSessions'))}>{t('usr.revokeSessions')}</button>}
        </div>
      </section>
      <section className="card" aria-labelledby="usr-ses-h">
        <h2 id="usr-ses-h">{t('usr.sessions')}</h2>
        {d.sessions.length === 0 ? <p className="muted">{t('usr.none')}</p> : (
          <ul>{d.sessions.map((s) => <li key={s.id}>{fmtDateTime(s.createdAt)} → {fmtDateTime(s.lastSeenAt)} · {s.ip ?? '—'} · <span className="small muted">{s.userAgent ?? ''}</span></li>)}</ul>
        )}
      </section>
      <section className="card" aria-labelledby="usr-his-h">
        <h2 id="usr-his-h">{t('usr.history')}</h2>
        <div className="table-wrap">
          <table data-testid="staff-events">
            <thead><tr><th scope="col">{t('usr.when')}</th><th scope="col">{t('usr.who')}</th><th scope="col">{t('usr.what')}</th></tr></thead>
            <tbody>
              {d.events.map((e) => (
                <tr key={e.id}>
                  <td className="adm-nowrap">{fmtDateTime(e.at)}</td>
                  <td>{e.actorName ?? '—'}</td>
                  <td>{t(`usr.event.${e.action}`, { defaultValue: e.action })}{e.detail?.role && <> — {t(`usr.role.${e.detail.role}`)}</>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </Page>
  );
}

function Profile({ d, onSaved }: { d: Detail; onSaved: () => void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [f, setF] = useState({ fullName: d.fullName, title: d.title ?? '', email: d.email ?? '' });
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const fe = error instanceof ApiError ? error.byField(i18n.language) : {};
  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setSaved(false);
    try {
      await post(`/admin/staff/${d.id}`, { fullName: f.fullName, title: f.title || null, email: f.email || null }, newKey());
      setSaved(true);
      onSaved();
    } catch (err) {
      setError(err);
    }
  }
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('usr.profile')}</h2>
      <form onSubmit={submit} noValidate>
        <ErrorBox error={error} />
        {saved && <div className="alert alert-ok" role="status">{t('usr.saved')}</div>}
        <div className="adm-grid">
          {(['fullName', 'title', 'email'] as const).map((k) => (
            <div className="adm-field" key={k}>
              <label htmlFor={`${id}-${k}`}>{t(k === 'fullName' ? 'usr.name' : k === 'title' ? 'usr.jobTitle' : 'usr.email')}</label>
              <input id={`${id}-${k}`} value={f[k]} onChange={(e) => setF({ ...f, [k]: e.target.value })} aria-invalid={fe[k] ? true : undefined} />
              {fe[k] && <p className="field-error">{fe[k]}</p>}
            </div>
          ))}
        </div>
        <button className="btn btn-primary" type="submit">{t('usr.save')}</button>
      </form>
    </section>
  );
}

function GrantForm({ userId, onGranted }: { userId: string; onGranted: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [role, setRole] = useState('processing_officer');
  const [unitId, setUnitId] = useState('');
  const [error, setError] = useState<unknown>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await post(`/admin/staff/${userId}/grants`, { role, unitId }, newKey());
      onGranted();
    } catch (err) {
      setError(err);
    }
  }
  return (
    <form onSubmit={submit} noValidate aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('usr.grant')}</h3>
      <ErrorBox error={error} />
      <label htmlFor={`${id}-role`}>{t('usr.roleLabel')}</label>
      <select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value)}>
        {ROLES.map((r) => <option key={r} value={r}>{t(`usr.role.${r}`)}</option>)}
      </select>
      <UnitPicker value={unitId} onChange={setUnitId} />
      <button className="btn btn-primary" type="submit" disabled={!unitId}>{t('usr.grantBtn')}</button>
    </form>
  );
}
