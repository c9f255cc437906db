import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { get, post } from '../api';
import { addStrings } from '../i18n';
import { fmtDateTime } from '../format';
import { ErrorBox, Loading, Page } from '../components/ui';
import { useSession } from '../session';
import { accountStrings } from './locales';
import { CodeField, Field, RecoveryCodes, TotpEnrol, deviceName, useFieldErrors } from './parts';
import './account.css';
import NotificationPreferences from '../notifications/PreferencesSection';

addStrings(accountStrings);

interface Security {
  kind: 'staff' | 'citizen'; username: string | null; hasPassword: boolean; passwordChangedAt: string | null; passwordMinLength: number;
  totp: { enrolled: boolean; confirmedAt: string | null; recoveryCodesLeft: number } | null; totpRequired: boolean; totpRequiredByPolicy: boolean; demoAccount: boolean;
}
interface Session { id: string; createdAt: string; lastSeenAt: string; ip: string | null; userAgent: string | null; method: string | null; current: boolean }
interface SignIn { id: number; at: string; method: string; outcome: string; reason: string | null; ip: string | null; userAgent: string | null }

/** /tai-khoan: every signed-in person's own security settings. */
export default function AccountPage() {
  const { t } = useTranslation();
  const [sec, setSec] = useState<Security | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [idle, setIdle] = useState(30);
  const [historyKey, setHistoryKey] = useState(0);
  const load = useCallback(() => get<Security>('/account/security').then(setSec, setError), []);
  useEffect(() => { void load(); }, [load]);
  useEffect(() => { document.title = `${t('acct.title')} — ${t('app.name')}`; }, [t]);
  const changed = () => { void load(); setHistoryKey((k) => k + 1); };
  if (!sec) return <Page title={t('acct.title')}>{error ? <ErrorBox error={error} /> : <Loading />}</Page>;
  return (
    <Page title={t('acct.title')}>
      <p className="muted">{t(sec.kind === 'citizen' ? 'acct.leadCitizen' : 'acct.lead')}</p>
      <div className="acct-sections">
        {sec.hasPassword && sec.kind === 'staff' && <PasswordSection sec={sec} onDone={changed} />}
        {sec.totp && <TotpSection sec={sec} onChange={changed} />}
        {sec.kind === 'citizen' && <NotificationPreferences />}
        <SessionsSection idle={idle} onIdle={setIdle} onChange={changed} />
        <HistorySection key={historyKey} />
      </div>
    </Page>
  );
}

function PasswordSection({ sec, onDone }: { sec: Security; onDone: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [cur, setCur] = useState('');
  const [pw, setPw] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [mismatch, setMismatch] = useState(false);
  const [done, setDone] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const fe = useFieldErrors(error);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setMismatch(pw !== again);
    setDone(null);
    if (pw !== again) return;
    setBusy(true);
    setError(null);
    try {
      const r = await post<{ otherSessionsEnded: number }>('/account/password', { currentPassword: cur, newPassword: pw });
      setDone(r.otherSessionsEnded);
      setCur(''); setPw(''); setAgain('');
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('acct.pwTitle')}</h2>
      {sec.passwordChangedAt && <p className="small muted">{t('acct.pwChanged', { at: fmtDateTime(sec.passwordChangedAt) })}</p>}
      <form onSubmit={submit} noValidate className="narrow">
        <ErrorBox error={error} />
        {done !== null && <div className="alert alert-ok" role="status">{done ? t('acct.pwDoneOthers', { count: done }) : t('acct.pwDone')}</div>}
        <Field id={`${id}-cur`} label={t('acct.current')} type="password" autoComplete="current-password" value={cur} onChange={(e) => setCur(e.target.value)} required error={fe.currentPassword} />
        <Field id={`${id}-new`} label={t('acct.newPw')} type="password" autoComplete="new-password" value={pw} onChange={(e) => setPw(e.target.value)} required
          hint={t('acct.pwHint', { min: sec.passwordMinLength })} error={fe.newPassword} />
        <Field id={`${id}-again`} label={t('acct.newPwAgain')} type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} required
          error={mismatch ? t('acct.pwMismatch') : undefined} />
        <button className="btn btn-primary" type="submit" disabled={busy || !cur || !pw}>{t('acct.pwChange')}</button>
      </form>
    </section>
  );
}

