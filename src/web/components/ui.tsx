import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';
import { ApiError } from '../api';

/** An error in the user's language, announced to screen readers. */
export function ErrorBox({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  const msg = error instanceof ApiError ? error.text(i18n.language) : t('common.unexpectedError');
  return (
    <div className="alert alert-error" role="alert">
      {msg}
    </div>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="muted" role="status" aria-live="polite">
      {t('common.loading')}
    </p>
  );
}

export function StatusBadge({ status, name }: { status: number; name?: { vi: string; en: string } }) {
  const { i18n } = useTranslation();
  const tone = status === 10 || status === 9 ? 'ok' : status === 3 || status === 8 || status === 7 ? 'bad' : status === 5 || status === 6 ? 'warn' : 'info';
  return <span className={`badge badge-${tone}`}>{name ? (i18n.language === 'en' ? name.en : name.vi) : status}</span>;
}

export function Timeliness({ value }: { value: string | null | undefined }) {
  const { t } = useTranslation();
  if (!value) return null;
  const tone = value === 'late' ? 'bad' : value === 'in_progress' ? 'info' : 'ok';
  return <span className={`badge badge-${tone}`}>{t(`timeliness.${value}`)}</span>;
}

export function Page({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section className="page">
      <div className="page-head">
        <h1>{title}</h1>
        {actions}
      </div>
      {children}
    </section>
  );
}

/** Localised pick of {vi, en} or name/nameEn pairs. */
export function useLocalName() {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  return (vi?: string | null, enText?: string | null) => (en && enText ? enText : vi ?? enText ?? '');
}
