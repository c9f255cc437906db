import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get } from '../api';
import { useLocalName } from '../components/ui';
import './strings';
import './privacy.css';

interface Purpose { code: string; name: string; nameEn: string; selectable: boolean; needsNote: boolean }

/**
 * The purpose an official states before looking a citizen up (Decree 13/2023: purpose-bound
 * access). `query` goes on GET /citizens/:id or /population/people/:id; `picker` lets the official
 * change it (the page's own purpose is the default, e.g. the desk's "receiving a dossier").
 * Purposes that need a written ground (inspection) are not offered here.
 */
export function useLookupPurpose(defaultCode: string) {
  const { t } = useTranslation();
  const pick = useLocalName();
  const [code, setCode] = useState(defaultCode);
  const [purposes, setPurposes] = useState<Purpose[]>([]);
  useEffect(() => {
    get<{ items: Purpose[] }>('/privacy/purposes').then((r) => setPurposes(r.items.filter((p) => p.selectable && !p.needsNote)), () => {});
  }, []);
  const query = `purpose=${encodeURIComponent(code)}`;
  const picker = (
    <div className="pda-lookup">
      <label htmlFor="lookup-purpose" className="small">{t('privacy.lookup.label')}</label>
      <select id="lookup-purpose" value={code} onChange={(e) => setCode(e.target.value)} aria-describedby="lookup-purpose-note">
        {purposes.length === 0 ? <option value={code}>{code}</option> : purposes.map((p) => <option key={p.code} value={p.code}>{pick(p.name, p.nameEn)}</option>)}
      </select>
      <span id="lookup-purpose-note" className="small muted">{t('privacy.lookup.note')}</span>
    </div>
  );
  return { code, query, picker };
}
