import { useEffect, useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { get, newKey, post } from '../api';
import { fmtDateTime } from '../format';
import { ErrorBox } from '../components/ui';
import { addStrings } from '../i18n';
import { verifyStrings } from './locales';

addStrings(verifyStrings);

interface EResult {
  id: string; code: string; title: string; issuer: string; signerName: string; issuedAt: string; verifyUrl: string;
  revoked: { at: string; reason: string; by: string | null } | null;
}

/**
 * The dossier's electronic results with their verification code and link; staff of the issuing
 * agency may revoke one (the API lets only its signing authority or supervisor do it).
 */
export function ResultsPanel({ dossierId, staff = false }: { dossierId: string; staff?: boolean }) {
  const { t } = useTranslation();
  const [items, setItems] = useState<EResult[]>([]);
  const [error, setError] = useState<unknown>(null);
  const load = () => get<{ items: EResult[] }>(`/results?dossierId=${dossierId}`).then((r) => setItems(r.items), setError);
  useEffect(() => { void load(); }, [dossierId]);
  if (!items.length && !error) return null;
  return (
    <section className="card" aria-labelledby="h-eresults">
      <h2 id="h-eresults">{t('verify.panelTitle')}</h2>
      <ErrorBox error={error} />
      {items.map((r) => (
        <div key={r.id} className="eresult">
          <p>
            <b>{r.title}</b> — {r.issuer}, {fmtDateTime(r.issuedAt)}<br />
            {t('verify.code')}: <span className="mono">{r.code}</span>{' '}
            <Link to={`/xac-thuc/${encodeURIComponent(r.code)}`}>{t('verify.open')}</Link>
          </p>
          {r.revoked
            ? <p className="alert alert-error" role="status">{t('verify.revoked')} {fmtDateTime(r.revoked.at)} — {t('verify.reason')}: {r.revoked.reason}{r.revoked.by ? ` (${r.revoked.by})` : ''}</p>
            : staff && <RevokeForm id={r.id} onDone={load} />}
        </div>
      ))}
    </section>
  );
}

function RevokeForm({ id, onDone }: { id: string; onDone: () => void }) {
  const { t } = useTranslation();
  const fid = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [key] = useState(newKey);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await post(`/results/${id}/revoke`, { reason: reason.trim() }, key);
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  if (!open) return <button type="button" className="btn" onClick={() => setOpen(true)}>{t('verify.revoke')}</button>;
  return (
    <form onSubmit={submit}>
      <label htmlFor={`${fid}-reason`}>{t('verify.revokeReason')}</label>
      <textarea id={`${fid}-reason`} value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={1000} rows={2} />
      <p className="small muted">{t('verify.revokeHint')}</p>
      <ErrorBox error={error} />
      <button type="submit" className="btn btn-danger" disabled={busy || !reason.trim()}>{t('verify.revokeSubmit')}</button>{' '}
      <button type="button" className="btn" onClick={() => setOpen(false)}>{t('verify.cancel')}</button>
    </form>
  );
}
