'use client';

import type { FindingId } from '@/lib/diagnosis/diagnose';
import { msg } from '@/lib/diagnosis/messages';
import type { HealthState } from '@/lib/health/overview';
import type { HealthFilter } from './health-filter';
import { Select } from '../ui/field';
import { useI18n } from '../i18n-provider';
import { useDiagnosisText } from './diagnosis-text';

export type { HealthFilter } from './health-filter';

const STATES: HealthState[] = ['blocking', 'degraded', 'healthy'];

export function HealthFilters({
  value,
  onChange,
  groups,
  findings,
  healthCounts,
}: {
  value: HealthFilter;
  onChange: (f: HealthFilter) => void;
  groups: string[];
  findings: FindingId[];
  healthCounts: Record<HealthState, number>;
}) {
  const { t } = useI18n();
  const { message } = useDiagnosisText();
  const chip = (active: boolean) =>
    `rounded-full border px-3 py-1 text-sm ${active ? 'border-slate-800 bg-slate-800 text-white' : 'border-slate-300 bg-white text-slate-700 hover:bg-slate-50'}`;
  return (
    <div className="mb-3 flex flex-wrap items-end gap-4" data-testid="health-filters">
      {/* biome-ignore lint/a11y/useSemanticElements: a row of toggle buttons, named; a fieldset would bring form semantics */}
      <div className="flex items-center gap-1.5" role="group" aria-label={t('health.filterHealth')}>
        <button
          type="button"
          data-testid="filter-health-all"
          className={chip(value.health === '')}
          onClick={() => onChange({ ...value, health: '' })}
        >
          {t('health.all')}
        </button>
        {STATES.map((s) => (
          <button
            key={s}
            type="button"
            data-testid={`filter-health-${s}`}
            className={chip(value.health === s)}
            onClick={() => onChange({ ...value, health: s })}
          >
            {t(`health.states.${s}`)}{' '}
            <span className="tabular-nums opacity-75">{healthCounts[s]}</span>
          </button>
        ))}
      </div>
      <label className="text-xs font-medium text-slate-600">
        {t('health.filterGroup')}
        <Select
          data-testid="filter-group"
          value={value.group}
          onChange={(e) => onChange({ ...value, group: e.target.value })}
          className="mt-1 min-w-40"
        >
          <option value="">{t('health.all')}</option>
          {groups.map((g) => (
            <option key={g} value={g}>
              {g}
            </option>
          ))}
        </Select>
      </label>
      <label className="text-xs font-medium text-slate-600">
        {t('health.filterFinding')}
        <Select
          data-testid="filter-finding"
          value={value.finding}
          onChange={(e) => onChange({ ...value, finding: e.target.value as FindingId | '' })}
          className="mt-1 min-w-56"
        >
          <option value="">{t('health.all')}</option>
          {findings.map((f) => (
            <option key={f} value={f}>
              {message(msg(`finding.${f}`))}
            </option>
          ))}
        </Select>
      </label>
    </div>
  );
}
