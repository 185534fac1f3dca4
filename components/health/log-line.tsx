'use client';

import type { ReactNode } from 'react';
import type { LogLine } from '@/lib/health/logs';
import { useDiagnosisText } from './diagnosis-text';
import { SIGNATURE_COLOURS } from './signature-colours';

/** One log line: signature spans from the server (the catalogue's highlight patterns), the search term on top. */
export function LogLineText({ line, query }: { line: LogLine; query: string }) {
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
