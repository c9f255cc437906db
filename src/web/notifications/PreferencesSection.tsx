import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, get } from '../api';
import { addStrings } from '../i18n';
import { ErrorBox, Loading } from '../components/ui';
import { notificationStrings } from './locales';
import './notifications.css';

addStrings(notificationStrings);

interface Prefs { email: boolean; sms: boolean; inapp: true; email_address: string | null; phone: string | null }

/** On the citizen's account page: which channels tell them about their dossiers. */
export default function PreferencesSection() {
  const { t } = useTranslation();
  const id = useId();
  const [prefs, setPrefs] = useState<Prefs | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => { get<Prefs>('/my/notification-preferences').then(setPrefs, setError); }, []);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!prefs) return;
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      setPrefs(await api<Prefs>('PUT', '/my/notification-preferences', { email: prefs.email, sms: prefs.sms }));
      setSaved(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('ntf.prefTitle')}</h2>
      <p className="small muted">{t('ntf.prefLead')}</p>
      <ErrorBox error={error} />
      {!prefs ? (!error && <Loading />) : (
        <form onSubmit={submit} className="ntf-prefs">
          <fieldset>
            <legend className="sr-only-label">{t('ntf.prefTitle')}</legend>
            <label>
              <input type="checkbox" checked={prefs.email} onChange={(e) => { setPrefs({ ...prefs, email: e.target.checked }); setSaved(false); }} />
              {t('ntf.emailTo', { to: prefs.email_address ?? t('ntf.noAddress') })}
            </label>
            <label>
              <input type="checkbox" checked={prefs.sms} onChange={(e) => { setPrefs({ ...prefs, sms: e.target.checked }); setSaved(false); }} />
              {t('ntf.smsTo', { to: prefs.phone ?? t('ntf.noAddress') })}
            </label>
            <label>
              <input type="checkbox" checked disabled />{t('ntf.inapp')}
            </label>
          </fieldset>
          <div className="btn-row"><button className="btn btn-primary" type="submit" disabled={busy}>{t('ntf.save')}</button></div>
          {saved && <p role="status" className="small">{t('ntf.saved')}</p>}
        </form>
      )}
    </section>
  );
}
