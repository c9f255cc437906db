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
  const [progress, setProgress] = useState<{ name: string; value: number; error?: string }[]>([]);
  const current = useRef(files);
  current.current = files;

  async function add(list: FileList | null) {
    if (!list) return;
    for (const file of Array.from(list)) {
      const idx = progress.length;
      setProgress((p) => [...p, { name: file.name, value: 0 }]);
      try {
        const res = await uploadFile(file, (v) => setProgress((p) => p.map((x, i) => (i === idx ? { ...x, value: v } : x))));
        const preview = file.type.startsWith('image/') ? URL.createObjectURL(file) : undefined;
        onChange([...current.current, { ...res, preview }]);
        setProgress((p) => p.filter((_, i) => i !== idx));
      } catch (e) {
        const msg = e instanceof ApiError ? e.text(i18n.language) : String(e);
        setProgress((p) => p.map((x, i) => (i === idx ? { ...x, error: msg } : x)));
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
      {progress.map((p, i) => (
        <div key={i} className="file-row">
          <span>{t('apply.uploading', { name: p.name })}</span>
          {p.error ? <span className="field-error" role="alert">{p.error}</span> : <progress max={1} value={p.value} aria-label={p.name} />}
        </div>
      ))}
      {files.map((f) => (
        <div key={f.id} className="file-row">
          {f.preview ? <img src={f.preview} alt="" /> : <span className="badge badge-info" aria-hidden="true">PDF</span>}
          <a href={`/api/v1/files/${f.id}`} target="_blank" rel="noreferrer">{f.filename}</a>
          <span className="muted small">{fmtSize(f.size)}</span>
          <button type="button" className="btn btn-danger" onClick={() => onChange(files.filter((x) => x.id !== f.id))} aria-label={`${t('apply.remove')} ${f.filename}`}>✕</button>
        </div>
      ))}
    </div>
  );
}
