'use client';

import { formatBytes } from '@/lib/diagnosis/facts';
import { useI18n } from '../i18n-provider';
import { Button } from '../ui/button';

export interface Sending {
  name: string;
  sent: number;
  total: number;
  rate: number;
  cancel: () => void;
}

/** An upload under way: how much of it is sent, how fast, and a Cancel that stops it (nothing is stored then). */
export function UploadProgressBar({ sending }: { sending: Sending }) {
  const { t } = useI18n();
  const pct = sending.total ? Math.min(100, Math.round((100 * sending.sent) / sending.total)) : 0;
  return (
    <div
      className="mt-2 flex flex-wrap items-center gap-2 text-xs text-slate-600"
      data-testid="tp-upload-progress"
    >
      <div
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={sending.total}
        aria-valuenow={sending.sent}
        aria-label={t('throughput.uploadProgress', { name: sending.name })}
        className="h-2 w-48 overflow-hidden rounded bg-slate-200"
      >
        <div className="h-full bg-sky-500" style={{ width: `${pct}%` }} />
      </div>
      <span className="tabular-nums">
        {t('throughput.uploadSent', {
          sent: formatBytes(sending.sent),
          total: formatBytes(sending.total),
          rate: formatBytes(Math.round(sending.rate)),
        })}
      </span>
      <Button onClick={sending.cancel} data-testid="tp-upload-cancel">
        {t('common.cancel')}
      </Button>
    </div>
  );
}
