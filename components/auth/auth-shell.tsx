import type { ReactNode } from 'react';
import { LocaleSwitch } from '../layout/locale-switch';

/** Centered card for the pages a signed-out user sees (sign-in, first setup). */
export function AuthShell({
  appName,
  title,
  children,
}: {
  appName: string;
  title: string;
  children: ReactNode;
}) {
  return (
    <div className="flex min-h-screen flex-col bg-slate-900">
      <div className="flex justify-end p-3">
        <LocaleSwitch />
      </div>
      <div className="flex flex-1 items-start justify-center px-4 pt-16">
        <div className="w-full max-w-sm">
          <p className="mb-3 text-center text-sm font-semibold tracking-wide text-sky-300">
            {appName}
          </p>
          <div className="rounded-lg bg-white p-6 shadow-xl">
            <h1 className="mb-4 text-base font-semibold text-slate-900">{title}</h1>
            {children}
          </div>
        </div>
      </div>
    </div>
  );
}