function TotpSection({ sec, onChange }: { sec: Security; onChange: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [mode, setMode] = useState<'idle' | 'enrol' | 'disable' | 'codes'>('idle');
  const [codes, setCodes] = useState<string[] | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const totp = sec.totp!;
  const start = useCallback(() => post('/account/totp/enrol'), []);
  const confirm = useCallback(async (code: string) => {
    const r = await post<{ recoveryCodes: string[] }>('/account/totp/confirm', { code });
    setCodes(r.recoveryCodes);
    setMode('idle');
    setNote(t('acct.tfEnabled'));
  }, [t]);
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('acct.tfTitle')}</h2>
      <p className="acct-status">
        <span className={`badge ${totp.enrolled ? 'badge-ok' : 'badge-warn'}`} data-testid="totp-status">{totp.enrolled ? t('acct.tfOn') : t('acct.tfOff')}</span>
        {totp.enrolled && totp.confirmedAt && <span className="small muted">{t('acct.tfSince', { at: fmtDateTime(totp.confirmedAt) })}</span>}
        {totp.enrolled && <span className="small muted">{t('acct.tfCodesLeft', { count: totp.recoveryCodesLeft })}</span>}
      </p>
      {sec.totpRequired && <p className="small"><b>{t('acct.tfRequired')}</b></p>}
      {!sec.totpRequired && sec.totpRequiredByPolicy && <p className="small muted">{t('acct.tfRequiredDemo')}</p>}
      {note && <div className="alert alert-ok" role="status">{note}</div>}
      {codes && <RecoveryCodes codes={codes} onDone={() => { setCodes(null); onChange(); }} />}
      {!codes && !totp.enrolled && mode !== 'enrol' && (
        <>
          <p>{t('acct.tfWhy')}</p>
          <button className="btn btn-primary" type="button" onClick={() => { setNote(null); setMode('enrol'); }}>{t('acct.tfStart')}</button>
        </>
      )}
      {mode === 'enrol' && <TotpEnrol start={start} confirm={confirm} onCancel={() => setMode('idle')} />}
      {!codes && totp.enrolled && mode === 'idle' && (
        <div className="btn-row">
          <button className="btn" type="button" onClick={() => { setNote(null); setMode('codes'); }}>{t('acct.tfNewCodes')}</button>
          {!sec.totpRequired && <button className="btn btn-danger" type="button" onClick={() => { setNote(null); setMode('disable'); }}>{t('acct.tfDisable')}</button>}
        </div>
      )}
      {(mode === 'disable' || mode === 'codes') && (
        <ProveForm
          lead={mode === 'disable' ? t('acct.tfDisableLead') : t('acct.tfNewCodesLead')}
          submitLabel={mode === 'disable' ? t('acct.tfDisable') : t('acct.tfNewCodes')}
          onCancel={() => setMode('idle')}
          send={async (body) => {
            if (mode === 'disable') {
              await post('/account/totp/disable', body);
              setNote(t('acct.tfDisabled'));
              onChange();
            } else {
              setCodes((await post<{ recoveryCodes: string[] }>('/account/totp/recovery-codes', body)).recoveryCodes);
            }
            setMode('idle');
          }}
        />
      )}
    </section>
  );
}

/** Password plus a code (or a recovery code): the proof asked before turning 2FA off or renewing codes. */
function ProveForm({ lead, submitLabel, send, onCancel }: { lead: string; submitLabel: string; send: (b: { password: string; code?: string; recoveryCode?: string }) => Promise<void>; onCancel: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [rc, setRc] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fe = useFieldErrors(error);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await send(rc.trim() ? { password, recoveryCode: rc.trim() } : { password, code: code.replace(/\s/g, '') });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form onSubmit={submit} noValidate className="narrow">
      <p>{lead}</p>
      <ErrorBox error={error} />
      <Field id={`${id}-pw`} label={t('acct.password')} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required error={fe.password} />
      <CodeField id={`${id}-code`} value={code} onChange={setCode} error={fe.code} />
      <Field id={`${id}-rc`} label={t('acct.orRecovery')} value={rc} onChange={(e) => setRc(e.target.value)} autoComplete="off" error={fe.recoveryCode} />
      <div className="btn-row">
        <button className="btn btn-primary" type="submit" disabled={busy || !password}>{submitLabel}</button>
        <button className="btn" type="button" onClick={onCancel}>{t('acct.cancel')}</button>
      </div>
    </form>
  );
}

