'use client';

import { type ReactNode, useEffect, useId, useRef } from 'react';

/**
 * A modal on the browser's own `<dialog>` (showModal): focus moves into it and stays there, the page behind is inert,
 * Esc closes it (unless `busy`), and focus returns where it was when it closes. Its footer stays in view however
 * long the body is.
 */
export function Modal({
  title,
  aside,
  footer,
  children,
  onClose,
  busy = false,
  narrow = false,
  testId,
}: {
  title: ReactNode;
  aside?: ReactNode;
  footer: ReactNode;
  children: ReactNode;
  onClose: () => void;
  busy?: boolean;
  /** A short question or one field, not a document. */
  narrow?: boolean;
  testId?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const before = document.activeElement as HTMLElement | null;
    if (!dialog.open) dialog.showModal();
    return () => {
      dialog.close();
      before?.focus?.();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault(); // the parent decides: it unmounts this when it closes
        if (!busy) onClose();
      }}
      className={`m-auto flex max-h-[90vh] w-full ${narrow ? 'max-w-md' : 'max-w-4xl'} flex-col rounded-lg bg-white p-0 shadow-xl backdrop:bg-slate-900/40`}
    >
      <div className="flex items-baseline justify-between gap-2 border-b border-slate-100 px-4 py-3">
        <h2 id={titleId} className="text-lg font-semibold">
          {title}
        </h2>
        {aside}
      </div>
      <div className="min-h-0 flex-1 space-y-3 overflow-auto px-4 py-3">{children}</div>
      <div className="flex justify-end gap-2 border-t border-slate-100 px-4 py-3">{footer}</div>
    </dialog>
  );
}
