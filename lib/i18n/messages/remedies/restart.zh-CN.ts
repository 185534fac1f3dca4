import type { Messages } from '../en';

// restart 修复项的中文文本（结构与 restart.en.ts 一致）。
export const restartZhCN: Messages['remedies']['restart'] = {
  steps: {
    stop: '停止 python app.py（PID {pid}）：先 TERM，{seconds} 秒后 KILL',
    start: '在 {dir} 启动服务（conda 环境 human，日志 /tmp/gradio.log）',
    wait: '等待端口 {port} 响应（最多 {seconds} 秒）',
    startContainer: '启动已停止的容器 {name}',
    startUnlessOwn: '若容器自身命令未启动服务，则在 {dir} 启动服务',
  },
  current: {
    containerExited: '容器已退出',
    containerState: '容器处于 {state} 状态',
    running: '以 PID {pid} 运行于 {cwd}',
    notRunning: '未运行',
  },
  wanted: {
    containerRunning: '容器运行，Web 端口可响应',
    restarted: '已重启，Web 端口可响应',
  },
  verify: {
    notRunning: '服务未运行',
    answering: 'python app.py 以 PID {pid} 运行 {uptime} 秒，端口 {port} 可响应',
    notAnswering: 'python app.py 以 PID {pid} 运行 {uptime} 秒，端口 {port} 无响应',
  },
};
