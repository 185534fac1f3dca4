import { type AuditEntry, type AuditQuery, listAudit } from '@/lib/audit/log';
import { listHosts } from './service';

// The audit log records hosts by id (stable across a rename, and the log can never be rewritten). People read
// and search by name: an entry names its hosts as they are called now, and a search for a host's name also finds
// the entries that recorded its id.

export interface AuditEntryView extends AuditEntry {
  /** The target with each host id replaced by the host's name (unchanged for a host removed since). */
  targetName: string | null;
}

export async function readAudit(
  q: Omit<AuditQuery, 'targetHas'> & { target?: string },
): Promise<AuditEntryView[]> {
  const hosts = await listHosts();
  const needle = q.target?.trim().toLowerCase();
  const targetHas = needle
    ? [needle, ...hosts.filter((h) => h.name.toLowerCase().includes(needle)).map((h) => h.id)]
    : undefined;
  const entries = await listAudit({ ...q, targetHas });
  const names = new Map(hosts.map((h) => [h.id, h.name]));
  return entries.map((e) => ({
    ...e,
    targetName:
      e.target?.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, (id) => names.get(id) ?? id) ?? null,
  }));
}
