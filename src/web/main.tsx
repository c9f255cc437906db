import { StrictMode, Suspense, lazy } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router';
import { useTranslation } from 'react-i18next';
import './i18n';
import './styles.css';
import { SessionProvider } from './session';
import { Layout } from './components/Layout';
import { Loading, Page } from './components/ui';
import { RequireSession } from './components/RequireSession';
import SignIn from './components/SignIn';
import Home from './citizen/Home';
import { citizenRoutes } from './citizen/routes';

// Staff areas are separate chunks: a citizen's phone never downloads them.
const StaffArea = lazy(() => import('./staff/StaffArea'));
const DeskArea = lazy(() => import('./desk/DeskArea'));
const AdminArea = lazy(() => import('./admin/AdminArea'));
const AccountPage = lazy(() => import('./account/AccountPage'));

function NotFound() {
  const { t } = useTranslation();
  return <Page title="404"><p>{t('notFound')}</p></Page>;
}

function App() {
  return (
    <SessionProvider>
      <BrowserRouter>
        <Layout>
          <Suspense fallback={<Loading />}>
            <Routes>
              <Route path="/" element={<Home />} />
              <Route path="/dang-nhap" element={<SignIn />} />
              {citizenRoutes}
              <Route path="/can-bo/*" element={<RequireSession kind="staff"><StaffArea /></RequireSession>} />
              <Route path="/mot-cua/*" element={<DeskArea />} />
              <Route path="/quan-tri/*" element={<RequireSession kind="staff"><AdminArea /></RequireSession>} />
              <Route path="/tai-khoan" element={<RequireSession><AccountPage /></RequireSession>} />
              <Route path="*" element={<NotFound />} />
            </Routes>
          </Suspense>
        </Layout>
      </BrowserRouter>
    </SessionProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
