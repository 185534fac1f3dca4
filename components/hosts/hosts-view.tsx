'use client';

import { useState } from 'react';
import type { HostView } from '@/lib/hosts/service';
import { useHosts } from '@/lib/swr/use-hosts';
import { ApiError } from '@/lib/swr/fetch-json';
import { useErrorText } from '../error-text';
import { Button } from '../ui/button';
import { Card, PageHeader } from '../ui/card';
import { Notice } from '../ui/notice';
import { useToast } from '../ui/toast';
import { HostForm, type SavedHost } from './host-form';
import { HostTable } from './host-table';
import { PublicKeyBox } from './public-key-box';

type Editing = { mode: 'closed' } | { mode: 'add' } | { mode: 'edit'; host: HostView };

export function HostsView() {
  const { t, summary } = useErrorText();
  const { data, error, mutate } = useHosts();
  const [editing, setEditing] = useState<Editing>({ mode: 'closed' });
  const [generated, setGenerated] = useState<{
    hostName: string;
    user: string;
    publicKey: string;
  } | null>(null);
  const toast = useToast();
  const setMessage = (m: { text: string; tone: 'success' | 'error' }) =>
    toast({ ...m, testId: 'hosts-message' });

  function saved({ host, publicKey }: SavedHost) {
    setEditing({ mode: 'closed' });
    setMessage({ text: t('hosts.saved', { name: host.name }), tone: 'success' });
    setGenerated(publicKey ? { hostName: host.name, user: host.user, publicKey } : null);
    void mutate();
  }

  return (
    <div className="space-y-4">
      <PageHeader
        title={t('hosts.title')}
        actions={
          editing.mode === 'closed' && (
            <Button
              variant="primary"
              onClick={() => setEditing({ mode: 'add' })}
              data-testid="add-host"
            >
              {t('hosts.add')}
            </Button>
          )
        }
      />
      {generated && <PublicKeyBox {...generated} onClose={() => setGenerated(null)} />}
      {editing.mode !== 'closed' && (
        <Card>
          <HostForm
            key={editing.mode === 'edit' ? editing.host.id : 'new'}
            host={editing.mode === 'edit' ? editing.host : undefined}
            onSaved={saved}
            onCancel={() => setEditing({ mode: 'closed' })}
          />
        </Card>
      )}
      {error && (
        <Notice tone="error">
          {error instanceof ApiError ? summary(error.error) : t('errors.network')}
        </Notice>
      )}
      <Card className="overflow-x-auto">
        {!data ? (
          <p className="p-4 text-slate-500">{t('common.loading')}</p>
        ) : data.hosts.length === 0 ? (
          <p className="p-6 text-center text-slate-500">{t('hosts.empty')}</p>
        ) : (
          <HostTable
            hosts={data.hosts}
            onEdit={(host) => setEditing({ mode: 'edit', host })}
            onChanged={() => void mutate()}
            onMessage={(text, tone) => setMessage({ text, tone })}
          />
        )}
      </Card>
    </div>
  );
}
