'use client';

import { signatureExplanation, signatureTitle } from '@/lib/diagnosis/messages';
import { type RemedyId, remedyTitle } from '@/lib/diagnosis/remedies';
import type { SignatureId } from '@/lib/diagnosis/signatures';
import { useText } from '../common/use-text';

/**
 * Findings, evidence, signatures and remedies are texts from lib/diagnosis: rendered in the user's language, the
 * moments they carry in the viewer's time zone.
 */
export function useDiagnosisText() {
  const tx = useText();
  return {
    message: tx,
    signature: (id: SignatureId) => tx(signatureTitle(id)),
    explanation: (id: SignatureId) => tx(signatureExplanation(id)),
    remedy: (id: RemedyId) => tx(remedyTitle(id)),
  };
}
