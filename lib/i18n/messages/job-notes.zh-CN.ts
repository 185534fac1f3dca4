import type { Messages } from './en';

// 作业引擎写入作业结果的中文文本（结构与 job-notes.en.ts 一致）。
export const jobNotesZhCN: Pick<Messages, 'jobNotes'> = {
  jobNotes: {
    join: {
      sentences: '{first} {rest}',
      list: '{first}; {rest}',
    },
    hostCheck: {
      exited: '在控制台停止后已完成，退出码 0',
      failed: '失败，退出码 {code}',
      failedSaid: '失败，退出码 {code}：{stderr}',
      gone: '结束但没有退出码（被终止，或其容器已停止）：{why}',
      notStarted: '从未启动',
      stopped: '超时仍在运行，已被停止',
      rollingBack: '正在回滚：回滚{outcome}',
      couldNotRead: '无法读取：{error}',
      notChecked: '无法检查主机（{error}）。',
      step: '主机上的第 {step} 步（“{title}”）{outcome}。',
      now: '当前：{parts}。',
      part: '{remedy}: {current}',
      partHolds: '{remedy}: {current}（已生效）',
    },
    service: {
      containerStopped: '容器已停止。 运行"重启服务"修复即可恢复。',
      notChecked: '无法检查服务：{error}',
      notRunning: '服务（python app.py）未在运行。 运行"重启服务"修复即可恢复。',
      answering: '服务正在运行（PID {pid}），端口 {port} 有响应。',
      notAnswering:
        '服务正在运行（PID {pid}），但端口 {port} 无响应。 运行"重启服务"修复即可恢复。',
    },
    restore: {
      nothingChanged: '未做任何更改：任务在第一步完成前已停止。',
      rolledBack: '已完成的 {completed} 个步骤已回滚：容器已恢复到任务之前的状态。',
      lastRan: '已执行 {total} 个步骤中的 {completed} 个（最后一步：“{title}”）。',
      noneCompleted: '{total} 个步骤均未完成。',
      inFlight: '第 {step} 步（“{title}”）当时正在执行，可能只完成了一部分。',
      rollbackFailed: '回滚失败：{errors}。',
      originalKept: '原容器已停止并保留为“{name}”：执行“撤销”会将其改回原名并启动。',
      runAgain: '再次运行同一修复即可完成（它会先检查状态并跳过已生效的部分）。',
      runAgainOrUndo:
        '再次运行同一修复即可完成（它会先检查状态并跳过已生效的部分），或对此任务执行“撤销”以恢复保存的状态。',
      verifyFailed:
        '所有步骤均已执行，但验证未通过。请再次运行同一修复：它会先读取状态，不改动已生效的部分，并重新验证。',
      verifyFailedOrUndo:
        '所有步骤均已执行，但验证未通过。请再次运行同一修复：它会先读取状态，不改动已生效的部分，并重新验证；或对此任务执行“撤销”以恢复保存的状态。',
    },
    tests: {
      notice:
        '第一步之前与验证之后各运行一次简短测试（内置素材，{jobs} 个任务同时提交），结果保存在"吞吐测试"页面。',
      summary: '{succeeded}/{jobs} 个任务成功{mean}，“队列满” {hits} 次',
      summaryStopped: '{succeeded}/{jobs} 个任务成功{mean}，“队列满” {hits} 次（{status}）',
      mean: '，平均 {seconds} 秒',
      error: '{status}: {error}',
    },
    runner: {
      wholeJob: '整个任务',
      alreadyApplied: '已生效：未做任何更改',
      couldNotVerify: '无法验证：{error}',
    },
    runbook: {
      skipped: '已生效，跳过：{remedy}。',
    },
    undo: {
      title: '撤销 {job}',
    },
  },
};
