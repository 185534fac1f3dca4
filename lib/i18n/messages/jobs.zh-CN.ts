import type { Messages } from './en';

// 修复、任务与活动页面的简体中文文本（在 zh-CN.ts 中展开合并）。结构与 jobs.en.ts 一致。
export const jobsZhCN: Pick<Messages, 'jobs'> = {
  jobs: {
    nav: '活动',
  },
};
