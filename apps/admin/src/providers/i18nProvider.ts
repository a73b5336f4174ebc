import polyglotI18nProvider from 'ra-i18n-polyglot';
import { en } from '../i18n/en';
import { vi } from '../i18n/vi';

/** A translation key looks like `ra.action.save`; anything else is already a sentence. */
const KEY_PATTERN = /^[\w-]+(\.[\w-]+)+$/;

/**
 * The API's messages arrive translated and react-admin passes them through `translate` again
 * (notifications, form errors). Those are shown as they are; only a real key that is missing
 * from a language file is worth a warning.
 */
function onMissingKey(key: string): string {
  if (import.meta.env.DEV && KEY_PATTERN.test(key)) console.warn(`Missing translation for key: "${key}"`);
  return key;
}

/** Vietnamese first; English on request (the language menu in the app bar). */
export const i18nProvider = polyglotI18nProvider(
  (locale) => (locale === 'en' ? en : vi),
  'vi',
  [
    { locale: 'vi', name: 'Tiếng Việt' },
    { locale: 'en', name: 'English' },
  ],
  { onMissingKey },
);
