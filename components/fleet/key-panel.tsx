'use client';

import type { HostSnapshot } from '@/lib/fleet/snapshot';
import { useI18n } from '../i18n-provider';
import { TrustKeyButton } from './trust-key-button';

function Fingerprint({
  label,
  value,
  testId,
}: {
  label: string;
  value?: string | null;
  testId: string;
}) {
  const { t } = useI18n();
  return (
    <div className="flex flex-wrap items-baseline gap-x-2">
      <span className="w-48 shrink-0 text-slate-500">{label}</span>
      <code data-testid={testId} className="font-mono break-all text-slate-800">
        {value || t('common.none')}
      </code>
    </div>
  );
}

/** Unconfirmed or changed host key: both fingerprints, the error, and (admins only) accept / re-pin. */
export function KeyPanel({
  entry,
  isAdmin,
  onChanged,
}: {
  entry: HostSnapshot;
  isAdmin: boolean;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const seen = entry.seenFingerprint ?? entry.host.seenFingerprint ?? undefined;
  const mismatch = entry.status === 'mismatch';
  return (
    <div
      className={`space-y-1 border-b border-slate-100 px-4 py-2.5 text-xs ${mismatch ? 'bg-red-50/60' : 'bg-amber-50/60'}`}
    >
      {entry.error && (
        <p
          data-testid="host-error"
          className={`mb-1 font-mono break-words ${mismatch ? 'text-red-700' : 'text-amber-900'}`}
        >
          {entry.error}
        </p>
      )}
      {mismatch && (
        <Fingerprint
          label={t('fleet.pinnedFingerprint')}
          value={entry.host.pinnedFingerprint}
          testId="pinned-fingerprint"
        />
      )}
      <Fingerprint label={t('fleet.seenFingerprint')} value={seen} testId="seen-fingerprint" />
      <div className="pt-1.5">
        {isAdmin && seen ? (
          <TrustKeyButton
            hostId={entry.host.id}
            hostName={entry.host.name}
            fingerprint={seen}
            repin={mismatch}
            onDone={onChanged}
          />
        ) : (
          <span className="text-amber-800">{t('fleet.askAdmin')}</span>
        )}
      </div>
    </div>
  );
}
