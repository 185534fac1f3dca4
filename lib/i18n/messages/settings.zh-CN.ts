import type { Messages } from './en';

// 设置页面（处理步骤的默认值）的简体中文文本（在 zh-CN.ts 中展开合并）。结构与 settings.en.ts 一致。
export const settingsZhCN: Pick<Messages, 'settings'> = {
  settings: {
    nav: '设置',
    title: '处理步骤默认值',
    subtitle:
      '处理步骤和运行手册默认使用这些值，运维人员可在单次运行时覆盖。每次修改都会记入审计日志。',
    loading: '正在加载默认值…',
    saved: '已保存。新的预览和任务将使用这些默认值。',
    hostLine: '第 {line} 行：{rule}',
    sections: { ort: 'ONNX Runtime 软件包', container: '容器与服务', session: '会话选项（钩子）' },
    ownIndex: '留空：使用环境自己的索引',
    enabled: '开启',
    compat: { warn: '在预览中警告', block: '拒绝执行' },
    labels: {
      ortVersion: 'onnxruntime-gpu 版本',
      indexUrl: '索引 URL',
      allowedIndexHosts: '允许的索引主机',
      compatPolicy: 'CUDA/cuDNN 不匹配时',
      pipTimeoutS: 'pip 步骤超时（秒）',
      shmSizeBytes: '共享内存（/dev/shm）',
      batchSize: 'batch_size',
      stopTimeoutS: '停止超时（秒）',
      startTimeoutS: '启动超时（秒）',
      intraOpNumThreads: 'intra_op_num_threads',
      interOpNumThreads: 'inter_op_num_threads',
      executionMode: 'execution_mode',
      deviceId: 'device_id',
      arenaExtendStrategy: 'arena_extend_strategy',
      gpuMemLimitBytes: 'gpu_mem_limit',
      doCopyInDefaultStream: 'do_copy_in_default_stream',
    },
    hints: {
      ortVersion:
        '“固定 onnxruntime-gpu 版本”所安装的版本。1.16.0 是 CUDA 11.8 + cuDNN 8 的已知可用版本（CUDA 12 + cuDNN 9 为 1.19.2）。',
      indexUrl: '留空：pip 使用环境自己的索引（其 pip.conf）。否则须为允许主机上的 http(s) URL。',
      allowedIndexHosts:
        '每行一个主机或 主机:端口（最多 50 个）。此处及单次运行的索引 URL 都必须使用其中之一。',
      compatPolicy: '当该版本无法在容器的 CUDA/cuDNN 下加载 CUDA 时（ONNX Runtime 会回退到 CPU）。',
      pipTimeoutS: '每个 pip 步骤（下载、安装）超过此时间即停止并回滚；镜像较慢时调大。10–3600。',
      shmSizeBytes: '2 GB 是解决队列阻塞的已知可用值；Docker 默认的 64 MB 太小。64 MiB–64 GiB。',
      batchSize: '[digital] batch_size。1 是解决队列阻塞的已知可用值。1–64。',
      stopTimeoutS: '停止服务时从 TERM 到 KILL 的秒数。1–300。',
      startTimeoutS: '启动后等待 Web 端口响应的秒数。5–900。',
      intraOpNumThreads:
        '处理流程设为 1（配合 1 个 inter-op 线程和 ORT_SEQUENTIAL）；0 表示由 ONNX Runtime 决定。0–256。',
      interOpNumThreads: '处理流程设为 1。0–256。',
      executionMode: '这是会话选项：ORT_PARALLEL 不是环境变量，ONNX Runtime 也会忽略 OMP_*。',
      deviceId: '会话使用的 CUDA 设备。0–15。',
      arenaExtendStrategy: 'kSameAsRequested 只按请求扩展 CUDA 内存池，使 gpu_mem_limit 生效。',
      gpuMemLimitBytes:
        '每个会话的 CUDA 显存上限，避免并发任务耗尽显存（CUDA OOM）。256 MiB–256 GiB。',
      doCopyInDefaultStream: 'CUDA 执行提供程序选项；ONNX Runtime 默认开启。',
    },
  },
};
