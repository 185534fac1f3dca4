'use client';

import { useState } from 'react';
import { useI18n } from '../i18n-provider';
import { Button } from '../ui/button';

/** The generated key's public half, to paste into the host's authorized_keys. */
export function PublicKeyBox({
  hostName,
  user,
  publicKey,
  onClose,
}: {
  hostName: string;
  user: string;
  publicKey: string;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  return (
    <div
      className="space-y-2 rounded-lg border border-sky-200 bg-sky-50 p-4"
      data-testid="public-key-box"
    >
      <div className="flex items-center justify-between">
        <h3 className="text-sm font-semibold text-sky-900">
          {t('hosts.publicKeyTitle', { name: hostName })}
        </h3>
        <Button variant="ghost" onClick={onClose}>
          {t('common.close')}
        </Button>
      </div>
      <p className="text-xs text-sky-800">{t('hosts.publicKeyHint', { user })}</p>
      <div className="flex items-start gap-2">
        <code
          data-testid="public-key"
          className="block flex-1 rounded border border-sky-200 bg-white p-2 font-mono text-xs break-all text-slate-800"
        >
          {publicKey}
        </code>
        <Button
          onClick={() => {
            void navigator.clipboard?.writeText(publicKey).then(() => setCopied(true));
          }}
        >
          {copied ? t('common.copied') : t('common.copy')}
        </Button>
      </div>
    </div>
  );
}
