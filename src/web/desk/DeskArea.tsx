import { Routes, Route } from 'react-router';
import { Page } from '../components/ui';

// Placeholder while this area is being built (issue 3).
export default function DeskArea() {
  return (
    <Routes>
      <Route path="*" element={<Page title="DeskArea"><p>…</p></Page>} />
    </Routes>
  );
}
