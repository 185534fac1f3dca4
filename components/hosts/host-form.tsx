'use client';

import { useState, useTransition, type FormEvent } from 'react';
import { addHostAction } from '@/app/actions/add-host';
import { updateHostAction } from '@/app/actions/update-host';
import type { HostView } from '@/lib/hosts/service';
import type { ActionError } from '@/lib/web/result';
import { useErrorText } from '../error-text';
import { Button } from '../ui/button';
import { Field, TextArea, TextInput } from '../ui/field';
import { Notice } from '../ui/notice';

type KeyMode = 'paste' | 'generate' | 'keep';
const SHOWN = [
  'name',
  'address',
  'port',
  'user',
  'dockerSocket',
  'groups',
  'privateKey',
  'keyMode',
];

export interface SavedHost {
  host: HostView;
  publicKey: string | null;
}

/** Add or edit one host. The private key only ever travels browser → server; nothing sends it back. */
export function HostForm({
  host,
  onSaved,
  onCancel,
}: {
  host?: HostView;
  onSaved: (saved: SavedHost) => void;
  onCancel: () => void;
}) {
  const { t, summary, byField, unplaced } = useErrorText();
  const [keyMode, setKeyMode] = useState<KeyMode>(host ? 'keep' : 'paste');
  const [error, setError] = useState<ActionError | null>(null);
  const [pending, startTransition] = useTransition();
  const errors = byField(error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '');
    const input = {
      name: text('name'),
      address: text('address'),
      port: text('port'),
      user: text('user'),
      dockerSocket: text('dockerSocket'),
      groups: text('groups'),
      keyMode,
      ...(keyMode === 'paste' ? { privateKey: text('privateKey') } : {}),
    };
    startTransition(async () => {
      const result = host
        ? await updateHostAction({ id: host.id, ...input })
        : await addHostAction(input);
      if (!result.ok) return setError(result.error);
      setError(null);
      onSaved(result.data);
    });
  }

  const modes: KeyMode[] = host ? ['keep', 'paste', 'generate'] : ['paste', 'generate'];
  const modeLabel: Record<KeyMode, string> = {
    paste: t('hosts.keyPaste'),
    generate: t('hosts.keyGenerate'),
    keep: t('hosts.keyKeep'),
  };

  return (
    <form onSubmit={onSubmit} noValidate data-testid="host-form" className="space-y-4 p-4">
      <h2 className="text-sm font-semibold text-slate-900">
        {host ? t('hosts.editTitle', { name: host.name }) : t('hosts.addTitle')}
      </h2>
      {error && (
        <Notice tone="error" testId="form-error">
          <p>{summary(error)}</p>
          {unplaced(error, SHOWN).map((line) => (
            <p key={line}>{line}</p>
          ))}
        </Notice>
      )}
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Field name="name" label={t('hosts.name')} error={errors.name}>
          <TextInput
            name="name"
            defaultValue={host?.name}
            required
            maxLength={64}
            error={errors.name}
          />
        </Field>
        <Field name="address" label={t('hosts.address')} error={errors.address}>
          <TextInput
            name="address"
            defaultValue={host?.address}
            required
            placeholder="10.0.0.12"
            error={errors.address}
          />
        </Field>
        <Field name="port" label={t('hosts.port')} error={errors.port}>
          <TextInput
            name="port"
            defaultValue={host?.port ?? 22}
            inputMode="numeric"
            error={errors.port}
          />
        </Field>
        <Field name="user" label={t('hosts.user')} error={errors.user}>
          <TextInput name="user" defaultValue={host?.user ?? 'root'} required error={errors.user} />
        </Field>
        <Field name="dockerSocket" label={t('hosts.dockerSocket')} error={errors.dockerSocket}>
          <TextInput
            name="dockerSocket"
            defaultValue={host?.dockerSocket ?? '/var/run/docker.sock'}
            className="font-mono"
            error={errors.dockerSocket}
          />
        </Field>
        <div className="sm:col-span-1 lg:col-span-3">
          <Field
            name="groups"
            label={t('hosts.groups')}
            error={errors.groups}
            hint={t('hosts.groupsHint')}
          >
            <TextInput name="groups" defaultValue={host?.groups.join(', ')} error={errors.groups} />
          </Field>
        </div>
      </div>
      <fieldset className="space-y-2">
        <legend className="text-xs font-medium text-slate-600">{t('hosts.keyMode')}</legend>
        <div className="flex flex-wrap gap-4">
          {modes.map((m) => (
            <label key={m} className="inline-flex items-center gap-1.5 text-sm">
              <input
                type="radio"
                name="keyMode"
                value={m}
                checked={keyMode === m}
                onChange={() => setKeyMode(m)}
                data-testid={`key-mode-${m}`}
              />
              {modeLabel[m]}
            </label>
          ))}
        </div>
        {errors.keyMode && (
          <p role="alert" className="text-xs text-red-600">
            {errors.keyMode}
          </p>
        )}
        {keyMode === 'paste' && (
          <Field
            name="privateKey"
            label={t('hosts.privateKey')}
            error={errors.privateKey}
            hint={t('hosts.keyHint')}
          >
            <TextArea
              name="privateKey"
              rows={5}
              spellCheck={false}
              autoComplete="off"
              placeholder={t('hosts.keyPlaceholder')}
              error={errors.privateKey}
            />
          </Field>
        )}
      </fieldset>
      <div className="flex gap-2">
        <Button type="submit" variant="primary" disabled={pending} data-testid="save-host">
          {pending ? t('common.working') : t('common.save')}
        </Button>
        <Button onClick={onCancel} disabled={pending}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}
