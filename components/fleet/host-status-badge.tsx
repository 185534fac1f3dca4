'use client';

import type { HostStatus } from '@/lib/fleet/snapshot';
import { Badge, type Tone } from '../ui/badge';
import { useI18n } from '../i18n-provider';

const TONE: Record<HostStatus, Tone> = {
  reachable: 'green',
  unreachable: 'red',
  unconfirmed: 'amber',
  mismatch: 'red',
};

/** No status yet means the first check of this host is still running. */
export function HostStatusBadge({ status }: { status: HostStatus | undefined }) {
  const { t } = useI18n();
  if (!status)
    return (
      <Badge tone="slate" testId="host-status">
        {t('status.checking')}
      </Badge>
    );
  return (
    <Badge tone={TONE[status]} dot testId="host-status">
      {t(`status.${status}`)}
    </Badge>
  );
}
