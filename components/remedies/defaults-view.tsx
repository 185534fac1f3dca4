'use client';

import { ApiError } from '@/lib/swr/fetch-json';
import { useRemedyDefaults } from '@/lib/swr/use-remedy-defaults';
import { useErrorText } from '../error-text';
import { Card, PageHeader } from '../ui/card';
import { Notice } from '../ui/notice';
import { DefaultsForm } from './defaults-form';

export function DefaultsView() {
  const { t, summary } = useErrorText();
  const { data, error, mutate } = useRemedyDefaults();
  return (
    <div className="space-y-4">
      <PageHeader title={t('settings.title')} subtitle={t('settings.subtitle')} />
      {error && (
        <Notice tone="error" testId="defaults-load-error">
          {error instanceof ApiError ? summary(error.error) : t('errors.network')}
        </Notice>
      )}
      {data ? (
        <Card>
          <DefaultsForm defaults={data.defaults} onSaved={(defaults) => mutate({ defaults })} />
        </Card>
      ) : (
        !error && (
          <p className="text-sm text-slate-500" data-testid="defaults-loading">
            {t('settings.loading')}
          </p>
        )
      )}
    </div>
  );
}
