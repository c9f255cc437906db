import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';
import { ErrorBox } from '../components/ui';

/** The field's own error (from a problem+json `errors` list), tied to the input by aria-describedby. */
export function useFieldErrors(error: unknown) {
  const { i18n } = useTranslation();
  return error instanceof ApiError ? error.byField(i18n.language) : {};
}

export function Field({ id, label, error, hint, ...input }: { id: string; label: string; error?: string; hint?: string } & React.InputHTMLAttributes<HTMLInputElement>) {
  const described = [hint ? `${id}-hint` : '', error ? `${id}-err` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      {hint && <p id={`${id}-hint`} className="small muted">{hint}</p>}
      <input id={id} aria-invalid={error ? true : undefined} aria-describedby={described} {...input} />
      {error && <p id={`${id}-err`} className="field-error">{error}</p>}
    </div>
  );
}

/** A 6-digit code from an authenticator app: numeric keyboard on phones, one-time-code autofill. */
export function CodeField({ id, value, onChange, error, label }: { id: string; value: string; onChange: (v: string) => void; error?: string; label?: string }) {
  const { t } = useTranslation();
  return (
    <Field id={id} label={label ?? t('acct.code')} value={value} onChange={(e) => onChange(e.target.value.replace(/[^\d ]/g, '').slice(0, 7))}
      inputMode="numeric" autoComplete="one-time-code" pattern="[0-9 ]*" maxLength={7} required error={error} className="acct-code" />
  );
}

/** Moves focus to a heading when a step appears, so screen readers announce the new step. */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => { ref.current?.focus(); }, []);
  return ref;
}

export interface Enrolment { secret: string; otpauthUri: string; qrDataUrl: string }

/** Scan the QR code (or type the key), then prove it with a first code. */
export function TotpEnrol({ start, confirm, onCancel }: { start: () => Promise<Enrolment>; confirm: (code: string) => Promise<void>; onCancel?: () => void }) {
  const { t } = useTranslation();
  const [e, setE] = useState<Enrolment | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  useEffect(() => {
    void start().then(setE, setError);
  }, [start]);
  const fe = useFieldErrors(error);
  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await confirm(code.replace(/\s/g, ''));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  if (!e) return error ? <ErrorBox error={error} /> : null;
  return (
    <form onSubmit={submit} noValidate className="acct-enrol">
      <p>{t('acct.tfScan')}</p>
      <img src={e.qrDataUrl} alt={t('acct.tfQrAlt')} width={240} height={240} className="acct-qr" />
      <p className="small">{t('acct.tfManual')}</p>
      <p><code className="acct-secret" data-testid="totp-secret">{e.secret.replace(/(.{4})/g, '$1 ').trim()}</code></p>
      <p>{t('acct.tfEnter')}</p>
      <ErrorBox error={error} />
      <CodeField id={`${id}-code`} value={code} onChange={setCode} error={fe.code} />
      <div className="btn-row">
        <button className="btn btn-primary" type="submit" disabled={busy || code.replace(/\s/g, '').length !== 6}>{t('acct.confirm')}</button>
        {onCancel && <button className="btn" type="button" onClick={onCancel}>{t('acct.cancel')}</button>}
      </div>
    </form>
  );
}

/** Shown once, right after they are made. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const h = useFocusOnMount<HTMLHeadingElement>();
  return (
    <section className="acct-codes" aria-labelledby="acct-codes-h">
      <h2 id="acct-codes-h" ref={h} tabIndex={-1}>{t('acct.codesTitle')}</h2>
      <p>{t('acct.codesLead')}</p>
      <ul aria-label={t('acct.codesList')} className="acct-codelist" data-testid="recovery-codes">
        {codes.map((c) => <li key={c}><code>{c}</code></li>)}
      </ul>
      <div className="btn-row">
        <button className="btn" type="button" onClick={() => window.print()}>{t('acct.print')}</button>
        <button className="btn btn-primary" type="button" onClick={onDone}>{t('acct.codesSaved')}</button>
      </div>
    </section>
  );
}

/** A browser's user-agent string in a few words ("Chrome on Windows"). */
export function deviceName(ua: string | null, unknown: string): string {
  if (!ua) return unknown;
  const browser = /Edg\//.test(ua) ? 'Edge' : /OPR\//.test(ua) ? 'Opera' : /Firefox\//.test(ua) ? 'Firefox' : /Chrome\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : null;
  const os = /Android/.test(ua) ? 'Android' : /iPhone|iPad/.test(ua) ? 'iOS' : /Windows/.test(ua) ? 'Windows' : /Mac OS X/.test(ua) ? 'macOS' : /Linux/.test(ua) ? 'Linux' : null;
  if (browser && os) return `${browser} · ${os}`;
  return browser ?? os ?? ua.slice(0, 60);
}
