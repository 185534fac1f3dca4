'use client';

import type { RunStatus } from '@/lib/throughput';
import { useI18n } from '../i18n-provider';
import { Badge, type Tone } from '../ui/badge';

const TONE: Record<RunStatus, Tone> = {
  running: 'sky',
  done: 'green',
  cancelled: 'slate',
  timed_out: 'amber',
  error: 'red',
};

export function StatusBadge({ status }: { status: RunStatus }) {
  const { t } = useI18n();
  return (
    <Badge tone={TONE[status]} testId="tp-status">
      {t(`throughput.status.${status}`)}
    </Badge>
  );
}
