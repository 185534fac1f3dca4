// Remedy ids, in the order the remediation procedure of shared/DOMAIN.md applies them. Findings list their
// remedies in this order; the remedies issue implements one module per id.
export const REMEDY_ORDER = [
  'pin-ort',
  'ort-env',
  'session-options',
  'shm',
  'batch-size',
  'restart',
] as const;

export type RemedyId = (typeof REMEDY_ORDER)[number];

export const REMEDY_TITLES: Record<RemedyId, { zh: string; en: string }> = {
  'pin-ort': { zh: '固定 onnxruntime-gpu 版本', en: 'Pin the onnxruntime-gpu version' },
  'ort-env': {
    zh: '设置 ORT_PARALLEL / OMP_WAIT_POLICY',
    en: 'Set ORT_PARALLEL / OMP_WAIT_POLICY',
  },
  'session-options': { zh: '安装会话选项钩子', en: 'Install the session-options hook' },
  shm: { zh: '扩大共享内存 /dev/shm', en: 'Enlarge shared memory /dev/shm' },
  'batch-size': { zh: '将 batch_size 设为 1', en: 'Set batch_size to 1' },
  restart: { zh: '重启服务', en: 'Restart the service' },
};

export function inRemedyOrder(ids: Iterable<RemedyId>): RemedyId[] {
  const wanted = new Set(ids);
  return REMEDY_ORDER.filter((id) => wanted.has(id));
}

/** The runbook: every remedy of the procedure in one job. */
export const RUNBOOK_NAME = 'fix-queue-blocking';
export const RUNBOOK_TITLE = { en: 'Fix queue blocking', zh: '修复队列阻塞' };

/** What a job is called (a remedy's title, or the runbook's), for lists that would otherwise show its raw name. */
export function jobTitle(name: string): { zh: string; en: string } | null {
  if (name === RUNBOOK_NAME) return RUNBOOK_TITLE;
  return (REMEDY_ORDER as readonly string[]).includes(name)
    ? REMEDY_TITLES[name as RemedyId]
    : null;
}
