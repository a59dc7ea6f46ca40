import type { Lang } from '../../i18n/index.ts';

const formats: Record<Lang, Intl.DateTimeFormat> = {
  zh: new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric', weekday: 'short' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'short', day: 'numeric', weekday: 'short' }),
};

/** A deadline as the customer reads it, on its Shanghai day: "2026年10月16日周五" / "Fri 16 Oct 2026". */
export function displayDate(lang: Lang, d: Date | null | undefined): string {
  if (!d) return '';
  return formats[lang].format(d).replace(/\s+/g, lang === 'zh' ? '' : ' ').replace(/,/g, '');
}
