import type { Messages } from './en';

// 健康页面的简体中文文本（在 zh-CN.ts 中展开合并）。结构与 health.en.ts 一致。
export const healthZhCN: Pick<Messages, 'health'> = {
  health: {
    nav: '健康', title: '集群健康', subtitle: '{hosts} 台主机上的 {containers} 个容器 · 每台主机每 {seconds} 秒探测一次',
    waiting: '等待第一轮探测…', empty: '尚未探测到任何数字人容器。',
    filterGroup: '主机分组', filterFinding: '问题', filterHealth: '健康状态', all: '全部', showing: '显示 {shown} / {total}',
    counts: '全集群问题统计', countsHint: '点击一个问题，只显示有该问题的容器。', clearFilters: '清除筛选',
    checkLog: '检查客户发来的日志', noMatch: '没有已探测的容器符合这些筛选条件。',
    columns: { container: '容器', host: '主机', health: '健康', top: '首要问题', gpu: 'GPU', probed: '探测时间' },
    states: { blocking: '阻塞', degraded: '降级', healthy: '健康' },
    severity: { critical: '严重', warning: '警告', info: '提示', ok: '正常' },
    stale: '过期', staleHint: '主机最近一轮没有响应；这些数值来自更早的探测。',
    hostFailed: '{name}：探测失败：{error}', hostPending: '{name}：第一轮探测进行中…', ago: '{s} 秒前', agoMin: '{m} 分钟前',
    noFinding: '无', probeErrors: '探测错误：{errors}',
    hostIssue: '{name}：{issue}',
    issues: {
      unreachable: '主机无响应', hostkey_changed: '主机密钥已变化：已停止使用', hostkey_unknown: '主机密钥尚未确认',
      auth: '主机拒绝了密钥', docker_down: 'Docker 引擎无响应', container_gone: '容器已不存在',
      container_stopped: '容器未运行', timeout: '未及时响应', failed: '读取失败',
    },
    issueParts: {
      host: '主机', inspect: '容器状态', probe: '容器内探测', container_log: '容器日志', compose: 'Compose 文件',
      log_file: '日志文件', log_view: '日志',
    },
    busy: { job: '有修复任务正在处理此容器', test: '此容器正在进行吞吐量测试' },
    transition: '自 {since} 起有任务正在修改此容器：下面的数值读取于 {at}，即修改开始之前。',
    openJob: '打开任务', openRun: '打开测试',
    busyShort: { job: '任务进行中', test: '测试进行中' },
    window: {
      since_start: '日志证据从服务启动（{at}）起计算。',
      minutes: '日志证据按最近 {minutes} 分钟计算（服务运行时间更长）。',
      history: '更早的 {count} 次事件属于历史：只显示，不计入。',
    },
    clock: '容器以 {zone} 写日志；此处时间均已换算为你的时区 {viewer}。',
    container: {
      back: '← 集群健康', title: '{host} 上的 {name}', probed: '探测于 {time}', notFound: '该容器尚未被探测到：第一轮探测可能仍在进行。',
      values: '当前探测值', findings: '诊断结果', evidence: '证据', remedies: '处理步骤（按顺序）', params: '建议：{params}',
      charts: '随时间变化', gpuChart: 'GPU 利用率（%）', queueChart: '每{step}队列满事件数', noSamples: '该时间范围内还没有样本。',
      minute: '分钟', hour: '小时', range: '时间范围', peak: '峰值 {value}', total: '合计 {value}',
      gpuSummary: '平均 {mean}%，峰值 {peak}%', noGpuSamples: '该时间范围内没有 GPU 数值：{why}',
      chartZone: '时间为 {zone}', windowEvents: '健康窗口内 {count} 次',
      signatures: '日志事件', signatureTasks: '任务 {tasks}', noHits: '无事件',
      signaturesNow: '当前', signaturesBefore: '之前：{count} 次，最近一次 {at}', signaturesHint: '同一事件在服务的多个日志文件中只计一次。',
    },
    values: {
      ort: 'onnxruntime-gpu', providers: '会话实际使用的提供者', available: 'get_available_providers()', cudaLibs: '容器内的 CUDA / cuDNN',
      shm: '/dev/shm', shmDocker: 'HostConfig.ShmSize', gpu: 'GPU 利用率', gpuMem: 'GPU 显存', batch: '[digital] batch_size',
      service: 'python app.py', port: 'Web 端口', queue: '队列长度', env: 'ORT_PARALLEL / OMP_WAIT_POLICY', hook: '会话选项钩子',
      compose: 'Compose', running: 'PID {pid}，已运行 {uptime}', notRunning: '未运行', answers: '{port} 有响应', down: '{port} 无响应',
      installed: '已安装', notInstalled: '未安装', noGpu: '无 GPU 数据', unknown: '未知', composeValue: '{project} / {service}，shm_size {shm}',
      noGpuProcess: '0%（此容器没有 GPU 进程）', noNvidiaSmi: '主机上没有 nvidia-smi', noSampleYet: '尚无样本',
      notRead: '未读取：{why}',
    },
    logs: {
      title: '日志', source: '来源', gradio: '/tmp/gradio.log', dh: 'log/dh.log', docker: 'docker logs', lines: '行数',
      search: '搜索日志', onlyHits: '只显示含故障特征的行', matches: '{shown} / {total} 行', empty: '没有匹配的行。',
      loading: '正在读取日志…', error: '无法读取日志：{message}',
      inTransition: '有任务正在修改此容器：任务完成后会重新读取日志。',
    },
  },
};
