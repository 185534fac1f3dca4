import type { Bilingual } from '@/lib/i18n/bilingual';
import type { JobPlan } from './types';

// What the operator should do after a job stopped part-way: said plainly, in both languages.

export function restoreHint(
  plan: JobPlan,
  completed: number,
  rolledBack: boolean,
  rollbackErrors: string[] = [],
  inFlight?: Bilingual,
): Bilingual {
  const total = plan.steps.length;
  if (completed === 0 && rolledBack) {
    return {
      en: 'Nothing was changed: the job stopped before its first step completed.',
      zh: '未做任何更改：任务在第一步完成前已停止。',
    };
  }
  if (rolledBack) {
    return {
      en: `The ${completed} completed step(s) were rolled back: the container is as it was before the job.`,
      zh: `已完成的 ${completed} 个步骤已回滚：容器已恢复到任务之前的状态。`,
    };
  }
  const last = completed > 0 ? plan.steps[completed - 1] : undefined;
  const done = last
    ? `${completed} of ${total} steps ran (last: "${last.title.en}")`
    : `0 of ${total} steps completed`;
  const doneZh = last
    ? `已执行 ${total} 个步骤中的 ${completed} 个（最后一步：“${last.title.zh}”）`
    : `${total} 个步骤均未完成`;
  const flight = inFlight
    ? ` Step ${completed + 1} ("${inFlight.en}") was under way: it may have completed in part.`
    : '';
  const flightZh = inFlight
    ? ` 第 ${completed + 1} 步（“${inFlight.zh}”）当时正在执行，可能只完成了一部分。`
    : '';
  const why = rollbackErrors.length ? ` Rollback failed: ${rollbackErrors.join('; ')}.` : '';
  const whyZh = rollbackErrors.length ? ` 回滚失败：${rollbackErrors.join('；')}。` : '';
  const shm = plan.parts.find((p) => p.remedy === 'shm');
  const old = (shm?.undo as { oldName?: string } | null | undefined)?.oldName;
  const shmEn = old
    ? ` The original container is kept stopped as "${old}": Undo renames it back and starts it.`
    : '';
  const shmZh = old ? ` 原容器已停止并保留为“${old}”：执行“撤销”会将其改回原名并启动。` : '';
  const undo = canUndo(plan);
  return {
    en: `${done}.${flight}${why}${shmEn} Run the same remedy again to finish (it checks the state first and skips what already holds)${undo ? ', or use Undo on this job to put the saved state back' : ''}.`,
    zh: `${doneZh}。${flightZh}${whyZh}${shmZh} 再次运行同一修复即可完成（它会先检查状态并跳过已生效的部分）${undo ? '，或对此任务执行“撤销”以恢复保存的状态' : ''}。`,
  };
}

/** Every step ran but a part did not verify (or could not be checked: the host or its engine went away). */
export function verifyFailedHint(plan: JobPlan): Bilingual {
  const undo = canUndo(plan);
  return {
    en: `Every step ran, but verification did not pass. Run the same remedy again: it reads the state first, changes nothing that already holds, and verifies again${undo ? '; or use Undo on this job to put the saved state back' : ''}.`,
    zh: `所有步骤均已执行，但验证未通过。请再次运行同一修复：它会先读取状态，不改动已生效的部分，并重新验证${undo ? '；或对此任务执行“撤销”以恢复保存的状态' : ''}。`,
  };
}

const canUndo = (plan: JobPlan) => plan.parts.some((p) => p.undo !== null && p.undo !== undefined);
