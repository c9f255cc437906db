import { useState, type FormEvent } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session';
import { ErrorBox, Page } from './ui';
import EidSignIn from './EidSignIn';

export default function SignIn() {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const nav = useNavigate();
  const loc = useLocation();
  const next = new URLSearchParams(loc.search).get('next');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const me = await signIn(username.trim(), password);
      nav(next && next.startsWith('/') ? next : me.kind === 'staff' ? '/can-bo' : '/ho-so-cua-toi', { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
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
