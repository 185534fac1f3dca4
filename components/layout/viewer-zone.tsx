'use client';

import { useEffect, useState } from 'react';
import { useClock } from '../common/use-clock';
import { useI18n } from '../i18n-provider';

/** Names the one clock of the UI: every time on the pages is in the viewer's zone. Rendered after mount (the server's zone is not the viewer's). */
export function ViewerZone() {
  const { t } = useI18n();
  const { zone } = useClock();
  const [shown, setShown] = useState<string | null>(null);
  useEffect(() => setShown(zone), [zone]);
  if (!shown) return null;
  return (
    <span
      className="text-xs text-slate-400"
      data-testid="viewer-zone"
      title={t('common.timeZoneHint')}
    >
      {t('common.timeZone', { zone: shown })}
    </span>
  );
}
