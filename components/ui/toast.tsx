'use client';

import { createContext, type ReactNode, useCallback, useContext, useState } from 'react';
import { useI18n } from '../i18n-provider';

// Results of an action as toasts, bottom right, newest last: a success goes by itself after a while; an error stays
// until closed (it may need reading twice). Announced to screen readers (status / alert).

export type ToastTone = 'success' | 'error' | 'info';
interface Toast {
  id: number;
  tone: ToastTone;
  text: string;
  testId?: string;
}
type Show = (t: { tone: ToastTone; text: string; testId?: string }) => void;

const ToastContext = createContext<Show>(() => undefined);
const SUCCESS_MS = 8_000;
const TONES: Record<ToastTone, string> = {
  success: 'border-emerald-300 bg-emerald-50 text-emerald-900',
  error: 'border-red-300 bg-red-50 text-red-900',
  info: 'border-sky-300 bg-sky-50 text-sky-900',
};

let next = 1;

export function ToastProvider({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const [toasts, setToasts] = useState<Toast[]>([]);
  const close = useCallback((id: number) => setToasts((ts) => ts.filter((x) => x.id !== id)), []);
  const show = useCallback<Show>(
    (toast) => {
      const id = next++;
      // One toast per testId: a newer result replaces the older one of the same kind.
      setToasts((ts) => [
        ...ts.filter((x) => !toast.testId || x.testId !== toast.testId),
        { id, ...toast },
      ]);
      if (toast.tone !== 'error') setTimeout(() => close(id), SUCCESS_MS);
    },
    [close],
  );
  return (
    <ToastContext.Provider value={show}>
      {children}
      <div className="fixed right-4 bottom-4 z-50 flex w-96 max-w-[90vw] flex-col gap-2">
        {toasts.map((x) => (
          <div
            key={x.id}
            role={x.tone === 'error' ? 'alert' : 'status'}
            data-toast={x.tone}
            className={`flex items-start gap-2 rounded-md border px-3 py-2 text-sm shadow-lg ${TONES[x.tone]}`}
          >
            <span className="flex-1" data-testid={x.testId}>
              {x.text}
            </span>
            <button
              type="button"
              onClick={() => close(x.id)}
              aria-label={t('common.close')}
              className="text-current opacity-60 hover:opacity-100"
            >
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export const useToast = (): Show => useContext(ToastContext);
