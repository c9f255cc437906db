import { useEffect, useState } from 'react';
import { useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { get } from '../api';
import { addStrings } from '../i18n';

addStrings({
  vi: {
    eid: {
      heading: 'Công dân',
      button: 'Đăng nhập bằng tài khoản định danh điện tử VNeID',
      hint: 'Bạn sẽ được chuyển sang trang của hệ thống định danh điện tử để đăng nhập, rồi quay lại đúng trang đang xem. Thông tin cá nhân được điền sẵn từ tài khoản định danh.',
      or: 'Hoặc đăng nhập bằng mật khẩu',
      staffOnly: 'Cán bộ, công chức đăng nhập bằng tên đăng nhập và mật khẩu bên dưới.',
      level: 'VNeID mức {{level}}',
      levelTitle: 'Tài khoản định danh điện tử mức {{level}}',
    },
  },
  en: {
    eid: {
      heading: 'Citizens',
      button: 'Sign in with your VNeID national e-ID',
      hint: 'You will sign in on the national e-ID system\'s page and come back to the page you were on. Your personal details are filled in from your e-ID.',
      or: 'Or sign in with a password',
      staffOnly: 'Officials sign in with their username and password below.',
      level: 'VNeID level {{level}}',
      levelTitle: 'National e-ID account, identity level {{level}}',
    },
  },
});

/** Only a path on this site is passed on (the server checks again). */
function returnPath(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/ho-so-cua-toi';
}

/**
 * The citizen's way in: a full-page navigation to /api/v1/auth/eid/start, which sends the
 * browser to the e-ID provider and brings it back to `next` signed in.
 */
export default function EidSignIn() {
  const { t } = useTranslation();
  const loc = useLocation();
  const href = `/api/v1/auth/eid/start?returnTo=${encodeURIComponent(returnPath(new URLSearchParams(loc.search).get('next')))}`;
  // CITIZEN_PASSWORD_LOGIN=false (production): the password form below is for officials only.
  const [citizenPassword, setCitizenPassword] = useState(true);
  useEffect(() => {
    get<{ citizenPasswordLogin: boolean }>('/auth/eid').then((r) => setCitizenPassword(r.citizenPasswordLogin), () => {});
  }, []);
  return (
    <section className="card narrow" aria-labelledby="eid-heading">
      <h2 id="eid-heading" style={{ fontSize: '1.1rem' }}>{t('eid.heading')}</h2>
      <a className="btn btn-primary" href={href} style={{ display: 'flex', width: '100%', padding: '.8rem 1rem', fontSize: '1.05rem', textAlign: 'center' }}>
        <span aria-hidden="true" style={{ display: 'inline-flex', alignItems: 'center', justifyContent: 'center', width: '1.6rem', height: '1.6rem', borderRadius: '50%', background: '#ffcd00', color: '#c8102e', flex: 'none' }}>★</span>
        {t('eid.button')}
      </a>
      <p className="muted small">{t('eid.hint')}</p>
      <p className="muted small" style={{ marginBottom: 0 }}>{t(citizenPassword ? 'eid.or' : 'eid.staffOnly')}</p>
    </section>
  );
}

/** "VNeID mức 2" next to a citizen's name. */
export function EidLevelBadge({ level }: { level?: 1 | 2 }) {
  const { t } = useTranslation();
  if (!level) return null;
  return <span className="small" title={t('eid.levelTitle', { level })}> · {t('eid.level', { level })}</span>;
}
