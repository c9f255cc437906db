import { addStrings } from '../i18n';
import { privacyStrings } from './locales';

// Loaded with the citizen routes: the navigation needs its labels before any page chunk loads.
addStrings(privacyStrings);
