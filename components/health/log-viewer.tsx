'use client';

import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { LogLine } from '@/lib/health/logs';
import { ApiError } from '@/lib/swr/fetch-json';
import { useContainerLogs } from '@/lib/swr/use-container';
import { useErrorText } from '../error-text';
import { Card } from '../ui/card';
import { Select, TextInput } from '../ui/field';
import { useDiagnosisText } from './diagnosis-text';
import { SIGNATURE_COLOURS } from './signature-colours';

const SOURCES = ['gradio', 'dh', 'docker'] as const;
const LINES = [200, 500, 2000];

function Line({ line, query }: { line: LogLine; query: string }) {
  const { signature } = useDiagnosisText();
  // Signature spans come from the server (the catalogue's highlight patterns); the search term is marked on top.
  const parts: { text: string; sig?: LogLine['spans'][number]['signature'] }[] = [];
  let at = 0;
  for (const s of line.spans) {
    if (s.from > at) parts.push({ text: line.text.slice(at, s.from) });
    parts.push({ text: line.text.slice(s.from, s.to), sig: s.signature });
    at = s.to;
  }
  if (at < line.text.length) parts.push({ text: line.text.slice(at) });
  const mark = (text: string) => {
    if (!query) return text;
    const out: ReactNode[] = [];
    const lower = text.toLowerCase();
    let i = 0;
    for (let j = lower.indexOf(query); j >= 0; j = lower.indexOf(query, i)) {
      out.push(
        text.slice(i, j),
        <mark key={j} className="bg-yellow-200">
          {text.slice(j, j + query.length)}
        </mark>,
      );
      i = j + query.length;
    }
    out.push(text.slice(i));
    return out;
  };
  return (
    <>
      {parts.map((p, i) =>
        p.sig ? (
          <span
            key={i}
            data-testid="log-highlight"
            data-signature={p.sig}
            title={signature(p.sig)}
            className={`rounded px-0.5 font-semibold ${SIGNATURE_COLOURS[p.sig]}`}
          >
            {mark(p.text)}
          </span>
        ) : (
          <span key={i}>{mark(p.text)}</span>
        ),
      )}
    </>
  );
}

/** The tail of one log with signature highlighting, a search box and a "signature lines only" switch. */
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
  const { data, error } = useContainerLogs(hostId, name, source, lines);
  const q = query.trim().toLowerCase();
  const box = useRef<HTMLPreElement>(null);
  // Newest lines are at the bottom: show them when a log is opened or switched, not on every poll (the reader may
  // have scrolled up to read).
  const shownSource = data?.source;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new length or filter is a new view, shown from the bottom
  useEffect(() => {
    if (shownSource && box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [shownSource, lines, onlyHits]);
  const shown = useMemo(
    () =>
      (data?.lines ?? [])
        .map((l, n) => ({ l, n }))
        .filter(
          ({ l }) => (!onlyHits || l.spans.length > 0) && (!q || l.text.toLowerCase().includes(q)),
        ),
    [data, onlyHits, q],
  );
  return (
    <Card className="p-4" testId="log-viewer">
      <div className="mb-2 flex flex-wrap items-end gap-3">
        <h2 className="mr-auto text-sm font-semibold text-slate-900">{t('health.logs.title')}</h2>
        <label className="text-xs text-slate-600">
          {t('health.logs.source')}
          <Select
            data-testid="log-source"
            value={source}
            onChange={(e) => setSource(e.target.value as (typeof SOURCES)[number])}
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
            value={lines}
            onChange={(e) => setLines(Number(e.target.value))}
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
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder={t('health.logs.search')}
            className="mt-0.5 w-64"
          />
        </label>
        <label className="flex items-center gap-1.5 pb-1.5 text-xs text-slate-600">
          <input
            type="checkbox"
            data-testid="log-only-hits"
            checked={onlyHits}
            onChange={(e) => setOnlyHits(e.target.checked)}
          />
          {t('health.logs.onlyHits')}
        </label>
      </div>
      {error && inTransition && (
        <p className="text-sm text-sky-800" data-testid="log-in-transition">
          {t('health.logs.inTransition')}
        </p>
      )}
      {error && !inTransition && (
        <p className="text-sm text-red-700" data-testid="log-error">
          {t('health.logs.error', {
            message: error instanceof ApiError ? summary(error.error) : t('errors.network'),
          })}
        </p>
      )}
      {!data && !error && <p className="text-sm text-slate-500">{t('health.logs.loading')}</p>}
      {data && (
        <>
          <p className="mb-1 text-xs text-slate-500" data-testid="log-matches">
            {t('health.logs.matches', { shown: shown.length, total: data.lines.length })}
          </p>
          <pre
            ref={box}
            className="max-h-[28rem] overflow-auto rounded-md bg-slate-950 p-3 text-[11px] leading-5 text-slate-200"
            data-testid="log-lines"
          >
            {shown.length === 0 && <span className="text-slate-500">{t('health.logs.empty')}</span>}
            {shown.map(({ l, n }) => (
              <div
                key={n}
                data-testid="log-line"
                data-hit={l.spans.length > 0 ? 'true' : undefined}
                className="whitespace-pre-wrap break-all"
              >
                <span className="mr-3 inline-block w-10 select-none text-right text-slate-600">
                  {n + 1}
                </span>
                <Line line={l} query={q} />
              </div>
            ))}
          </pre>
        </>
      )}
    </Card>
  );
}
