import type { Messages } from './en';

// 日志特征的标题与说明（匹配规则见 lib/diagnosis/signatures.ts）。
export const signaturesZhCN: Pick<Messages, 'signatures'> = {
  signatures: {
    queue_full: {
      title: '视频驱动队列满',
      explanation:
        '帧的产生快于推理的消费，进程间队列被填满，任务失败。通常是推理过慢（CUDA 回退到 CPU）、batch_size 过大或共享内存不足所致。',
    },
    queue_empty: {
      title: '工作进程队列为空 (_queue.Empty)',
      explanation:
        '任务开始时某个工作进程尚未就绪（初始化竞争），TransDhTask.work 等待超时。启动后多等一会儿再提交任务可以避免；工作进程因 CUDA 无法加载而变慢时更常见。',
    },
    cuda_provider_fallback: {
      title: 'CUDA 执行提供者创建失败，回退到 CPU',
      explanation:
        'ONNX Runtime 无法加载 CUDA（多为 onnxruntime-gpu 版本与容器内 CUDA/cuDNN 不匹配），静默改用 CPU：GPU 利用率接近 0%，一切变慢。',
    },
    cuda_oom: {
      title: 'GPU 显存不足',
      explanation:
        '并发任务过多或 batch 过大，GPU 显存不够。限制每个会话的显存（gpu_mem_limit、kSameAsRequested）并减小 batch_size。',
    },
    shm_exhausted: {
      title: '共享内存 /dev/shm 耗尽',
      explanation:
        'Docker 默认的 64 MB /dev/shm 装不下进程间的帧队列。需要用 --shm-size（如 2g）重新创建容器。',
    },
    stall: {
      title: '任务停滞',
      explanation:
        '任务记录了“开始循环”之后数分钟没有任何输出，也没有报错：流水线卡住了（GPU 通常空闲）。需要重启服务。',
    },
  },
};
