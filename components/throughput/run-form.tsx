'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useHealth } from '@/lib/swr/use-health';
import { useThroughputInputs } from '@/lib/swr/use-throughput';
import { useErrorText } from '../error-text';
import { Button } from '../ui/button';
import { Card } from '../ui/card';
import { Select, TextInput } from '../ui/field';
import { Notice } from '../ui/notice';
import { ApiError } from '@/lib/swr/fetch-json';
import { postJson } from '@/lib/swr/post-json';

/** Container + inputs + N/C; starting a run opens its page, which follows the progress. */
export function RunForm() {
  const { t, summary } = useErrorText();
  const router = useRouter();
  const { data: health } = useHealth();
  const { data: inputs } = useThroughputInputs();
  const [target, setTarget] = useState('');
  const [audio, setAudio] = useState('');
  const [video, setVideo] = useState('');
  const [jobs, setJobs] = useState('3');
  const [concurrency, setConcurrency] = useState('3');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const list = inputs?.inputs ?? [];

  async function start() {
    const [hostId, container] = target.split('|');
    if (!hostId || !container) return;
    setBusy(true);
    setError(null);
    try {
      const body = {
        hostId,
        container,
        jobs: Number(jobs),
        concurrency: Number(concurrency),
        ...(audio && video ? { audioId: audio, videoId: video } : { builtin: true }),
      };
      const r = await postJson<{ id: string }>('/api/throughput/runs', body);
      router.push(`/throughput/runs/${r.id}`);
    } catch (e) {
      setError(e instanceof ApiError ? summary(e.error) : t('errors.network'));
      setBusy(false);
    }
  }

  const pick = (
    kind: 'audio' | 'video',
    value: string,
    set: (v: string) => void,
    testId: string,
  ) => (
    <Select data-testid={testId} value={value} onChange={(e) => set(e.target.value)}>
      <option value="">{t('throughput.useBuiltin')}</option>
      {list
        .filter((i) => i.kind === kind && !i.builtin)
        .map((i) => (
          <option key={i.id} value={i.id}>
            {i.name}
          </option>
        ))}
    </Select>
  );

  return (
    <Card className="p-4" testId="tp-run-form">
      <h2 className="mb-2 font-semibold">{t('throughput.runForm')}</h2>
      <div className="grid gap-2 text-sm sm:grid-cols-2">
        <label>
          {t('throughput.container')}
          <Select
            data-testid="tp-container"
            value={target}
            onChange={(e) => setTarget(e.target.value)}
          >
            <option value="">{t('throughput.pickContainer')}</option>
            {(health?.containers ?? []).map((c) => (
              <option key={`${c.hostId}|${c.name}`} value={`${c.hostId}|${c.name}`}>
                {c.hostName}/{c.name}
              </option>
            ))}
          </Select>
        </label>
        {/* biome-ignore lint/a11y/noLabelWithoutControl: pick() renders the Select this label names */}
        <label>
          {t('throughput.audio')}
          {pick('audio', audio, setAudio, 'tp-audio')}
        </label>
        {/* biome-ignore lint/a11y/noLabelWithoutControl: pick() renders the Select this label names */}
        <label>
          {t('throughput.video')}
          {pick('video', video, setVideo, 'tp-video')}
        </label>
        <div className="flex gap-2">
          <label>
            {t('throughput.jobs')}
            <TextInput
              data-testid="tp-jobs"
              type="number"
              min={1}
              max={50}
              value={jobs}
              onChange={(e) => setJobs(e.target.value)}
            />
          </label>
          <label>
            {t('throughput.concurrency')}
            <TextInput
              data-testid="tp-concurrency"
              type="number"
              min={1}
              max={20}
              value={concurrency}
              onChange={(e) => setConcurrency(e.target.value)}
            />
          </label>
        </div>
      </div>
      <div className="mt-3 flex items-center gap-3">
        <Button
          variant="primary"
          data-testid="tp-start"
          disabled={busy || !target}
          onClick={() => void start()}
        >
          {busy ? t('throughput.starting') : t('throughput.start')}
        </Button>
        {error && (
          <Notice tone="error" testId="tp-start-error">
            {error}
          </Notice>
        )}
      </div>
    </Card>
  );
}
