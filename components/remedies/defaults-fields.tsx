'use client';

import type { ReactNode } from 'react';
import type { Messages } from '@/lib/i18n/messages/en';
import type { RemedyDefaults } from '@/lib/remedies/settings';
import { useI18n } from '../i18n-provider';
import { Field, Select, TextArea, TextInput } from '../ui/field';
import { hostsText, SIZE_UNITS, toSize } from './defaults-values';

type Key = keyof Messages['settings']['labels'];
type Errors = Record<string, string>;

const EXECUTION_MODES = ['ORT_SEQUENTIAL', 'ORT_PARALLEL'] as const;
const ARENA_STRATEGIES = ['kSameAsRequested', 'kNextPowerOfTwo'] as const;

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="space-y-3">
      <legend className="mb-2 text-sm font-semibold text-slate-900">{title}</legend>
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2 lg:grid-cols-3">{children}</div>
    </fieldset>
  );
}

/**
 * Every stored default as an uncontrolled input named by its path (what defaults-values reads and what the
 * server's field errors map to). The parent remounts this with a new key when the stored value changes.
 */
export function DefaultsFields({ d, errors }: { d: RemedyDefaults; errors: Errors }) {
  const { t } = useI18n();
  const so = d.sessionOptions;

  const item = (name: string, key: Key, control: ReactNode, wide = false) => (
    <div className={wide ? 'md:col-span-2' : undefined}>
      <Field
        name={name}
        label={t(`settings.labels.${key}`)}
        hint={t(`settings.hints.${key}`)}
        error={errors[name]}
      >
        {control}
      </Field>
    </div>
  );
  const number = (name: string, key: Key, value: number) =>
    item(
      name,
      key,
      <TextInput
        name={name}
        defaultValue={String(value)}
        inputMode="numeric"
        error={errors[name]}
      />,
    );
  const size = (name: string, unitName: string, key: Key, bytes: number) => {
    const { amount, unit } = toSize(bytes);
    return item(
      name,
      key,
      <div className="flex gap-2">
        <div className="min-w-0 flex-1">
          <TextInput name={name} defaultValue={amount} inputMode="decimal" error={errors[name]} />
        </div>
        <div className="w-24 shrink-0">
          <Select name={unitName} defaultValue={unit} aria-label={t(`settings.labels.${key}`)}>
            {Object.keys(SIZE_UNITS).map((u) => (
              <option key={u} value={u}>
                {u}
              </option>
            ))}
          </Select>
        </div>
      </div>,
    );
  };
  const choice = (
    name: string,
    key: Key,
    value: string,
    options: readonly { value: string; label: string }[],
  ) =>
    item(
      name,
      key,
      <Select name={name} defaultValue={value} error={errors[name]}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>,
    );
  const raw = (values: readonly string[]) => values.map((v) => ({ value: v, label: v }));

  return (
    <div className="space-y-6">
      <Section title={t('settings.sections.ort')}>
        {item(
          'ortVersion',
          'ortVersion',
          <TextInput
            name="ortVersion"
            defaultValue={d.ortVersion}
            className="font-mono"
            error={errors.ortVersion}
          />,
        )}
        {choice('compatPolicy', 'compatPolicy', d.compatPolicy, [
          { value: 'warn', label: t('settings.compat.warn') },
          { value: 'block', label: t('settings.compat.block') },
        ])}
        {number('pipTimeoutS', 'pipTimeoutS', d.pipTimeoutS)}
        {item(
          'indexUrl',
          'indexUrl',
          <TextInput
            name="indexUrl"
            defaultValue={d.indexUrl ?? ''}
            placeholder={t('settings.ownIndex')}
            className="font-mono"
            error={errors.indexUrl}
          />,
          true,
        )}
        {item(
          'allowedIndexHosts',
          'allowedIndexHosts',
          <TextArea
            name="allowedIndexHosts"
            rows={4}
            spellCheck={false}
            defaultValue={hostsText(d.allowedIndexHosts)}
            error={errors.allowedIndexHosts}
          />,
        )}
      </Section>
      <Section title={t('settings.sections.container')}>
        {size('shmSizeBytes', 'shmSizeUnit', 'shmSizeBytes', d.shmSizeBytes)}
        {number('batchSize', 'batchSize', d.batchSize)}
        {number('stopTimeoutS', 'stopTimeoutS', d.stopTimeoutS)}
        {number('startTimeoutS', 'startTimeoutS', d.startTimeoutS)}
      </Section>
      <Section title={t('settings.sections.session')}>
        {number('sessionOptions.intraOpNumThreads', 'intraOpNumThreads', so.intraOpNumThreads)}
        {number('sessionOptions.interOpNumThreads', 'interOpNumThreads', so.interOpNumThreads)}
        {choice(
          'sessionOptions.executionMode',
          'executionMode',
          so.executionMode,
          raw(EXECUTION_MODES),
        )}
        {number('sessionOptions.deviceId', 'deviceId', so.deviceId)}
        {choice(
          'sessionOptions.arenaExtendStrategy',
          'arenaExtendStrategy',
          so.arenaExtendStrategy,
          raw(ARENA_STRATEGIES),
        )}
        {size(
          'sessionOptions.gpuMemLimitBytes',
          'gpuMemLimitUnit',
          'gpuMemLimitBytes',
          so.gpuMemLimitBytes,
        )}
        {item(
          'sessionOptions.doCopyInDefaultStream',
          'doCopyInDefaultStream',
          <span className="flex items-center gap-2 py-1.5 text-sm text-slate-700">
            <input
              type="checkbox"
              name="sessionOptions.doCopyInDefaultStream"
              defaultChecked={so.doCopyInDefaultStream}
              className="h-4 w-4"
            />
            {t('settings.enabled')}
          </span>,
        )}
      </Section>
    </div>
  );
}
