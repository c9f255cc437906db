import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { common } from './common-locales';

/** Vietnamese first; the English switch is remembered in this browser (and per user once signed in). */
export const LANG_KEY = 'motcua.lang';
const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(LANG_KEY) : null;

void i18n.use(initReactI18next).init({
  resources: { vi: { translation: common.vi }, en: { translation: common.en } },
  lng: saved === 'en' ? 'en' : 'vi',
  fallbackLng: 'vi',
  interpolation: { escapeValue: false },
});
i18n.on('languageChanged', (lng) => {
  localStorage.setItem(LANG_KEY, lng);
  document.documentElement.lang = lng;
});
document.documentElement.lang = i18n.language;

export default i18n;

/** Each area (citizen, desk, staff, admin) brings its own strings when its code loads. */
export function addStrings(strings: { vi: object; en: object }) {
  i18n.addResourceBundle('vi', 'translation', strings.vi, true, false);
  i18n.addResourceBundle('en', 'translation', strings.en, true, false);
}
