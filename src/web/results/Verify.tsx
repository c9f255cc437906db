import { useEffect, useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError, get } from '../api';
import { fmtDate, fmtDateTime } from '../format';
import { ErrorBox, Page } from '../components/ui';
import { addStrings } from '../i18n';
import { verifyStrings } from './locales';

addStrings(verifyStrings);

/** Public page the QR code on every e-result points to: /xac-thuc/<code>. */
export default function Verify() {
  const { code: codeParam } = useParams();
  const { t } = useTranslation();
  const nav = useNavigate();
  const [code, setCode] = useState(codeParam ?? '');
  const [data, setData] = useState<any>(null);
  const [error, setError] = useState<unknown>(null);
  const [file, setFile] = useState<File | null>(null);
  const [upload, setUpload] = useState<any>(null);
  const [uploadError, setUploadError] = useState<unknown>(null);

  async function load(c: string) {
    setError(null);
    setData(null);
    try {
      setData(await get(`/public/results/${encodeURIComponent(c)}`));
    } catch (err) {
      setError(err instanceof ApiError && err.status === 404 ? new ApiError(404, t('verify.notFound'), t('verify.notFound'), 'not_found') : err);
    }
  }
  useEffect(() => {
    setCode(codeParam ?? '');
    if (codeParam) void load(codeParam);
  }, [codeParam]);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const c = code.trim().toUpperCase();
    if (c === codeParam) void load(c);
    else nav(`/xac-thuc/${encodeURIComponent(c)}`);
  }

  async function onUpload(e: FormEvent) {
    e.preventDefault();
    if (!file) return;
    setUpload(null);
    setUploadError(null);
    const fd = new FormData();
    fd.append('file', file, file.name);
    try {
      setUpload(await api('POST', '/public/results/verify', fd));
    } catch (err) {
      setUploadError(err);
    }
  }

  const banner = data && (data.status === 'valid' ? 'alert-ok' : 'alert-error');
  return (
    <Page title={t('verify.title')}>
      <p className="muted">{t('verify.lead')}</p>
      <form className="card narrow" onSubmit={onSubmit}>
        <label htmlFor="v-code">{t('verify.code')}</label>
        <input id="v-code" value={code} onChange={(e) => setCode(e.target.value)} required autoComplete="off" placeholder="KQ-XXXX-XXXX-XXXX" />
        <button className="btn btn-primary" type="submit">{t('verify.check')}</button>
      </form>
      <ErrorBox error={error} />
      {data && (
        <section className="card" aria-live="polite" data-status={data.status}>
          <p className={`alert ${banner}`} role="status"><b>{t(`verify.${data.status}`)}</b></p>
          <dl className="facts">
            <dt>{t('verify.docTitle')}</dt><dd>{data.title}</dd>
            <dt>{t('verify.dossier')}</dt><dd>{data.dossierCode}</dd>
            <dt>{t('verify.applicant')}</dt><dd>{data.applicant}</dd>
            <dt>{t('verify.issuer')}</dt><dd>{data.issuer}</dd>
            <dt>{t('verify.signer')}</dt><dd>{[...data.signatureLines, data.signerName].join(' — ')}</dd>
            <dt>{t('verify.issuedAt')}</dt><dd>{fmtDateTime(data.issuedAt)}</dd>
            <dt>{t('verify.authentic')}</dt><dd>{data.authentic ? t('verify.yes') : t('verify.no')}</dd>
            <dt>{t('verify.unaltered')}</dt><dd>{data.unaltered ? t('verify.yes') : t('verify.no')}</dd>
            {data.signatureType && <><dt>{t('verify.signatureType')}</dt><dd>{data.pades ? t('verify.pades') : data.signatureType === 'adbe.pkcs7.detached' ? t('verify.pkcs7') : data.signatureType} <span className="muted small">({data.signatureType})</span></dd></>}
            <dt>{t('verify.certificate')}</dt><dd>{data.certificate.subject} ({t('verify.certUntil')} {fmtDate(data.certificate.notAfter)}); {t('verify.certIssuer')}: {data.certificate.issuer}</dd>
            {data.revoked && <><dt>{t('verify.revokedAt')}</dt><dd>{fmtDateTime(data.revoked.at)}</dd><dt>{t('verify.reason')}</dt><dd>{data.revoked.reason}</dd></>}
          </dl>
        </section>
      )}
      <form className="card narrow" onSubmit={onUpload}>
        <h2>{t('verify.uploadTitle')}</h2>
        <label htmlFor="v-file">{t('verify.file')}</label>
        <input id="v-file" type="file" accept="application/pdf,.pdf" required onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        <p className="muted small">{t('verify.nothingStored')}</p>
        <button className="btn" type="submit">{t('verify.upload')}</button>
      </form>
      <ErrorBox error={uploadError} />
      {upload && (
        <p className={`alert ${upload.matchesIssued && upload.signatureValid ? 'alert-ok' : 'alert-error'}`} role="status" aria-live="polite">
          {upload.matchesIssued && upload.signatureValid
            ? <>{t('verify.fileMatches')} {upload.result && upload.result.status !== 'valid' && <b>{t(`verify.${upload.result.status}`)}</b>}</>
            : upload.signatureValid && upload.signer ? t('verify.fileSignedNotIssued', { signer: upload.signer }) : t('verify.fileBad')}
        </p>
      )}
    </Page>
  );
}
