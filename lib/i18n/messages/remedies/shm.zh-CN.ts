import type { Messages } from '../en';

// shm 修复项的中文文本（结构与 shm.en.ts 一致）。
export const shmZhCN: Messages['remedies']['shm'] = {
  steps: {
    commit: '将 {name} 提交为镜像 {image}（保留容器内的全部改动）',
    create: '基于提交创建 {tmpName}，ShmSize {size}，其余配置相同',
    stopOld: '停止 {name}（超时 {seconds} 秒）',
    renameOld: '将其重命名为 {oldName}（保留为停止状态以便撤销）',
    renameNew: '将 {tmpName} 重命名为 {name} 并启动',
    wait: '等待服务在端口 {port} 响应（最多 {seconds} 秒）',
    composeFile: '在 {file} 中设置 shm_size: {size}（备份 {backup}）',
  },
  notices: {
    compose:
      '此容器属于 Compose 项目“{project}”。之后执行 `docker compose up` 会依据 compose 文件及其镜像重新创建容器：此处的提交不在其中；若文件中没有 shm_size，/dev/shm 将恢复为 64 MB。请同时修改 compose 文件（选项“同时修改 Compose 文件”）。',
    composeUnreadable: '无法在主机上读取 compose 文件 {file}：{error}',
    composeSuggested: '建议修改 {file}（未应用；勾选“同时修改 Compose 文件”）：\n{diff}',
  },
  state: '/dev/shm {size}',
  verify: {
    notRunning: '{container} 未运行',
    detail: 'ShmSize {shmSize}，容器内 /dev/shm {seen}，容器 {id} 运行中',
  },
  undo: {
    steps: {
      stopNew: '停止重新创建的 {name}',
      renameNew: '重命名为 {aside}（保留为停止状态）',
      renameOld: '将 {oldName} 改回 {name} 并启动',
      wait: '等待服务响应',
      composeFile: '将 {file} 恢复原状',
    },
    current: '重新创建的容器 {id}，/dev/shm {size}',
    wanted: '原容器 {id}，/dev/shm {size}',
    none: '（无）',
  },
};