function SessionsSection({ idle, onIdle, onChange }: { idle: number; onIdle: (n: number) => void; onChange: () => void }) {
  const { t } = useTranslation();
  const { refresh } = useSession();
  const id = useId();
  const [items, setItems] = useState<Session[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);
  const load = useCallback(() => get<{ items: Session[]; idleMinutes?: number }>('/account/sessions').then((r) => { setItems(r.items); if (r.idleMinutes) onIdle(r.idleMinutes); }, setError), [onIdle]);
  useEffect(() => { void load(); }, [load]);
  async function end(url: string) {
    setError(null);
    try {
      const r = await post<{ ended: number }>(url);
      setNote(t('acct.sesEnded', { count: r.ended }));
      await load();
      onChange();
      await refresh();
    } catch (err) {
      setError(err);
    }
  }
  const others = items?.filter((s) => !s.current) ?? [];
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('acct.sesTitle')}</h2>
      <p className="small muted">{t('acct.sesLead', { idle })}</p>
      <ErrorBox error={error} />
      {note && <div className="alert alert-ok" role="status">{note}</div>}
      {!items ? <Loading /> : (
        <div className="table-wrap">
          <table className="acct-table" data-testid="sessions">
            <thead><tr><th scope="col">{t('acct.sesDevice')}</th><th scope="col">{t('acct.sesIp')}</th><th scope="col">{t('acct.sesCreated')}</th><th scope="col">{t('acct.sesSeen')}</th><th scope="col"><span className="sr-only-label">{t('acct.sesEnd')}</span></th></tr></thead>
            <tbody>
              {items.map((s) => {
                const device = deviceName(s.userAgent, t('acct.unknownDevice'));
                return (
                  <tr key={s.id}>
                    <td>{device}{s.current && <> <span className="badge badge-info">{t('acct.sesThis')}</span></>}</td>
                    <td>{s.ip ?? '—'}</td>
                    <td>{fmtDateTime(s.createdAt)}</td>
                    <td>{fmtDateTime(s.lastSeenAt)}</td>
                    <td>{!s.current && <button className="btn" type="button" aria-label={t('acct.sesEndOf', { device })} onClick={() => void end(`/account/sessions/${s.id}/revoke`)}>{t('acct.sesEnd')}</button>}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {items && (others.length
        ? <button className="btn" type="button" onClick={() => void end('/account/sessions/revoke-others')}>{t('acct.sesEndOthers')}</button>
        : <p className="small muted">{t('acct.sesNone')}</p>)}
    </section>
  );
}

function HistorySection() {
  const { t } = useTranslation();
  const id = useId();
  const [items, setItems] = useState<SignIn[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => { void get<{ items: SignIn[] }>('/account/sign-ins?limit=30').then((r) => setItems(r.items), setError); }, []);
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('acct.hisTitle')}</h2>
      <ErrorBox error={error} />
      {!items ? <Loading /> : items.length === 0 ? <p className="muted">{t('acct.hisNone')}</p> : (
        <div className="table-wrap">
          <table className="acct-table" data-testid="sign-ins">
            <thead><tr><th scope="col">{t('acct.hisTime')}</th><th scope="col">{t('acct.hisWhat')}</th><th scope="col">{t('acct.hisResult')}</th><th scope="col">{t('acct.sesIp')}</th><th scope="col">{t('acct.sesDevice')}</th></tr></thead>
            <tbody>
              {items.map((e) => <SignInRow key={e.id} e={e} />)}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function SignInRow({ e, who }: { e: SignIn; who?: React.ReactNode }) {
  const { t } = useTranslation();
  const tone = e.outcome === 'success' ? 'badge-ok' : e.outcome === 'second_factor' ? 'badge-info' : 'badge-bad';
  return (
    <tr>
      <td className="acct-nowrap">{fmtDateTime(e.at)}</td>
      {who !== undefined && <td>{who}</td>}
      <td>{t(`acct.method.${e.method}`, { defaultValue: e.method })}</td>
      <td><span className={`badge ${tone}`}>{t(`acct.outcome.${e.outcome}`, { defaultValue: e.outcome })}</span>{e.reason && <span className="small muted"> — {t(`acct.reason.${e.reason}`, { defaultValue: e.reason })}</span>}</td>
      <td>{e.ip ?? '—'}</td>
      <td className="small">{deviceName(e.userAgent, t('acct.unknownDevice'))}</td>
    </tr>
  );
}
