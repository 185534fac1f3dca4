'use client';

import type { JobStatus } from '@/lib/jobs/types';
import { useI18n } from '../i18n-provider';
import { Badge } from '../ui/badge';

const TONE: Record<JobStatus, 'green' | 'red' | 'amber' | 'slate' | 'sky'> = {
  running: 'sky',
  succeeded: 'green',
  already_applied: 'green',
  failed: 'red',
  cancelled: 'slate',
  timed_out: 'red',
  interrupted: 'amber',
};

export function JobStatusBadge({ status }: { status: JobStatus }) {
  const { t } = useI18n();
  return (
    <Badge tone={TONE[status]} dot={status === 'running'} testId="job-status">
      {t(`jobs.status.${status}`)}
    </Badge>
  );
}
