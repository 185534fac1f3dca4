'use client';

import { useState, useTransition } from 'react';
import { trustHostKey } from '@/app/actions/trust-host-key';
import type { ActionError } from '@/lib/web/result';
import { useErrorText } from '../error-text';
import { Button } from '../ui/button';

/** Pins the fingerprint the host offered. The exact fingerprint shown is sent, so a key that changes meanwhile is not pinned. */
export function TrustKeyButton({
  hostId,
  hostName,
  fingerprint,
  repin,
  onDone,
}: {
  hostId: string;
  hostName: string;
  fingerprint: string;
  repin: boolean;
  onDone: () => void;
}) {
  const { t, summary } = useErrorText();
  const [error, setError] = useState<ActionError | null>(null);
  const [pending, startTransition] = useTransition();

  function accept() {
    const question = repin
      ? t('fleet.confirmRepin', { name: hostName, fingerprint })
      : t('fleet.confirmAccept', { name: hostName, fingerprint });
    if (!window.confirm(question)) return;
    startTransition(async () => {
      const result = await trustHostKey({ id: hostId, fingerprint });
      setError(result.ok ? null : result.error);
      if (result.ok) onDone();
    });
  }

  return (
    <span className="inline-flex items-center gap-2">
      <Button
        variant={repin ? 'danger' : 'primary'}
        disabled={pending}
        onClick={accept}
        data-testid="accept-host-key"
      >
        {pending ? t('common.working') : repin ? t('fleet.repinKey') : t('fleet.acceptKey')}
      </Button>
      {error && (
        <span role="alert" className="text-xs text-red-600">
          {summary(error)}
        </span>
      )}
    </span>
  );
}
