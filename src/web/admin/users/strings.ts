import { addStrings } from '../../i18n';
import { usersStrings } from './locales';

/** Registers the staff-account strings once (imported by every page of this folder and by the admin home card). */
addStrings(usersStrings);
