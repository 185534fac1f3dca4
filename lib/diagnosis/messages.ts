// Findings and evidence are texts (lib/i18n/text.ts): a catalog key under `diagnosis.` and its values, rendered in
// the reader's language by the UI or the CLI.
import type { diagnosisEn } from '@/lib/i18n/messages/diagnosis.en';
import { type Text, type TextValues, text } from '@/lib/i18n/text';
import type { SignatureId } from './signatures';

// The texts live in the catalogs (lib/i18n/messages/diagnosis.*.ts); an id is `group.name` there.
type Groups = (typeof diagnosisEn)['diagnosis'];
export type MessageId = {
  [G in keyof Groups & string]: `${G}.${keyof Groups[G] & string}`;
}[keyof Groups & string];

export function msg(id: MessageId, values: TextValues = {}): Text {
  return text(`diagnosis.${id}`, values);
}

/** A signature's title (`signatures.<id>.title`), as a value of another text or on its own. */
export function signatureTitle(id: SignatureId): Text {
  return text(`signatures.${id}.title`);
}

export function signatureExplanation(id: SignatureId): Text {
  return text(`signatures.${id}.explanation`);
}
