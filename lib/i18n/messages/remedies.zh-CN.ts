import { batchSizeZhCN } from './remedies/batch-size.zh-CN';
import { ortEnvZhCN } from './remedies/ort-env.zh-CN';
import { pinOrtZhCN } from './remedies/pin-ort.zh-CN';
import { restartZhCN } from './remedies/restart.zh-CN';
import { sessionOptionsZhCN } from './remedies/session-options.zh-CN';
import { shmZhCN } from './remedies/shm.zh-CN';

// 修复项标题及各修复项自己的文本（每个修复项一个文件，位于 remedies/）。
export const remediesZhCN = {
  remedies: {
    titles: {
      'pin-ort': '固定 onnxruntime-gpu 版本',
      'ort-env': '设置 ORT_PARALLEL / OMP_WAIT_POLICY',
      'session-options': '安装会话选项钩子',
      shm: '扩大共享内存 /dev/shm',
      'batch-size': '将 batch_size 设为 1',
      restart: '重启服务',
      'fix-queue-blocking': '修复队列阻塞',
    },
    'pin-ort': pinOrtZhCN,
    'ort-env': ortEnvZhCN,
    'session-options': sessionOptionsZhCN,
    shm: shmZhCN,
    'batch-size': batchSizeZhCN,
    restart: restartZhCN,
  },
};
