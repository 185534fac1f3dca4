import { text } from '@/lib/i18n/text';
import { assertSafePath, backupPath } from '../../container-files';
import { unifiedDiff } from '../../diff';
import type { Notice, RemedyContext, RunnableStep } from '../../types';
import { composeSize, setComposeShmSize } from './compose-edit';

// The lasting fix for a Compose-managed container: `shm_size` in its compose file on the host, shown as a diff, and
// applied (with a backup) only when the operator asks. The text travels over stdin; the script is one fixed line.

const WRITE_WITH_BACKUP =
  'import sys,os,shutil;p,b=sys.argv[1],sys.argv[2];shutil.copy2(p,b);d=sys.stdin.buffer.read();t=p+".dh-console-tmp";f=open(t,"wb");f.write(d);f.close();shutil.copymode(p,t);os.replace(t,p)';

export interface ComposeUndo {
  file: string;
  backup: string;
  before: string;
  after: string;
}

export async function composeSteps(
  ctx: RemedyContext,
  compose: { project: string; service: string | null; configFiles: string[] },
  size: number,
  apply: boolean,
): Promise<{ steps: RunnableStep[]; notices: Notice[]; undo: ComposeUndo | null }> {
  const file = compose.configFiles[0];
  if (!file || !compose.service) return { steps: [], notices: [], undo: null };
  assertSafePath(file);
  const read = await ctx.onHost(['cat', '--', file], { onOutput: () => undefined });
  if (read.code !== 0) {
    return {
      steps: [],
      undo: null,
      notices: [
        {
          level: 'warn',
          text: text('remedies.shm.notices.composeUnreadable', {
            file,
            error: read.stderr.trim().slice(-200),
          }),
        },
      ],
    };
  }
  const edit = setComposeShmSize(read.stdout, compose.service, composeSize(size));
  if (!edit.changed) return { steps: [], notices: [], undo: null };
  const diff = unifiedDiff(file, read.stdout, edit.text);
  if (!apply) {
    return {
      steps: [],
      undo: null,
      notices: [
        {
          level: 'warn',
          text: text('remedies.shm.notices.composeSuggested', { file, diff }),
        },
      ],
    };
  }
  const backup = backupPath(file);
  const argv = ['python3', '-c', WRITE_WITH_BACKUP, file, backup];
  const before = read.stdout;
  const step: RunnableStep = {
    id: 'compose-file',
    title: text('remedies.shm.steps.composeFile', { size: composeSize(size), file, backup }),
    where: 'host',
    argv,
    diff: { path: file, unified: diff },
    timeoutMs: 60_000,
    run: async (c) => {
      const now = await c.onHost(['cat', '--', file], { check: true, onOutput: () => undefined });
      if (now.stdout !== before)
        throw new Error(`${file} changed since the preview: preview again`);
      await c.onHost(argv, { stdin: edit.text, check: true });
    },
    rollback: async (c) => {
      const now = await c.onHost(['cat', '--', file], { onOutput: () => undefined });
      if (now.code === 0 && now.stdout === edit.text)
        await c.onHost(['cp', '-p', '--', backup, file], { check: true });
    },
  };
  return { steps: [step], notices: [], undo: { file, backup, before, after: edit.text } };
}
