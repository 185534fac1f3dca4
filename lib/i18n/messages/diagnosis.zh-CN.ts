import type { Messages } from './en';

// 诊断结论、证据与时间窗口的简体中文文本（在 zh-CN.ts 中展开合并）。结构与 diagnosis.en.ts 一致。
export const diagnosisZhCN: Pick<Messages, 'diagnosis'> = {
  diagnosis: {
    finding: {
      service_down: '服务未运行或端口无响应',
      queue_blocking: '队列阻塞',
      cpu_fallback: 'ONNX Runtime 回退到 CPU 运行',
      ort_mismatch: 'onnxruntime-gpu 版本与 CUDA/cuDNN 不匹配',
      ort_cpu_package: '安装了仅 CPU 的 onnxruntime 包',
      cuda_oom: 'GPU 显存不足',
      shm_exhausted: '共享内存耗尽',
      shm_small: '共享内存过小',
      queue_empty: '工作进程未及时就绪 (_queue.Empty)',
      stall: '任务停滞',
      batch_size_high: 'batch_size 大于 1',
      hook_missing: '未安装会话选项钩子',
      ort_env_note: '关于 ORT_PARALLEL / OMP_WAIT_POLICY',
      restart_pending: '有改动尚未生效：需要重启服务',
      history: '更早的事件（历史）',
      history_restart: '服务上次重启之前（历史，不计入当前健康）',
      history_older: '{window}之前（历史，不计入当前健康）',
      healthy: '健康：未发现问题',
    },
    win: {
      since_start: '自服务启动（{at}）以来',
      last_minutes: '最近 {minutes} 分钟内',
      in_log: '在此日志中',
    },
    ev: {
      signature_hits: '{signature}：{window}{count} 次（{first} 至 {last}），任务 {tasks}',
      history_hits: '{signature}：{count} 次（{first} 至 {last}），任务 {tasks}',
      ort_session_cpu: 'ORT {version}：请求 CUDA 的会话实际使用 {providers}',
      ort_session_cuda: 'ORT {version}：会话使用 {providers}',
      ort_session_error: '无法创建测试会话：{error}',
      ort_available_lies:
        'get_available_providers() 仍列出 CUDA（{providers}），但它不代表 CUDA 能加载；只有会话的 get_providers() 说明实际使用的提供者',
      cuda_libs: '容器内可加载的库：CUDA {cuda}，cuDNN {cudnn}',
      compat_mismatch: 'ORT {version} 的构建需要 {needs}，容器内是 CUDA {cuda} / cuDNN {cudnn}',
      compat_match:
        '按兼容表，ORT {version} 的 PyPI 构建适用于 CUDA {cuda} / cuDNN {cudnn}，但实际安装的构建仍无法加载 CUDA',
      ort_packages:
        '已安装：{packages}。CPU 版 onnxruntime 与 onnxruntime-gpu 共用同一个 onnxruntime 模块，会覆盖或取代 GPU 版',
      gpu_util: '该容器的 GPU 利用率 {pct}%',
      no_gpu_data: '无 GPU 数据（主机上没有 nvidia-smi）',
      shm: '/dev/shm 大小 {size}（建议至少 {min}）',
      batch_size: '[digital] batch_size = {value}',
      hook_missing: '会话选项钩子未安装：会话使用默认线程与显存设置',
      env: '服务进程环境：ORT_PARALLEL={ORT_PARALLEL}，OMP_WAIT_POLICY={OMP_WAIT_POLICY}',
      env_truth:
        'ORT_PARALLEL 不是环境变量（它是 SessionOptions.execution_mode 的取值），ONNX Runtime 自 1.7 起忽略 OMP_* 变量：设置它们无害，但对 ONNX Runtime 没有已知效果',
      service_not_running: '没有找到 python app.py 进程',
      port_down: '端口 {port} 无响应',
      queue_size: '服务报告的队列长度 {size}',
      stall_gpu_idle: '任务停滞时 GPU 空闲（{pct}%）',
      wait_at_start: '服务刚启动（{uptime} 秒）：等工作进程就绪后再提交任务',
      changed_since_start: '服务启动后改动过：{changes}',
      all_clear: '日志无已知故障特征；ORT 使用 CUDA；共享内存与 batch_size 正常',
      logs_only: '仅依据日志判断（无探测数据）',
    },
  },
};
