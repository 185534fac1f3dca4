/**
 * Text made in lib/ with its values already in it, in both languages the staff read (Simplified Chinese and
 * English): notices, step titles, verifications. Catalog texts go through `t()` instead.
 */
export interface Bilingual {
  en: string;
  zh: string;
}
