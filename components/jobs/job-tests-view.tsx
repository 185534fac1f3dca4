'use client';

import Link from 'next/link';
import type { JobTests } from '@/lib/jobs/job-tests';
import { useI18n } from '../i18n-provider';
import { useText } from '../common/use-text';

// The runbook's "test before and after": both runs, linked to their pages, and the verdict in plain words.
export function JobTestsView({ tests }: { tests: JobTests }) {
  const { t } = useI18n();
  const tx = useText();
  const rows = [
    ['before', tests.before],
    ['after', tests.after],
  ] as const;
  return (
    <div data-testid="job-tests">
      <h4 className="text-sm font-medium">{t('jobs.job.tests')}</h4>
      <ul className="text-sm">
        {rows.map(
          ([phase, run]) =>
            run && (
              <li key={phase} data-testid={`job-test-${phase}`}>
                <span className="text-slate-500">{t(`jobs.job.test_${phase}`)}: </span>
                <Link
                  className="text-sky-700 hover:underline"
                  href={`/throughput/runs/${encodeURIComponent(run.runId)}`}
                >
                  {run.runId}
                </Link>{' '}
                {tx(run.summary)}
              </li>
            ),
        )}
      </ul>
      {tests.verdict && (
        <p
          data-testid="job-tests-verdict"
          data-fixed={tests.verdict.fixed}
          className={
            tests.verdict.fixed
              ? 'text-sm font-medium text-emerald-700'
              : 'text-sm font-medium text-red-700'
          }
        >
          {tx(tests.verdict)}
        </p>
      )}
    </div>
  );
}
