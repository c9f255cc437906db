import { useState, type ReactNode } from 'react';
import { Link, NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session';
import { AccountMenu } from './AccountMenu';

export function Layout({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const { me, hasRole } = useSession();
  const [open, setOpen] = useState(false);
  const other = i18n.language === 'en' ? 'vi' : 'en';
  const close = () => setOpen(false);
  return (
    <>
      <a className="skip" href="#main">{t('app.skip')}</a>
      <header className="topbar">
        <div className="topbar-inner">
          <Link to="/" className="brand" onClick={close}>
            <span className="brand-mark" aria-hidden="true">★</span>
            <span>{t('app.name')}</span>
          </Link>
          <button className="menu-toggle" aria-expanded={open} aria-controls="main-nav" onClick={() => setOpen(!open)}>
            {t('nav.menu')}
          </button>
          <nav id="main-nav" className={open ? 'nav open' : 'nav'} aria-label={t('nav.menu')}>
            <NavLink to="/thu-tuc" onClick={close}>{t('nav.procedures')}</NavLink>
            <NavLink to="/tra-cuu" onClick={close}>{t('nav.track')}</NavLink>
            {me?.kind === 'citizen' && <NavLink to="/ho-so-cua-toi" onClick={close}>{t('nav.mine')}</NavLink>}
            {me?.kind === 'staff' && <NavLink to="/can-bo" end onClick={close}>{t('nav.inbox')}</NavLink>}
            {hasRole('desk_officer') && <NavLink to="/mot-cua" onClick={close}>{t('nav.desk')}</NavLink>}
            {hasRole('supervisor', 'head_of_division', 'signing_authority') && <NavLink to="/can-bo/giam-sat" onClick={close}>{t('nav.supervisor')}</NavLink>}
            {hasRole('supervisor', 'system_admin') && <NavLink to="/can-bo/nhat-ky-truy-cap" onClick={close}>{t('nav.accessLog')}</NavLink>}
            {hasRole('catalog_admin', 'system_admin') && <NavLink to="/quan-tri" onClick={close}>{t('nav.admin')}</NavLink>}
            <button className="linklike lang-switch" lang={other} title={t('lang.label')} onClick={() => { close(); void i18n.changeLanguage(other); }}>
              {t('lang.switch')}
            </button>
            {/* The personal pages and sign-out, under the person's name. */}
            {me ? <AccountMenu onNavigate={close} /> : <NavLink to="/dang-nhap" onClick={close}>{t('nav.signIn')}</NavLink>}
          </nav>
        </div>
      </header>
      <main id="main" tabIndex={-1}>{children}</main>
      <footer className="footer">{t('footer')}</footer>
    </>
  );
}
