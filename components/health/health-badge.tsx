'use client';

import type { Severity } from '@/lib/diagnosis/diagnose';
import type { HealthState } from '@/lib/health/overview';
import { Badge, type Tone } from '../ui/badge';
import { useI18n } from '../i18n-provider';

const HEALTH_TONE: Record<HealthState, Tone> = {
  blocking: 'red',
  degraded: 'amber',
  healthy: 'green',
};
export const SEVERITY_TONE: Record<Severity, Tone> = {
  critical: 'red',
  warning: 'amber',
  info: 'sky',
  ok: 'green',
};

export function HealthBadge({ health }: { health: HealthState }) {
  const { t } = useI18n();
  return (
    <span data-health={health} className="contents">
      <Badge tone={HEALTH_TONE[health]} dot testId="health-badge">
        {t(`health.states.${health}`)}
      </Badge>
    </span>
  );
}

export function SeverityBadge({ severity }: { severity: Severity }) {
  const { t } = useI18n();
  return <Badge tone={SEVERITY_TONE[severity]}>{t(`health.severity.${severity}`)}</Badge>;
}
