'use client';

import { useState } from 'react';
import type { TestInput } from '@/lib/throughput';
import { useThroughputInputs } from '@/lib/swr/use-throughput';
import { useErrorText } from '../error-text';
import { Button } from '../ui/button';
import { Card } from '../ui/card';
import { Notice } from '../ui/notice';
import { ApiError } from '@/lib/swr/fetch-json';
import { deleteJson } from '@/lib/swr/post-json';
import { UploadCancelled, uploadFile } from '@/lib/swr/upload';
import { type Sending, UploadProgressBar } from './upload-progress';

/** Stored inputs with upload (the raw file streams as the request body) and delete. */
export function InputsPanel({ canRun }: { canRun: boolean }) {
  const { t, summary } = useErrorText();
  const { data, mutate } = useThroughputInputs();
  const [msg, setMsg] = useState<{ tone: 'error' | 'success' | 'info'; text: string } | null>(null);
  const [sending, setSending] = useState<Sending | null>(null);

  async function upload(kind: 'audio' | 'video', file: File | undefined) {
    if (!file) return;
    setMsg({ tone: 'info', text: t('throughput.uploading', { name: file.name }) });
    const stop = new AbortController();
    setSending({ name: file.name, sent: 0, total: file.size, rate: 0, cancel: () => stop.abort() });
    try {
      const q = new URLSearchParams({ kind, name: file.name });
      await uploadFile(
        `/api/throughput/inputs?${q}`,
        file,
        (p) => {
          setSending((s) => (s ? { ...s, ...p } : s));
        },
        stop.signal,
      );
      setMsg({ tone: 'success', text: t('throughput.uploaded', { name: file.name }) });
      await mutate();
    } catch (e) {
      if (e instanceof UploadCancelled)
        return setMsg({ tone: 'info', text: t('throughput.uploadCancelled', { name: file.name }) });
      if (!(e instanceof ApiError)) return setMsg({ tone: 'error', text: t('errors.network') });
      const key =
        e.status === 413 ? 'throughput.tooLarge' : e.status === 415 ? 'throughput.badMedia' : null;
      setMsg({
        tone: 'error',
        text: key ? t(key, { message: e.error.message }) : summary(e.error),
      });
    } finally {
      setSending(null);
    }
  }

  async function remove(i: TestInput) {
    await deleteJson(`/api/throughput/inputs/${i.id}`).catch(() => undefined);
    await mutate();
  }

  return (
    <Card className="p-4" testId="tp-inputs">
      <h2 className="mb-2 font-semibold">{t('throughput.inputs')}</h2>
      <p className="mb-3 text-xs text-slate-500">{t('throughput.builtinNote')}</p>
      {canRun && (
        <div className="mb-3 flex flex-wrap gap-4 text-sm">
          <label>
            {t('throughput.audioFile')}{' '}
            <input
              data-testid="tp-upload-audio"
              type="file"
              accept="audio/*"
              onChange={(e) => void upload('audio', e.target.files?.[0])}
            />
          </label>
          <label>
            {t('throughput.videoFile')}{' '}
            <input
              data-testid="tp-upload-video"
              type="file"
              accept="video/*"
              onChange={(e) => void upload('video', e.target.files?.[0])}
            />
          </label>
        </div>
      )}
      {sending && <UploadProgressBar sending={sending} />}
      {msg && (
        <Notice tone={msg.tone} testId="tp-upload-msg">
          {msg.text}
        </Notice>
      )}
      <ul className="mt-2 divide-y divide-slate-200 text-sm">
        {(data?.inputs ?? []).length === 0 && (
          <li className="text-slate-500">{t('throughput.noInputs')}</li>
        )}
        {(data?.inputs ?? []).map((i) => (
          <li key={i.id} className="flex items-center justify-between py-1" data-testid="tp-input">
            <span>
              {i.kind === 'audio' ? '♪' : '▶'} {i.name}{' '}
              <span className="text-slate-500">
                · {i.format} · {t('throughput.size', { mb: (i.size / 1048576).toFixed(2) })}
                {i.builtin ? ` · ${t('throughput.builtin')}` : ''}
              </span>
            </span>
            {canRun && !i.builtin && (
              <Button variant="ghost" onClick={() => void remove(i)}>
                {t('throughput.delete')}
              </Button>
            )}
          </li>
        ))}
      </ul>
    </Card>
  );
}
