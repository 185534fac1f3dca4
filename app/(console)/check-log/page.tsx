import { PasteLog } from '@/components/logcheck/paste-log';

export default function CheckLogPage() {
  return <PasteLog />;
}
