import type { Messages } from './en';

// “检查日志”页面的简体中文文本（在 zh-CN.ts 中展开合并）。
export const logcheckZhCN: Pick<Messages, 'logcheck'> = {
  logcheck: {
    nav: '检查日志',
    title: '检查日志',
    intro:
      '粘贴客户发来的日志或选择文件：按队列阻塞特征分类，与 `dhc diagnose` 相同。不会保存任何内容。',
    paste: '日志文本',
    file: '或选择文件',
    check: '检查',
    checking: '正在检查…',
    lines: '{lines} 行，{bytes} 字节',
    cutLines: '{count} 行超过 {limit} 字节：每行只检查了前 {limit} 字节。',
    signature: '特征',
    count: '命中',
    tasks: '任务 ID',
    first: '首次',
    last: '最近',
    remedies: '修复措施',
    none: '未发现任何特征：此日志未显示已知的队列阻塞原因。',
    findings: '仅凭日志得出的结论',
    empty: '请先粘贴日志文本或选择文件。',
  },
};
