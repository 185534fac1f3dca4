'use client';

import type { ProbeIssue } from '@/lib/remote/issues';
import { useI18n } from '../i18n-provider';

/** A probe's failed reads as named states ("Container log: container not running"), the detail on hover. */
export function ProbeIssues({ issues }: { issues: ProbeIssue[] }) {
  const { t } = useI18n();
  if (issues.length === 0) return null;
  return (
    <ul className="space-y-0.5 text-sm" data-testid="probe-issues">
      {issues.map((i, n) => (
        <li
          key={n}
          data-testid="probe-issue"
          data-kind={i.kind}
          data-part={i.part}
          title={i.detail}
        >
          <span className="font-medium">{t(`health.issueParts.${i.part}`)}</span>:{' '}
          {t(`health.issues.${i.kind}`)}
        </li>
      ))}
    </ul>
  );
}
