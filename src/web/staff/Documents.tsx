import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fmtDate, fmtSize } from '../format';
import { addStrings } from '../i18n';
import { provenanceStrings } from './provenance-locales';

addStrings(provenanceStrings);

/** Where a document came from (dossier_document.source) and, for a data-store item, what the store said about it. */
export type DocumentSource = 'upload' | 'store' | 'desk' | 'result';
export interface DocumentOrigin { documentType: string; title: string; issuer: string | null; issuedOn: string | null; validUntil: string | null; source: string; sourceDossierCode: string | null }

/** The submission's check of the applicant's identity fields against the population database. */
export interface IdentityCheck { result: 'population' | 'not_found' | 'in_person'; adapter?: string; checkedAt: string; verified: string[]; unverified: string[] }

export interface DossierDocument {
  documentCode: string;
  documentName: string;
  fileId: string;
  filename: string;
  mime: string;
  size: number;
  addedBy: number;
  url: string;
  source?: DocumentSource;
  origin?: DocumentOrigin | null;
}

/** Provenance in one line: "Reused from the personal data store — Trích lục khai sinh, source: …". */
function Provenance({ doc }: { doc: DossierDocument }) {
  const { t } = useTranslation();
  const src = doc.source ?? 'upload';
  const o = doc.origin;
  const tone = src === 'store' ? 'badge-ok' : src === 'result' ? 'badge-info' : src === 'desk' ? 'badge-warn' : 'badge-info';
  const details = o ? [
    o.title,
    t('prov.storeSource', { source: t(`provSource.${o.source}`) }),
    o.sourceDossierCode ? t('prov.ofDossier', { code: o.sourceDossierCode }) : null,
    o.issuer,
    o.issuedOn ? t('prov.issued', { date: fmtDate(o.issuedOn) }) : null,
    o.validUntil ? t('prov.validUntil', { date: fmtDate(o.validUntil) }) : null,
  ].filter(Boolean).join(' · ') : null;
  return (
    <span className="small" data-testid="provenance">
      <span className={`badge ${tone}`}>{t(`prov.${src}`)}</span>{details ? <> {details}</> : null}
    </span>
  );
}

/** Whether the applicant's identity fields were verified against the population database. */
export function IdentityCheckNote({ check, schema }: { check: IdentityCheck | null | undefined; schema?: any }) {
  const { t } = useTranslation();
  const title = (path: string) => {
    let s = schema;
    for (const part of path.split('.')) s = s?.properties?.[part];
    return s?.title ?? path;
  };
  const body = !check ? <p>{t('prov.idNone')}</p>
    : check.result === 'in_person' ? <p>{t('prov.idInPerson')}</p>
    : check.result === 'not_found' ? <p>{t('prov.idNotFound')}</p>
    : (
      <>
        <p>{t('prov.idPopulation', { count: check.verified.length })}</p>
        {check.unverified.length > 0 && <p>{t('prov.idUnverified', { fields: check.unverified.map(title).join(', ') })}</p>}
      </>
    );
  const tone = check?.result === 'population' && check.unverified.length === 0 ? 'alert-ok' : check?.result === 'in_person' ? 'alert-info' : 'alert-error';
  return (
    <div className={`alert ${tone}`} data-testid="identity-check">
      <b>{t('prov.idTitle')}</b>
      {body}
    </div>
  );
}

/**
 * The dossier's documents with an inline viewer: PDFs in a frame, images as images, so the
 * official reads them without downloading. One document is shown at a time.
 */
export function Documents({ docs, identity, schema }: { docs: DossierDocument[]; identity?: IdentityCheck | null; schema?: any }) {
  const { t } = useTranslation();
  const check = identity !== undefined ? <IdentityCheckNote check={identity} schema={schema} /> : null;
  const ordered = [...docs.filter((x) => x.documentCode === 'result'), ...docs.filter((x) => x.documentCode !== 'result')];
  const [current, setCurrent] = useState<string | null>(ordered[0]?.fileId ?? null);
  const doc = ordered.find((x) => x.fileId === current) ?? ordered[0];
  if (!doc) return <>{check}<p className="muted">{t('staff.dossier.noDocuments')}</p></>;
  return (
    <>
    {check}
    <div className="doc-viewer">
      <ul className="doc-list" aria-label={t('staff.dossier.documents')}>
        {ordered.map((x) => (
          <li key={x.fileId}>
            <button type="button" className={`doc-item${x.fileId === doc.fileId ? ' current' : ''}`} aria-pressed={x.fileId === doc.fileId} onClick={() => setCurrent(x.fileId)}>
              <span className="doc-type" aria-hidden="true">{x.mime === 'application/pdf' ? 'PDF' : x.mime.replace(/^image\//, '').toUpperCase().replace('JPEG', 'JPG')}</span>
              <span className="doc-text">
                <span className="doc-name">{x.documentCode === 'result' ? `★ ${t('staff.dossier.results')}` : x.documentName}</span>
                <span className="small muted">{x.filename} · {fmtSize(x.size)}{x.addedBy > 1 ? ` · ${t('staff.dossier.addedAt', { seq: x.addedBy })}` : ''}</span>
                <Provenance doc={x} />
              </span>
            </button>
          </li>
        ))}
      </ul>
      <figure className="doc-frame-wrap" aria-label={t('staff.dossier.viewer')}>
        <figcaption className="doc-caption">
          <span className="clamp" title={doc.documentName}>{t('staff.dossier.viewing', { name: doc.filename })}</span>
          <span aria-label={t('prov.origin')}><Provenance doc={doc} /></span>
          <span className="doc-links">
            <a href={doc.url} target="_blank" rel="noreferrer">{t('staff.dossier.openNew')}</a>
            <a href={doc.url} download={doc.filename}>{t('staff.dossier.download')}</a>
          </span>
        </figcaption>
        {doc.mime === 'application/pdf' ? (
          <iframe key={doc.fileId} className="doc-frame" src={doc.url} title={`${doc.documentName}: ${doc.filename}`} />
        ) : doc.mime.startsWith('image/') ? (
          <img key={doc.fileId} className="doc-image" src={doc.url} alt={`${doc.documentName}: ${doc.filename}`} />
        ) : (
          <p><a href={doc.url}>{doc.filename}</a></p>
        )}
      </figure>
    </div>
    </>
  );
}
