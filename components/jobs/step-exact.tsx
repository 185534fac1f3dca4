'use client';

import { showArgv } from '@/lib/remedies/argv-display';
import type { StepDescription } from '@/lib/remedies/types';
import { useI18n } from '../i18n-provider';

// What one step does exactly, folded under its sentence: the command line (inline scripts apart, as code), the
// unified diff of a file it edits, or the container settings it changes.

export function DiffBlock({ text }: { text: string }) {
  return (
    <pre
      className="mt-1 max-h-72 overflow-auto rounded bg-slate-950 p-2 text-xs leading-5 text-slate-100"
      data-testid="plan-diff"
    >
      {text
        .trimEnd()
        .split('\n')
        .map((l, i) => (
          <div
            key={i}
            className={
              l.startsWith('+') && !l.startsWith('+++')
                ? 'text-emerald-300'
                : l.startsWith('-') && !l.startsWith('---')
                  ? 'text-red-300'
                  : l.startsWith('@@')
                    ? 'text-sky-300'
                    : ''
            }
          >
            {l || ' '}
          </div>
        ))}
    </pre>
  );
}

/** Folded by default: the step's sentence says what it does; this says exactly how. */
export function StepExact({ step }: { step: StepDescription }) {
  const { t } = useI18n();
  if (!step.argv && !step.diff && !step.changes?.length) return null;
  // Docker API steps list their requests ("POST /containers/…/stop"), one per line, not a command line.
  const shown = !step.argv
    ? null
    : step.where === 'docker'
      ? { command: step.argv.join('\n'), scripts: [] }
      : showArgv(step.argv);
  return (
    <details className="mt-1" data-testid="plan-step-details">
      <summary className="cursor-pointer text-xs text-sky-700">
        {t(
          step.diff
            ? 'jobs.preview.showDiff'
            : step.argv
              ? 'jobs.preview.showCommand'
              : 'jobs.preview.showChanges',
        )}
      </summary>
      {shown && (
        <pre
          className="mt-1 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-100 p-2 font-mono text-xs"
          data-testid="plan-argv"
        >
          {shown.command}
        </pre>
      )}
      {shown?.scripts.map((sc) => (
        <div key={sc.name} className="mt-1" data-testid="plan-script">
          <div className="font-mono text-[11px] text-slate-500">{sc.name}</div>
          <pre className="max-h-72 overflow-auto rounded bg-slate-950 p-2 text-xs leading-5 text-slate-100">
            {sc.text}
          </pre>
        </div>
      ))}
      {step.diff && <DiffBlock text={step.diff.unified} />}
      {step.changes && step.changes.length > 0 && (
        <table className="mt-1 w-full text-xs" data-testid="plan-changes">
          <caption className="text-left text-slate-500">{t('jobs.preview.changes')}</caption>
          <tbody>
            {step.changes.map((c) => (
              <tr key={c.path} className="border-t border-slate-100">
                <td className="py-0.5 pr-2 font-mono">{c.path}</td>
                <td className="py-0.5 pr-2 font-mono text-red-700">{JSON.stringify(c.before)}</td>
                <td className="py-0.5 font-mono text-emerald-700">{JSON.stringify(c.after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}
