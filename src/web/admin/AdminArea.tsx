import { lazy, Suspense } from 'react';
import { Link, Route, Routes } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Loading, Page } from '../components/ui';
import { useSession } from '../session';
import { addStrings } from '../i18n';
import { adminStrings } from './locales';
import './admin.css';

addStrings(adminStrings);

// The editor brings the form renderer (large); the calendar and the list do not need it.
const AdminHome = lazy(() => import('./AdminHome'));
const CatalogList = lazy(() => import('./CatalogList'));
const ProcedureEditor = lazy(() => import('./editor/ProcedureEditor'));
const CalendarPage = lazy(() => import('./calendar/CalendarPage'));
const StaffList = lazy(() => import('./users/StaffList'));
const StaffDetail = lazy(() => import('./users/StaffDetail'));
const SignInAudit = lazy(() => import('./users/SignInAudit'));
const SecurityPolicy = lazy(() => import('./users/SecurityPolicy'));
const DelegationsPage = lazy(() => import('./delegations/DelegationsPage'));
const MergersPage = lazy(() => import('./reorganisation/MergersPage'));
const DevMailbox = lazy(() => import('../notifications/DevMailbox'));
const ConnectorsPage = lazy(() => import('./connectors/ConnectorsPage'));
const ConnectorMessage = lazy(() => import('./connectors/ConnectorMessage'));

/** A signed-in official without an administrator role: say so plainly instead of showing empty pages. */
function Forbidden() {
  const { t } = useTranslation();
  const { me } = useSession();
  return (
    <Page title={t('adm.forbiddenTitle')}>
      <div className="card adm-forbidden" role="alert">
        <p><b>403</b> — {t('adm.forbiddenLead')}</p>
        <p>{t('adm.forbiddenWho', { name: me?.fullName ?? '' })}</p>
        <p>{t('adm.forbiddenHelp')}</p>
        <div className="btn-row"><Link className="btn btn-primary" to="/can-bo">{t('adm.forbiddenBack')}</Link></div>
      </div>
    </Page>
  );
}

function NotFound() {
  const { t } = useTranslation();
  return <Page title="404"><p>{t('notFound')}</p><Link to="/quan-tri">{t('adm.homeTitle')}</Link></Page>;
}

export default function AdminArea() {
  const { hasRole } = useSession();
  if (!hasRole('catalog_admin', 'system_admin')) {
    // Supervisors see their agencies' external-agency requests here, nothing else of the area.
    if (!hasRole('supervisor')) return <Forbidden />;
    return (
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="ket-noi" element={<ConnectorsPage />} />
          <Route path="ket-noi/:id" element={<ConnectorMessage />} />
          <Route path="*" element={<Forbidden />} />
        </Routes>
      </Suspense>
    );
  }
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route index element={<AdminHome />} />
        <Route path="thu-tuc" element={<CatalogList />} />
        <Route path="thu-tuc/moi" element={<ProcedureEditor />} />
        <Route path="thu-tuc/:code" element={<ProcedureEditor />} />
        <Route path="lich" element={<CalendarPage />} />
        <Route path="can-bo" element={<StaffList />} />
        <Route path="can-bo/:id" element={<StaffDetail />} />
        <Route path="nhat-ky-dang-nhap" element={<SignInAudit />} />
        <Route path="chinh-sach-bao-mat" element={<SecurityPolicy />} />
        <Route path="uy-quyen" element={<DelegationsPage />} />
        <Route path="sap-xep-don-vi" element={<MergersPage />} />
        <Route path="hop-thu" element={<DevMailbox />} />
        <Route path="ket-noi" element={<ConnectorsPage />} />
        <Route path="ket-noi/:id" element={<ConnectorMessage />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </Suspense>
  );
}
