import type { Notice } from '@/lib/remedies/types';
import type { JobPlan } from './types';

type StoredNotice = Notice | { level: Notice['level']; en: string; zh: string };

// Jobs stored before texts became catalog keys hold notices as `{level, en, zh}`; they read as `{level, text}`
// with both languages inline (lib/i18n/text.ts renders either). Titles and details need no change.
function noticeOf(n: StoredNotice): Notice {
  return 'text' in n ? n : { level: n.level, text: { en: n.en, zh: n.zh } };
}

export function parseStoredPlan(json: string): JobPlan {
  const plan = JSON.parse(json) as JobPlan;
  const notices = (list: StoredNotice[]) => list.map(noticeOf);
  return {
    ...plan,
    notices: notices(plan.notices),
    parts: plan.parts.map((p) => ({ ...p, notices: notices(p.notices) })),
  };
}
