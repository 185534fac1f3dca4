'use client';

import { useState } from 'react';
import type { PastedLogResult } from '@/lib/diagnosis/scan-stream';
import { SIGNATURES } from '@/lib/diagnosis/signatures';
import { signatureExplanation, signatureTitle } from '@/lib/diagnosis/messages';
import { remedyTitle } from '@/lib/diagnosis/remedies';
import { ApiError } from '@/lib/swr/fetch-json';
import { useErrorText } from '../error-text';
import { FindingsList } from '../health/findings-list';
import { useI18n } from '../i18n-provider';
import { useText } from '../common/use-text';
import { Button } from '../ui/button';
import { Card, PageHeader } from '../ui/card';
import { TextArea } from '../ui/field';
import { Notice } from '../ui/notice';

// "Paste a log": the text or the chosen file goes as the request body (streamed; nothing stored) to /api/diagnose.
export function PasteLog() {
  const { t } = useI18n();
  const tx = useText();
  const { summary } = useErrorText();
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<PastedLogResult | null>(null);
  async function check() {
    if (!file && !text.trim()) return setError(t('logcheck.empty'));
    setBusy(true);
    setError(null);
    try {
      const res = await fetch('/api/diagnose', {
        method: 'POST',
        headers: { 'content-type': 'text/plain; charset=utf-8' },
        body: file ?? text,
      });
      const data: unknown = await res.json().catch(() => null);
      if (!res.ok)
        throw new ApiError(
          res.status,
          (data as { error: never }).error ?? { code: 'internal', message: `HTTP ${res.status}` },
        );
      setResult(data as PastedLogResult);
    } catch (e) {
      setError(e instanceof ApiError ? summary(e.error) : String(e));
    } finally {
      setBusy(false);
    }
  }
  const rows = result ? SIGNATURES.map((s) => ({ s, tally: result.signatures[s.id] })) : [];
  return (
    <div className="space-y-4">
      <PageHeader title={t('logcheck.title')} subtitle={t('logcheck.intro')} />
      <Card className="space-y-3 p-4">
        <label className="block space-y-1 text-sm">
          <span className="text-slate-600">{t('logcheck.paste')}</span>
          <TextArea
            name="log"
            rows={10}
            className="font-mono text-xs"
            value={text}
            onChange={(e) => setText(e.target.value)}
            data-testid="paste-log-text"
          />
        </label>
        <label className="flex items-center gap-2 text-sm">
          <span className="text-slate-600">{t('logcheck.file')}</span>
          <input
            type="file"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            data-testid="paste-log-file"
          />
        </label>
        <Button variant="primary" disabled={busy} onClick={check} data-testid="paste-log-check">
          {busy ? t('logcheck.checking') : t('logcheck.check')}
        </Button>
        {error && (
          <Notice tone="error" testId="paste-log-error">
            {error}
          </Notice>
        )}
      </Card>
      {result && (
        <Card className="space-y-2 p-4" testId="paste-log-result">
          <p className="text-xs text-slate-500">
            {t('logcheck.lines', { lines: result.lines, bytes: result.bytes })}
          </p>
          {result.cutLines > 0 && (
            <Notice tone="warning" testId="paste-log-cut">
              {t('logcheck.cutLines', { count: result.cutLines, limit: result.lineLimitBytes })}
            </Notice>
          )}
          {rows.every((r) => r.tally.count === 0) && (
            <Notice tone="success">{t('logcheck.none')}</Notice>
          )}
          <table className="w-full text-sm">
            <thead className="text-left text-xs text-slate-500">
              <tr>
                <th className="py-1 pr-2">{t('logcheck.signature')}</th>
                <th className="pr-2">{t('logcheck.count')}</th>
                <th className="pr-2">{t('logcheck.tasks')}</th>
                <th className="pr-2">{t('logcheck.first')}</th>
                <th className="pr-2">{t('logcheck.last')}</th>
                <th>{t('logcheck.remedies')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ s, tally }) => (
                <tr
                  key={s.id}
                  className="border-t border-slate-100 align-top"
                  data-testid="paste-log-signature"
                  data-signature={s.id}
                  data-count={tally.count}
                >
                  <td className="py-1 pr-2">
                    <div className="font-medium">{tx(signatureTitle(s.id))}</div>
                    {tally.count > 0 && (
                      <div className="text-xs text-slate-500">{tx(signatureExplanation(s.id))}</div>
                    )}
                  </td>
                  <td className="pr-2 tabular-nums">{tally.count}</td>
                  <td className="pr-2 font-mono text-xs">
                    {tally.taskIds.slice(0, 5).join(' ')}
                    {tally.taskIds.length > 5 ? ' …' : ''}
                  </td>
                  <td className="pr-2 text-xs">{tally.first ?? '—'}</td>
                  <td className="pr-2 text-xs">{tally.last ?? '—'}</td>
                  <td className="text-xs">
                    {tally.count > 0 ? s.remedies.map((r) => tx(remedyTitle(r))).join(' → ') : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {result.findings.length > 0 && <FindingsList findings={result.findings} />}
        </Card>
      )}
    </div>
  );
}
