'use client';

import { useEffect, useState } from 'react';
import type { LogLine } from '@/lib/health/logs';
import { useContainerLogs } from '@/lib/swr/use-container';
import type { ActionError } from '@/lib/web/result';

/** Lines kept in the browser at most: older ones drop off the top as new ones arrive. */
export const FOLLOW_BUFFER_LINES = 5000;

export type FollowState = 'connecting' | 'live' | 'ended' | 'failed' | 'polling';
export type ShownLine = LogLine & { rotated?: boolean };

/**
 * One log followed live over server-sent events: the tail first, then each new line, into a bounded buffer.
 * `paused` freezes what is shown while new lines keep arriving (counted, shown on resume). Where the live stream
 * cannot open (too many followers on the host, a proxy that buffers), the log is re-read every 15 s instead.
 */
export function useLogFollow(
  hostId: string,
  name: string,
  source: string,
  lines: number,
  paused: boolean,
) {
  const [buffer, setBuffer] = useState<ShownLine[]>([]);
  const [state, setState] = useState<FollowState>('connecting');
  const [failure, setFailure] = useState<ActionError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [received, setReceived] = useState(0);
  const [snapshot, setSnapshot] = useState<{ lines: ShownLine[]; at: number } | null>(null);
  const polling = useContainerLogs(hostId, name, source, lines, state === 'polling');

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` reconnects on request
  useEffect(() => {
    setBuffer([]);
    setReceived(0);
    setState('connecting');
    setFailure(null);
    const q = new URLSearchParams({ source, lines: String(lines) });
    const url = `/api/containers/${encodeURIComponent(hostId)}/${encodeURIComponent(name)}/logs/follow?${q}`;
    const es = new EventSource(url);
    let opened = false;
    const append = (more: ShownLine[]) => {
      setReceived((n) => n + more.length);
      setBuffer((b) => {
        const next = b.concat(more);
        return next.length > FOLLOW_BUFFER_LINES ? next.slice(-FOLLOW_BUFFER_LINES) : next;
      });
    };
    // EventSource reconnects by itself after a dropped connection, and the server starts again with the tail.
    es.onopen = () => {
      setBuffer([]);
      setReceived(0);
    };
    es.addEventListener('lines', (e) => {
      opened = true;
      setState('live');
      append((JSON.parse((e as MessageEvent).data) as { lines: LogLine[] }).lines);
    });
    es.addEventListener('rotated', () => append([{ text: '', spans: [], rotated: true }]));
    es.addEventListener('failed', (e) => {
      es.close();
      setFailure((JSON.parse((e as MessageEvent).data) as { error: ActionError }).error);
      setState('failed');
    });
    es.addEventListener('ended', () => {
      es.close();
      setState('ended');
    });
    es.onerror = () => {
      // Refused before the first line (503 busy, 404): read the log the plain way instead.
      if (!opened) {
        es.close();
        setState('polling');
      }
    };
    return () => es.close();
  }, [hostId, name, source, lines, attempt]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the view freezes at the moment of pausing only
  useEffect(() => setSnapshot(paused ? { lines: buffer, at: received } : null), [paused]);
  const live = state !== 'polling';
  const shown: ShownLine[] = live ? (snapshot?.lines ?? buffer) : (polling.data?.lines ?? []);
  return {
    lines: shown,
    state,
    failure,
    pollError: live ? null : polling.error,
    /** Lines that arrived while paused. */
    waiting: snapshot ? received - snapshot.at : 0,
    all: live ? buffer : shown,
    reconnect: () => setAttempt((n) => n + 1),
  };
}
