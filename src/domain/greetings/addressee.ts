import { t, type Lang } from '../../i18n/index.ts';

/** How a message addresses a customer. */
export interface Addressee {
  /** The customer's name as recorded. */
  name: string;
  /** 先生 / 女士 (Mr / Ms); empty when the gender is unknown — better no honorific than a wrong one. */
  honorific: string;
  /** Name and honorific in the language's order: 张伟先生, Mr Zhang Wei; the bare name without honorific. */
  addressee: string;
}

/** Addresses a customer by full name and honorific (full name, so two-character surnames such as 欧阳 are safe). */
export function addresseeOf(lang: Lang, name: string, gender: string): Addressee {
  const honorific = gender === 'M' || gender === 'F' ? t(lang, `jobs:honorific.${gender}`) : '';
  const trimmed = name.trim();
  const addressee = !honorific ? trimmed : lang === 'en' ? `${honorific} ${trimmed}` : `${trimmed}${honorific}`;
  return { name: trimmed, honorific, addressee };
}
