'use client';

import { useState, useTransition } from 'react';
import { removeHostAction } from '@/app/actions/remove-host';
import type { HostView } from '@/lib/hosts/service';
import { useErrorText } from '../error-text';
import { TrustKeyButton } from '../fleet/trust-key-button';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';

function HostKeyCell({ host, onChanged }: { host: HostView; onChanged: () => void }) {
  const { t } = useErrorText();
  const pending =
    host.seenFingerprint && host.seenFingerprint !== host.pinnedFingerprint
      ? host.seenFingerprint
      : null;
  return (
    <div className="space-y-1">
      <code
        className="block font-mono text-[11px] break-all text-slate-700"
        data-testid="pinned-fingerprint"
      >
        {host.pinnedFingerprint ?? <span className="text-amber-700">{t('hosts.notPinned')}</span>}
      </code>
      {pending && (
        <div className="space-y-1">
          <code className="block font-mono text-[11px] break-all text-amber-800">
            {t('hosts.seenKey', { fingerprint: pending })}
          </code>
          <TrustKeyButton
            hostId={host.id}
            hostName={host.name}
            fingerprint={pending}
            repin={host.pinnedFingerprint !== null}
            onDone={onChanged}
          />
        </div>
      )}
    </div>
  );
}

export function HostTable({
  hosts,
  onEdit,
  onChanged,
  onMessage,
}: {
  hosts: HostView[];
  onEdit: (host: HostView) => void;
  onChanged: () => void;
  onMessage: (text: string, tone: 'success' | 'error') => void;
}) {
  const { t, summary } = useErrorText();
  const [pending, startTransition] = useTransition();
  const [busyId, setBusyId] = useState<string | null>(null);

  function remove(host: HostView) {
    if (!window.confirm(t('common.confirmRemove', { name: host.name }))) return;
    setBusyId(host.id);
    startTransition(async () => {
      const result = await removeHostAction({ id: host.id });
      setBusyId(null);
      onMessage(
        result.ok ? t('hosts.removed', { name: host.name }) : summary(result.error),
        result.ok ? 'success' : 'error',
      );
      onChanged();
    });
  }

  const th = 'px-3 py-2 text-left text-xs font-medium text-slate-500';
  return (
    <table className="w-full text-sm">
      <thead className="border-b border-slate-200 bg-slate-50">
        <tr>
          <th className={th}>{t('hosts.columns.name')}</th>
          <th className={th}>{t('hosts.columns.target')}</th>
          <th className={th}>{t('hosts.columns.socket')}</th>
          <th className={th}>{t('hosts.columns.groups')}</th>
          <th className={th}>{t('hosts.columns.key')}</th>
          <th className={`${th} w-[30%]`}>{t('hosts.columns.hostKey')}</th>
          <th className={th}>{t('hosts.columns.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {hosts.map((h) => (
          <tr
            key={h.id}
            data-testid="host-row"
            data-host={h.name}
            className="border-b border-slate-100 align-top last:border-0"
          >
            <td className="px-3 py-2 font-medium text-slate-900">{h.name}</td>
            <td className="px-3 py-2 font-mono text-xs text-slate-600">
              {h.user}@{h.address}:{h.port}
            </td>
            <td className="px-3 py-2 font-mono text-xs break-all text-slate-600">
              {h.dockerSocket}
            </td>
            <td className="px-3 py-2">
              <div className="flex flex-wrap gap-1">
                {h.groups.map((g) => (
                  <span
                    key={g}
                    className="rounded bg-slate-100 px-1.5 py-0.5 text-[11px] text-slate-600"
                  >
                    {g}
                  </span>
                ))}
              </div>
            </td>
            <td className="px-3 py-2">
              {h.hasKey ? (
                <Badge tone="green">{t('hosts.hasKey')}</Badge>
              ) : (
                <Badge tone="amber">{t('hosts.noKey')}</Badge>
              )}
            </td>
            <td className="px-3 py-2">
              <HostKeyCell host={h} onChanged={onChanged} />
            </td>
            <td className="px-3 py-2">
              <div className="flex justify-end gap-1">
                <Button variant="ghost" onClick={() => onEdit(h)} data-testid="edit-host">
                  {t('common.edit')}
                </Button>
                <Button
                  variant="danger"
                  disabled={pending && busyId === h.id}
                  onClick={() => remove(h)}
                  data-testid="remove-host"
                >
                  {t('common.remove')}
                </Button>
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
