'use client';

import { renderMessage, type Lang, type MessageRef } from '@/lib/diagnosis/messages';
import { REMEDY_TITLES, type RemedyId } from '@/lib/diagnosis/remedies';
import { signatureById, type SignatureId } from '@/lib/diagnosis/signatures';
import { formatMoment } from '@/lib/i18n/format-time';
import { useI18n } from '../i18n-provider';

/**
 * Findings, evidence, signatures and remedies carry bilingual data from lib/diagnosis: pick the user's language,
 * and show the moments they carry in the viewer's time zone.
 */
export function useDiagnosisText() {
  const { locale } = useI18n();
  const lang: Lang = locale === 'zh-CN' ? 'zh' : 'en';
  const time = (ms: number) => formatMoment(ms, locale);
  return {
    lang,
    message: (ref: MessageRef) => renderMessage(ref, lang, time),
    signature: (id: SignatureId) => signatureById(id).title[lang],
    explanation: (id: SignatureId) => signatureById(id).explanation[lang],
    remedy: (id: RemedyId) => REMEDY_TITLES[id][lang],
  };
}
