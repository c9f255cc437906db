import { lazy, Suspense } from 'react';
import { Routes, Route } from 'react-router';
import { useTranslation } from 'react-i18next';
import { addStrings } from '../i18n';
import { Loading, Page } from '../components/ui';
import { RequireDesk } from './common';
import { deskStrings } from './locales';

addStrings(deskStrings);

// The kiosk and the TV board are public devices: they load only their own small chunks.
const DeskHome = lazy(() => import('./DeskHome'));
const Kiosk = lazy(() => import('./Kiosk'));
const Board = lazy(() => import('./Board'));
const Counter = lazy(() => import('./Counter'));
const Reception = lazy(() => import('./Reception'));
const ReturnResults = lazy(() => import('./ReturnResults'));

function NotFound() {
  const { t } = useTranslation();
  return <Page title="404"><p>{t('notFound')}</p></Page>;
}

/** The one-stop desk (/mot-cua/*). Each page handles its own sign-in: the kiosk and the board need none. */
export default function DeskArea() {
  return (
    <div className="desk-scope">
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route index element={<DeskHome />} />
          <Route path="kiosk/:agencyCode" element={<Kiosk />} />
          <Route path="man-hinh/:agencyCode" element={<Board />} />
          <Route path="quay" element={<RequireDesk><Counter /></RequireDesk>} />
          <Route path="tiep-nhan" element={<RequireDesk><Reception /></RequireDesk>} />
          <Route path="tra-ket-qua" element={<RequireDesk><ReturnResults /></RequireDesk>} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </Suspense>
    </div>
  );
}
