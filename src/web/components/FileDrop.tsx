import { useId, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, uploadFile } from '../api';
import { fmtSize } from '../format';

export interface Uploaded { id: string; filename: string; mime: string; size: number; preview?: string }

/**
 * Drag-and-drop (or choose) uploads with a progress bar per file and a preview: a thumbnail for
 * images, a link for PDFs. Errors from the server are shown next to the file that caused them.
 */
export function FileDrop({ label, files, onChange, describedBy }: { label: string; files: Uploaded[]; onChange: (f: Uploaded[]) => void; describedBy?: string }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  // Each file in flight (or refused) keeps its own row, found by key: several files can be dropped at once.
  const [progress, setProgress] = useState<{ key: number; name: string; value: number; error?: string }[]>([]);
  const seq = useRef(0);
  const current = useRef(files);
  current.current = files;

  async function add(list: FileList | null) {
    if (!list) return;
    for (const file of Array.from(list)) {
      const key = ++seq.current;
      const update = (patch: { value?: number; error?: string }) => setProgress((p) => p.map((x) => (x.key === key ? { ...x, ...patch } : x)));
      setProgress((p) => [...p, { key, name: file.name, value: 0 }]);
      try {
        const res = await uploadFile(file, (v) => update({ value: v }));
        const preview = file.type.startsWith('image/') ? URL.createObjectURL(file) : undefined;
        onChange([...current.current, { ...res, preview }]);
        setProgress((p) => p.filter((x) => x.key !== key));
      } catch (e) {
        update({ error: e instanceof ApiError ? e.text(i18n.language) : t('common.unexpectedError') });
      }
    }
  }
  const onDrop = (e: DragEvent) => { e.preventDefault(); setOver(false); void add(e.dataTransfer.files); };
  return (
    <div role="group" aria-labelledby={`${id}-l`} aria-describedby={describedBy}>
      <div id={`${id}-l`} className="label">{label}</div>
      <div className={over ? 'dropzone over' : 'dropzone'} onDragOver={(e) => { e.preventDefault(); setOver(true); }} onDragLeave={() => setOver(false)} onDrop={onDrop}>
        {t('apply.drop')}{' '}
        <button type="button" className="linklike" style={{ color: '#0b57b3', textDecoration: 'underline' }} onClick={() => input.current?.click()}>{t('apply.browse')}</button>
        <div className="small muted">{t('apply.accepted')}</div>
        <input ref={input} type="file" multiple accept="application/pdf,image/jpeg,image/png" hidden onChange={(e) => { void add(e.target.files); e.target.value = ''; }} aria-label={label} />
      </div>
      {progress.map((p) => (
        <div key={p.key} className="file-row">
          {p.error ? (
            <>
              <span className="field-error" role="alert">{t('apply.notUploaded', { name: p.name })} {p.error}</span>
              <button type="button" className="btn" onClick={() => setProgress((x) => x.filter((y) => y.key !== p.key))} aria-label={`${t('common.close')}: ${p.name}`}>✕</button>
            </>
          ) : (
            <>
              <span>{t('apply.uploading', { name: p.name })}</span>
              <progress max={1} value={p.value} aria-label={p.name} />
            </>
          )}
        </div>
      ))}
      {files.map((f) => (
        <div key={f.id} className="file-row">
          {f.preview ? <img src={f.preview} alt="" /> : <span className="badge badge-info" aria-hidden="true">PDF</span>}
          <a href={`/api/v1/files/${f.id}`} target="_blank" rel="noreferrer">{f.filename}</a>
          {f.size > 0 && <span className="muted small">{fmtSize(f.size)}</span>}
          <button type="button" className="btn btn-danger" onClick={() => onChange(files.filter((x) => x.id !== f.id))} aria-label={`${t('apply.remove')} ${f.filename}`}>✕</button>
        </div>
      ))}
    </div>
  );
}
