import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useLocalName } from '../components/ui';
import './common';

export interface DossierInterconnect { applicationId: string; code: string; groupName: string; groupNameEn: string; partKey: string }

/** On a child dossier: "Thuộc hồ sơ liên thông <code>: <group>", linking to the application page. */
export function PartOfBadge({ link }: { link: DossierInterconnect | null | undefined }) {
  const { t } = useTranslation();
  const pick = useLocalName();
  if (!link) return null;
  return (
    <p style={{ margin: '.4rem 0' }}>
      <Link className="ic-badge-link" to={`/ho-so-lien-thong/${link.applicationId}`} data-testid="interconnect-badge">
        {t('ic.partOf', { code: link.code, group: pick(link.groupName, link.groupNameEn) })}
      </Link>
    </p>
  );
}
