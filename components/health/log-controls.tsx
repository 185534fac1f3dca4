'use client';

import { useI18n } from '../i18n-provider';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import { Select, TextInput } from '../ui/field';
import type { FollowState } from './use-log-follow';

export const SOURCES = ['gradio', 'dh', 'docker'] as const;
const LINES = [200, 500, 2000];
type Source = (typeof SOURCES)[number];

/** Which log, how many lines to start from, search, and "signature lines only". */
export function LogToolbar(p: {
  source: Source;
  onSource: (s: Source) => void;
  lines: number;
  onLines: (n: number) => void;
  query: string;
  onQuery: (q: string) => void;
  onlyHits: boolean;
  onOnlyHits: (v: boolean) => void;
}) {
  const { t } = useI18n();
  return (
    <div className="mb-2 flex flex-wrap items-end gap-3">
      <h2 className="mr-auto text-sm font-semibold text-slate-900">{t('health.logs.title')}</h2>
      <label className="text-xs text-slate-600">
        {t('health.logs.source')}
        <Select
          data-testid="log-source"
          value={p.source}
          onChange={(e) => p.onSource(e.target.value as Source)}
          className="mt-0.5"
        >
          {SOURCES.map((s) => (
            <option key={s} value={s}>
              {t(`health.logs.${s}`)}
            </option>
          ))}
        </Select>
      </label>
      <label className="text-xs text-slate-600">
        {t('health.logs.lines')}
        <Select
          value={p.lines}
          onChange={(e) => p.onLines(Number(e.target.value))}
          className="mt-0.5"
        >
          {LINES.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </Select>
      </label>
      <label className="text-xs text-slate-600">
        {t('health.logs.search')}
        <TextInput
          data-testid="log-search"
          type="search"
          value={p.query}
          onChange={(e) => p.onQuery(e.target.value)}
          placeholder={t('health.logs.search')}
          className="mt-0.5 w-64"
        />
      </label>
      <label className="flex items-center gap-1.5 pb-1.5 text-xs text-slate-600">
        <input
          type="checkbox"
          data-testid="log-only-hits"
          checked={p.onlyHits}
          onChange={(e) => p.onOnlyHits(e.target.checked)}
        />
        {t('health.logs.onlyHits')}
      </label>
    </div>
  );
}

/** Whether the log is live, paused (with the lines waiting), ended or re-read; pause, reconnect, download. */
export function LogFollowBar(p: {
  state: FollowState;
  paused: boolean;
  waiting: number;
  onPause: () => void;
  onReconnect: () => void;
  onDownload: () => void;
  canDownload: boolean;
}) {
  const { t } = useI18n();
  const live = p.state === 'live' || p.state === 'connecting';
  const badge =
    p.state === 'live' && p.paused ? (
      <Badge tone="amber">{t('health.logs.paused', { count: p.waiting })}</Badge>
    ) : p.state === 'live' ? (
      <Badge tone="green" dot>
        {t('health.logs.live')}
      </Badge>
    ) : p.state === 'polling' ? (
      <Badge tone="slate">{t('health.logs.polling')}</Badge>
    ) : p.state === 'ended' || p.state === 'failed' ? (
      <Badge tone="slate">{t('health.logs.ended')}</Badge>
    ) : null;
  return (
    <div className="mb-2 flex flex-wrap items-center gap-2" data-testid="log-follow">
      <span data-testid="log-live-state" data-state={p.paused ? 'paused' : p.state}>
        {badge}
      </span>
      {live && (
        <Button onClick={p.onPause} data-testid="log-pause">
          {t(p.paused ? 'health.logs.resume' : 'health.logs.pause')}
        </Button>
      )}
      {!live && p.state !== 'polling' && (
        <Button onClick={p.onReconnect} data-testid="log-reconnect">
          {t('health.logs.reconnect')}
        </Button>
      )}
      <Button onClick={p.onDownload} disabled={!p.canDownload} data-testid="log-download">
        {t('health.logs.download')}
      </Button>
    </div>
  );
}
