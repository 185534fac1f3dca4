'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import { ApiError } from '@/lib/swr/fetch-json';
import { useErrorText } from '../error-text';
import { Card } from '../ui/card';
import { LogFollowBar, LogToolbar, type SOURCES } from './log-controls';
import { LogLineText } from './log-line';
import { type ShownLine, useLogFollow } from './use-log-follow';

/** Saves what the viewer holds as a text file (the raw lines, as the log wrote them). */
function download(lines: ShownLine[], name: string, source: string) {
  const text = lines.map((l) => l.text).join('\n');
  const url = URL.createObjectURL(new Blob([`${text}\n`], { type: 'text/plain;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `${name}-${source}-${new Date().toISOString().replace(/[:.]/g, '-')}.log`;
  a.click();
  URL.revokeObjectURL(url);
}

/**
 * One log followed live (the last lines, then each new one) with signature highlighting, search, a "signature
 * lines only" switch, pause and resume, and download. Scrolls with new lines only while the reader is at the end.
 */
export function LogViewer({
  hostId,
  name,
  inTransition = false,
}: {
  hostId: string;
  name: string;
  inTransition?: boolean;
}) {
  const { t, summary } = useErrorText();
  const [source, setSource] = useState<(typeof SOURCES)[number]>('gradio');
  const [lines, setLines] = useState(500);
  const [query, setQuery] = useState('');
  const [onlyHits, setOnlyHits] = useState(false);
  const [paused, setPaused] = useState(false);
  const log = useLogFollow(hostId, name, source, lines, paused);
  const q = query.trim().toLowerCase();
  const box = useRef<HTMLPreElement>(null);
  const atEnd = useRef(true);
  const shown = useMemo(
    () =>
      log.lines
        .map((l, n) => ({ l, n }))
        .filter(
          ({ l }) =>
            l.rotated ||
            ((!onlyHits || l.spans.length > 0) && (!q || l.text.toLowerCase().includes(q))),
        ),
    [log.lines, onlyHits, q],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: new lines or a new view keep the end in sight
  useEffect(() => {
    if (atEnd.current && box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [shown]);
  const error = log.failure ?? log.pollError;
  // A job re-created or restarted the container: follow its log again once the job is done (only then, so a log
  // that cannot be read is not retried in a loop).
  const wasInTransition = useRef(inTransition);
  const { state, reconnect } = log;
  useEffect(() => {
    const ended = wasInTransition.current && !inTransition;
    wasInTransition.current = inTransition;
    if (ended && (state === 'failed' || state === 'ended')) reconnect();
  }, [inTransition, state, reconnect]);
  return (
    <Card className="p-4" testId="log-viewer">
      <LogToolbar
        source={source}
        onSource={(s) => {
          atEnd.current = true;
          setSource(s);
        }}
        lines={lines}
        onLines={setLines}
        query={query}
        onQuery={setQuery}
        onlyHits={onlyHits}
        onOnlyHits={setOnlyHits}
      />
      <LogFollowBar
        state={log.state}
        paused={paused}
        waiting={log.waiting}
        onPause={() => setPaused(!paused)}
        onReconnect={log.reconnect}
        onDownload={() => download(log.all, name, source)}
        canDownload={log.all.length > 0}
      />
      {error && inTransition && (
        <p className="text-sm text-sky-800" data-testid="log-in-transition">
          {t('health.logs.inTransition')}
        </p>
      )}
      {error && !inTransition && (
        <p className="text-sm text-red-700" data-testid="log-error">
          {t('health.logs.error', {
            message:
              error instanceof ApiError
                ? summary(error.error)
                : 'code' in error
                  ? summary(error)
                  : t('errors.network'),
          })}
        </p>
      )}
      {log.state === 'connecting' && !error && (
        <p className="text-sm text-slate-500">{t('health.logs.loading')}</p>
      )}
      {log.state !== 'connecting' && (
        <>
          <p className="mb-1 text-xs text-slate-500" data-testid="log-matches">
            {t('health.logs.matches', { shown: shown.length, total: log.lines.length })}
          </p>
          <pre
            ref={box}
            onScroll={(e) => {
              const el = e.currentTarget;
              atEnd.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
            }}
            className="max-h-[28rem] overflow-auto rounded-md bg-slate-950 p-3 text-[11px] leading-5 text-slate-200"
            data-testid="log-lines"
          >
            {shown.length === 0 && <span className="text-slate-500">{t('health.logs.empty')}</span>}
            {shown.map(({ l, n }) =>
              l.rotated ? (
                <div key={n} className="text-center text-amber-400" data-testid="log-rotated">
                  {t('health.logs.rotated')}
                </div>
              ) : (
                <div
                  key={n}
                  data-testid="log-line"
                  data-hit={l.spans.length > 0 ? 'true' : undefined}
                  className="whitespace-pre-wrap break-all"
                >
                  <span className="mr-3 inline-block w-10 select-none text-right text-slate-600">
                    {n + 1}
                  </span>
                  <LogLineText line={l} query={q} />
                </div>
              ),
            )}
          </pre>
        </>
      )}
    </Card>
  );
}
