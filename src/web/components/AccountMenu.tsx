import { useEffect, useRef, useState } from 'react';
import { NavLink, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { addStrings } from '../i18n';
import { useSession } from '../session';
import { EidLevelBadge } from './EidSignIn';
import { navStrings } from './nav-locales';
import './account-menu.css';

addStrings(navStrings);

/**
 * The signed-in person's pages (data store, who viewed my data, deputies, account) and sign-out,
 * grouped under their name so the header stays on one line. A disclosure (button + list of
 * links), not an ARIA menu: links stay links for screen readers and Tab walks through them.
 * On a phone the header is already behind "Trình đơn", so the group is shown open there (CSS).
 */
export function AccountMenu({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation();
  const { me, signOut } = useSession();
  const nav = useNavigate();
  // Open only on the page it was opened on, so any navigation (a link, back/forward) closes it.
  // window.location, not the router's location: that one lags while a lazy page loads (transition),
  // and catching up must not close a menu opened meanwhile.
  useLocation();
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn !== null && openOn === window.location.pathname;
  const setOpen = (v: boolean) => setOpenOn(v ? window.location.pathname : null);
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);

  // Clicking or tabbing anywhere else closes it.
  useEffect(() => {
    if (!open) return;
    const away = (e: Event) => { if (!root.current?.contains(e.target as Node)) setOpenOn(null); };
    document.addEventListener('pointerdown', away);
    document.addEventListener('focusin', away);
    return () => {
      document.removeEventListener('pointerdown', away);
      document.removeEventListener('focusin', away);
    };
  }, [open]);

  if (!me) return null;
  const close = () => { setOpen(false); onNavigate(); };
  const who = <>{me.fullName}{me.kind === 'citizen' && <EidLevelBadge level={me.eidLevel} />}</>;
  // Any official may hand their inbox to a deputy while away (the page used to be a stray link above each staff page).
  const mayDeputise = me.kind === 'staff';

  return (
    <div
      ref={root}
      className={open ? 'acct-menu open' : 'acct-menu'}
      onKeyDown={(e) => { if (e.key === 'Escape' && open) { e.stopPropagation(); setOpen(false); toggle.current?.focus(); } }}
    >
      <button ref={toggle} type="button" className="acct-menu-toggle" aria-expanded={open} aria-controls="account-menu" onClick={() => setOpen(!open)}>
        <span className="sr-only-label">{t('nav.accountMenu')}: </span>
        <span className="acct-menu-name">{who}</span>
        <span className="acct-menu-caret" aria-hidden="true">▾</span>
      </button>
      <div id="account-menu" className="acct-menu-panel">
        <p className="acct-menu-who"><span className="small">{t('nav.signedInAs')}</span> <b>{who}</b></p>
        <ul aria-label={t('nav.accountMenu')}>
          {me.kind === 'citizen' && <li><NavLink to="/kho-du-lieu" onClick={close}>{t('nav.dataStore')}</NavLink></li>}
          {me.kind === 'citizen' && <li><NavLink to="/ai-da-xem-du-lieu" onClick={close}>{t('nav.dataAccess')}</NavLink></li>}
          {mayDeputise && <li><NavLink to="/can-bo/uy-quyen-ca-nhan" onClick={close}>{t('nav.deputies')}</NavLink></li>}
          <li><NavLink to="/tai-khoan" onClick={close}>{t('acct.menu')}</NavLink></li>
          <li className="acct-menu-sep">
            <button type="button" className="linklike" onClick={async () => { close(); await signOut(); nav('/'); }}>{t('nav.signOut')}</button>
          </li>
        </ul>
      </div>
    </div>
  );
}
