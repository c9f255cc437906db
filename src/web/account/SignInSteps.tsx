import { useCallback, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, post } from '../api';
import { addStrings } from '../i18n';
import { ErrorBox } from '../components/ui';
import { accountStrings } from './locales';
import { CodeField, Field, RecoveryCodes, TotpEnrol, useFieldErrors, useFocusOnMount } from './parts';
import './account.css';

addStrings(accountStrings);

/** What POST /auth/login answers when a further step is needed. */
export interface Challenge { next: 'totp' | 'enrol_totp' | 'change_password'; challenge: string; user: { fullName: string } }
type Answer = Challenge | { token: string; recoveryCodes?: string[] };

/**
 * The sign-in steps after a correct password: a TOTP code (or recovery code), a new password
 * when an administrator set it, TOTP enrolment when the account's roles require it. No session
 * exists until the last step succeeds; `onSignedIn` runs then.
 */
export function SignInSteps({ first, onSignedIn, onRestart }: { first: Challenge; onSignedIn: () => void; onRestart: () => void }) {
  const [step, setStep] = useState<Challenge>(first);
  const [codes, setCodes] = useState<string[] | null>(null);
  const advance = (a: Answer) => {
    if ('next' in a) setStep(a);
    else if (a.recoveryCodes) setCodes(a.recoveryCodes);
    else onSignedIn();
  };
  if (codes) return <RecoveryCodes codes={codes} onDone={onSignedIn} />;
  if (step.next === 'totp') return <TotpStep key={step.challenge} c={step} advance={advance} onRestart={onRestart} />;
  if (step.next === 'change_password') return <PasswordStep key={step.challenge} c={step} advance={advance} onRestart={onRestart} />;
  return <EnrolStep key={step.challenge} c={step} advance={advance} onRestart={onRestart} />;
}

interface StepProps { c: Challenge; advance: (a: Answer) => void; onRestart: () => void }

/** A spent or expired challenge: the only way on is to sign in again. */
function isExpired(e: unknown) {
  return e instanceof ApiError && (e.code === 'challenge_expired' || e.code === 'account_locked');
}

function TotpStep({ c, advance, onRestart }: StepProps) {
  const { t } = useTranslation();
  const id = useId();
  const h = useFocusOnMount<HTMLHeadingElement>();
  const [recovery, setRecovery] = useState(false);
  const [value, setValue] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      advance(await post<Answer>('/auth/login/second-factor', recovery ? { challenge: c.challenge, recoveryCode: value } : { challenge: c.challenge, code: value.replace(/\s/g, '') }));
    } catch (err) {
      setError(err);
      setValue('');
    } finally {
      setBusy(false);
    }
  }
  const left = error instanceof ApiError ? (error.body?.attemptsLeft as number | undefined) : undefined;
  return (
    <form onSubmit={submit} noValidate>
      <h2 ref={h} tabIndex={-1}>{t('acct.stepTotpTitle')}</h2>
      <p>{t('acct.stepTotpLead', { name: c.user.fullName })}</p>
      <ErrorBox error={error} />
      {left !== undefined && left > 0 && <p className="small muted" role="status">{t('acct.attemptsLeft', { count: left })}</p>}
      {recovery
        ? <Field id={`${id}-rc`} label={t('acct.recoveryCode')} value={value} onChange={(e) => setValue(e.target.value)} autoComplete="off" autoCapitalize="characters" required />
        : <CodeField id={`${id}-code`} value={value} onChange={setValue} />}
      <div className="btn-row">
        {isExpired(error)
          ? <button className="btn btn-primary" type="button" onClick={onRestart}>{t('acct.restart')}</button>
          : <button className="btn btn-primary" type="submit" disabled={busy || !value.trim()}>{t('acct.confirm')}</button>}
        <button className="linklike" type="button" onClick={() => { setRecovery(!recovery); setValue(''); setError(null); }}>
          {recovery ? t('acct.useCode') : t('acct.useRecovery')}
        </button>
      </div>
    </form>
  );
}

function PasswordStep({ c, advance, onRestart }: StepProps) {
  const { t } = useTranslation();
  const id = useId();
  const h = useFocusOnMount<HTMLHeadingElement>();
  const [pw, setPw] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [mismatch, setMismatch] = useState(false);
  const [busy, setBusy] = useState(false);
  const fe = useFieldErrors(error);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setMismatch(pw !== again);
    if (pw !== again) return;
    setBusy(true);
    setError(null);
    try {
      advance(await post<Answer>('/auth/login/change-password', { challenge: c.challenge, newPassword: pw }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form onSubmit={submit} noValidate>
      <h2 ref={h} tabIndex={-1}>{t('acct.stepPwTitle')}</h2>
      <p>{t('acct.stepPwLead')}</p>
      <ErrorBox error={error} />
      <Field id={`${id}-new`} label={t('acct.newPw')} type="password" autoComplete="new-password" value={pw} onChange={(e) => setPw(e.target.value)} required
        hint={t('acct.pwHint', { min: 12 })} error={fe.newPassword} />
      <Field id={`${id}-again`} label={t('acct.newPwAgain')} type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} required
        error={mismatch ? t('acct.pwMismatch') : undefined} />
      <div className="btn-row">
        {isExpired(error)
          ? <button className="btn btn-primary" type="button" onClick={onRestart}>{t('acct.restart')}</button>
          : <button className="btn btn-primary" type="submit" disabled={busy}>{t('acct.continue')}</button>}
      </div>
    </form>
  );
}

function EnrolStep({ c, advance, onRestart }: StepProps) {
  const { t } = useTranslation();
  const h = useFocusOnMount<HTMLHeadingElement>();
  const start = useCallback(() => post('/auth/login/enrol-totp', { challenge: c.challenge }), [c.challenge]);
  const confirm = useCallback(async (code: string) => advance(await post<Answer>('/auth/login/enrol-totp/confirm', { challenge: c.challenge, code })), [c.challenge, advance]);
  return (
    <div>
      <h2 ref={h} tabIndex={-1}>{t('acct.stepEnrolTitle')}</h2>
      <p>{t('acct.stepEnrolLead', { name: c.user.fullName })}</p>
      <TotpEnrol start={start} confirm={confirm} onCancel={onRestart} />
    </div>
  );
}
