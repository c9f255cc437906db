import { lazy } from 'react';
import { Route } from 'react-router';
import { RequireSession } from '../components/RequireSession';
import '../privacy/strings';
import { addStrings } from '../i18n';
import { dataStoreNavStrings } from './once-only-locales';

addStrings(dataStoreNavStrings);

// Each citizen page is its own small chunk; the home page ships only the search box.
const Procedures = lazy(() => import('./Procedures'));
const ProcedurePage = lazy(() => import('./ProcedurePage'));
const Apply = lazy(() => import('./Apply'));
const MyDossiers = lazy(() => import('./MyDossiers'));
const DossierView = lazy(() => import('./DossierView'));
const Track = lazy(() => import('./Track'));
const DataAccess = lazy(() => import('../privacy/DataAccess'));
const MyData = lazy(() => import('./MyData'));
const VerifyResult = lazy(() => import('../results/Verify'));
const InterconnectGroups = lazy(() => import('../interconnect/Groups'));
const InterconnectGroup = lazy(() => import('../interconnect/GroupPage'));
const InterconnectApply = lazy(() => import('../interconnect/Apply'));
const InterconnectApplication = lazy(() => import('../interconnect/ApplicationView'));

export const citizenRoutes = (
  <>
    <Route path="/thu-tuc" element={<Procedures />} />
    <Route path="/thu-tuc/:code" element={<ProcedurePage />} />
    <Route path="/thu-tuc/:code/nop-ho-so" element={<RequireSession kind="citizen"><Apply /></RequireSession>} />
    <Route path="/ho-so-cua-toi" element={<RequireSession kind="citizen"><MyDossiers /></RequireSession>} />
    <Route path="/ho-so/:id" element={<RequireSession kind="citizen"><DossierView /></RequireSession>} />
    <Route path="/ai-da-xem-du-lieu" element={<RequireSession kind="citizen"><DataAccess /></RequireSession>} />
    <Route path="/kho-du-lieu" element={<RequireSession kind="citizen"><MyData /></RequireSession>} />
    <Route path="/tra-cuu" element={<Track />} />
    <Route path="/tra-cuu/:code" element={<Track />} />
    <Route path="/xac-thuc" element={<VerifyResult />} />
    <Route path="/xac-thuc/:code" element={<VerifyResult />} />
    <Route path="/lien-thong" element={<InterconnectGroups />} />
    <Route path="/lien-thong/:code" element={<InterconnectGroup />} />
    <Route path="/lien-thong/:code/nop-ho-so" element={<RequireSession kind="citizen"><InterconnectApply /></RequireSession>} />
    {/* The applicant and the staff of the agencies holding a part (the server decides who may see it). */}
    <Route path="/ho-so-lien-thong/:id" element={<RequireSession><InterconnectApplication /></RequireSession>} />
  </>
);
