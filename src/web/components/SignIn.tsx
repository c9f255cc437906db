import { useState, type FormEvent } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession, type Me } from '../session';
import { get, post } from '../api';
import { SignInSteps, type Challenge } from '../account/SignInSteps';
import { ErrorBox, Page } from './ui';
import EidSignIn from './EidSignIn';

export default function SignIn() {
  const { t } = useTranslation();
  const { refresh } = useSession();
  const nav = useNavigate();
  const loc = useLocation();
  const next = new URLSearchParams(loc.search).get('next');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // A further step after the password (TOTP code, new password, mandatory enrolment): no session yet.
  const [challenge, setChallenge] = useState<Challenge | null>(null);
  async function finish() {
    const me = await get<Me>('/auth/me');
    await refresh();
    nav(next && next.startsWith('/') ? next : me.kind === 'staff' ? '/can-bo' : '/ho-so-cua-toi', { replace: true });
  }
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await post<Challenge | { token: string }>('/auth/login', { username: username.trim(), password });
      setPassword('');
      if ('next' in r) setChallenge(r);
      else await finish();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  if (challenge) {
    return (
      <Page title={t('signIn.title')}>
        <div className="card narrow"><SignInSteps first={challenge} onSignedIn={() => void finish()} onRestart={() => setChallenge(null)} /></div>
      </Page>
    );
  }
  return (
    <Page title={t('signIn.title')}>
      <EidSignIn />
      <form className="card narrow" onSubmit={onSubmit} noValidate>
        {next && <p className="muted">{t('signIn.needed')}</p>}
        <ErrorBox error={error} />
        <label htmlFor="username">{t('signIn.username')}</label>
        <input id="username" name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
        <label htmlFor="password">{t('signIn.password')}</label>
        <input id="password" name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        <button className="btn btn-primary" type="submit" disabled={busy}>{t('signIn.submit')}</button>
        <p className="muted small">{t('signIn.demo')}</p>
      </form>
    </Page>
  );
}
