import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fmtSize } from '../format';

export interface DossierDocument {
  documentCode: string;
  documentName: string;
  fileId: string;
  filename: string;
  mime: string;
  size: number;
  addedBy: number;
  url: string;
}

/**
 * The dossier's documents with an inline viewer: PDFs in a frame, images as images, so the
 * official reads them without downloading. One document is shown at a time.
 */
export function Documents({ docs }: { docs: DossierDocument[] }) {
  const { t } = useTranslation();
  const ordered = [...docs.filter((x) => x.documentCode === 'result'), ...docs.filter((x) => x.documentCode !== 'result')];
  const [current, setCurrent] = useState<string | null>(ordered[0]?.fileId ?? null);
  const doc = ordered.find((x) => x.fileId === current) ?? ordered[0];
  if (!doc) return <p className="muted">{t('staff.dossier.noDocuments')}</p>;
  return (
    <div className="doc-viewer">
      <ul className="doc-list" aria-label={t('staff.dossier.documents')}>
        {ordered.map((x) => (
          <li key={x.fileId}>
            <button type="button" className={`doc-item${x.fileId === doc.fileId ? ' current' : ''}`} aria-pressed={x.fileId === doc.fileId} onClick={() => setCurrent(x.fileId)}>
              <span className="doc-type" aria-hidden="true">{x.mime === 'application/pdf' ? 'PDF' : x.mime.replace(/^image\//, '').toUpperCase().replace('JPEG', 'JPG')}</span>
              <span className="doc-text">
                <span className="doc-name">{x.documentCode === 'result' ? `★ ${t('staff.dossier.results')}` : x.documentName}</span>
                <span className="small muted">{x.filename} · {fmtSize(x.size)}{x.addedBy > 1 ? ` · ${t('staff.dossier.addedAt', { seq: x.addedBy })}` : ''}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
      <figure className="doc-frame-wrap" aria-label={t('staff.dossier.viewer')}>
        <figcaption className="doc-caption">
          <span className="clamp" title={doc.documentName}>{t('staff.dossier.viewing', { name: doc.filename })}</span>
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
  );
}
