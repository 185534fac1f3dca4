import type { Messages } from './en';

// 修复、任务与活动页面的简体中文文本（在 zh-CN.ts 中展开合并）。结构与 jobs.en.ts 一致。
export const jobsZhCN: Pick<Messages, 'jobs'> = {
  jobs: {
    nav: '活动',
    panel: {
      title: '修复', intro: '每一步都先预览；确认之前不会做任何更改。',
      runbook: '修复队列阻塞', runbookHint: '依次执行下列尚未生效的步骤，最后重启一次服务并逐项验证。',
      runbookTest: '前后各运行一次简短测试',
      preview: '预览', viewerOnly: '只有操作员和管理员可以执行修复；您可以在“活动”页面查看任务。',
      options: '选项', version: 'ONNX Runtime 版本', indexUrl: '索引地址（留空：使用环境自身配置）', size: '共享内存大小',
      composeFile: '同时修改 Compose 文件', batchSize: 'batch_size', busy: '忙碌：任务 {job} 正在此容器上运行。',
    },
    preview: {
      title: '预览：{title}', planHash: '计划 {hash}', current: '当前', wanted: '之后', alreadyApplied: '已生效：无需操作。',
      needsRestart: '服务重启后生效。', steps: '将执行的操作', noSteps: '不会执行任何操作。',
      confirm: '执行', cancel: '关闭', where: { container: '在容器内', host: '在主机上', docker: 'Docker API' },
      durable: '连接中断也不受影响', durableHint: '在容器内以分离方式运行，输出和退出码保存在容器内的文件中：连接中断既不会停止它，也不会使其结果丢失。',
      timeout: '超时 {seconds} 秒', changes: '容器配置', blocked: '已拒绝',
    },
    job: {
      title: '任务 {id}', by: '{user}（{via}）', started: '开始于 {time}', finished: '结束于 {time}', live: '实时输出',
      cancel: '取消', undo: '撤销…', verification: '验证', restore: '下一步', step: '第 {n} / {total} 步',
      tests: '前后测试', test_before: '之前', test_after: '之后',
      reconnecting: '连接中断，正在重连…', open: '打开', noOutput: '暂无输出。',
      kept: '原容器已停止并保留为 {name}，以便“撤销”时恢复；它仍占用磁盘空间。',
      discard: '删除原容器…', discardConfirm: '永久删除 {name}？删除后将无法撤销此任务。',
      discardYes: '删除', discardNo: '保留', discarded: '原容器 {name} 已由 {by} 删除。',
    },
    status: {
      running: '运行中', succeeded: '成功', already_applied: '已生效', failed: '失败', cancelled: '已取消',
      timed_out: '超时', interrupted: '已中断',
    },
    batch: {
      title: '批量执行', intro: '先在一个容器上试运行，再按批次执行（每批最多指定数量的任务）；任何失败都会停止后续批次。',
      job: '修复', parallel: '同时执行的任务数', onlyBlocking: '选中所有阻塞的容器', start: '开始批量执行（{count} 个容器）',
      status: '批次 {id}：{status} · 成功 {ok}，失败 {failed}，未执行 {skipped}', none: '请至少选择一个容器。',
      statuses: { running: '运行中', succeeded: '成功', stopped: '因失败而停止', interrupted: '已中断', skipped: '未执行', refused: '被拒绝' },
    },
    activity: {
      title: '活动', intro: '每一次修复、运行手册与撤销：谁执行的、作用于哪里、结果如何。', empty: '暂无任务。',
      host: '主机', container: '容器', user: '用户', result: '结果', all: '全部', when: '时间', job: '任务', steps: '步骤',
    },
  },
};
