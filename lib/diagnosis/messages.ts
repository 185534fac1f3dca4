// Texts of findings and evidence in both UI languages. Findings carry only `{id, params}` so the UI (or the CLI)
// renders them in the reader's language; `{name}` placeholders are filled from params.
import { signatureById, type SignatureId } from './signatures';

export type Lang = 'zh' | 'en';
/**
 * A placeholder's value: text or a number as is; `{at}` a moment (epoch ms) that the reader's side formats in its
 * own time zone; `{local}` a time as a log wrote it (zone unknown, shown as written); `{sig}` a signature's title;
 * `{ref}` another message (e.g. the window a count holds over).
 */
export type ParamValue =
  | string
  | number
  | { at: number }
  | { local: string }
  | { sig: SignatureId }
  | { ref: MessageRef };
export type Params = Record<string, ParamValue>;
export interface MessageRef {
  id: MessageId;
  params: Params;
}

export const MESSAGES = {
  'finding.service_down': {
    zh: '服务未运行或端口无响应',
    en: 'Service not running or its port does not answer',
  },
  'finding.queue_blocking': { zh: '队列阻塞', en: 'Queue blocking' },
  'finding.cpu_fallback': {
    zh: 'ONNX Runtime 回退到 CPU 运行',
    en: 'ONNX Runtime falls back to the CPU',
  },
  'finding.ort_mismatch': {
    zh: 'onnxruntime-gpu 版本与 CUDA/cuDNN 不匹配',
    en: 'onnxruntime-gpu does not match the CUDA/cuDNN present',
  },
  'finding.ort_cpu_package': {
    zh: '安装了仅 CPU 的 onnxruntime 包',
    en: 'The CPU-only onnxruntime package is installed',
  },
  'finding.cuda_oom': { zh: 'GPU 显存不足', en: 'CUDA out of memory' },
  'finding.shm_exhausted': { zh: '共享内存耗尽', en: 'Shared memory exhausted' },
  'finding.shm_small': { zh: '共享内存过小', en: 'Shared memory too small' },
  'finding.queue_empty': {
    zh: '工作进程未及时就绪 (_queue.Empty)',
    en: 'Worker not ready in time (_queue.Empty)',
  },
  'finding.stall': { zh: '任务停滞', en: 'Task stalled' },
  'finding.batch_size_high': { zh: 'batch_size 大于 1', en: 'batch_size above 1' },
  'finding.hook_missing': { zh: '未安装会话选项钩子', en: 'Session-options hook not installed' },
  'finding.ort_env_note': {
    zh: '关于 ORT_PARALLEL / OMP_WAIT_POLICY',
    en: 'About ORT_PARALLEL / OMP_WAIT_POLICY',
  },
  'finding.restart_pending': {
    zh: '有改动尚未生效：需要重启服务',
    en: 'Changes not in effect yet: the service needs a restart',
  },
  'finding.history': { zh: '更早的事件（历史）', en: 'Earlier events (history)' },
  'finding.history_restart': {
    zh: '服务上次重启之前（历史，不计入当前健康）',
    en: "Before the service's last restart (history, not counted in today's health)",
  },
  'finding.history_older': {
    zh: '{window}之前（历史，不计入当前健康）',
    en: "Before the window ({window}): history, not counted in today's health",
  },
  'finding.healthy': { zh: '健康：未发现问题', en: 'Healthy: no problem found' },

  'win.since_start': { zh: '自服务启动（{at}）以来', en: 'since the service started ({at})' },
  'win.last_minutes': { zh: '最近 {minutes} 分钟内', en: 'in the last {minutes} min' },
  'win.in_log': { zh: '在此日志中', en: 'in this log' },

  'ev.signature_hits': {
    zh: '{signature}：{window}{count} 次（{first} 至 {last}），任务 {tasks}',
    en: '{signature}: {count} events {window} ({first} to {last}), tasks {tasks}',
  },
  'ev.history_hits': {
    zh: '{signature}：{count} 次（{first} 至 {last}），任务 {tasks}',
    en: '{signature}: {count} events ({first} to {last}), tasks {tasks}',
  },
  'ev.ort_session_cpu': {
    zh: 'ORT {version}：请求 CUDA 的会话实际使用 {providers}',
    en: 'ORT {version}: a session asked for CUDA really uses {providers}',
  },
  'ev.ort_session_cuda': {
    zh: 'ORT {version}：会话使用 {providers}',
    en: 'ORT {version}: sessions use {providers}',
  },
  'ev.ort_session_error': {
    zh: '无法创建测试会话：{error}',
    en: 'Could not create a test session: {error}',
  },
  'ev.ort_available_lies': {
    zh: 'get_available_providers() 仍列出 CUDA（{providers}），但它不代表 CUDA 能加载；只有会话的 get_providers() 说明实际使用的提供者',
    en: "get_available_providers() still lists CUDA ({providers}), which does not mean CUDA loads; only a session's get_providers() tells what really runs",
  },
  'ev.cuda_libs': {
    zh: '容器内可加载的库：CUDA {cuda}，cuDNN {cudnn}',
    en: 'Libraries the container can load: CUDA {cuda}, cuDNN {cudnn}',
  },
  'ev.compat_mismatch': {
    zh: 'ORT {version} 的构建需要 {needs}，容器内是 CUDA {cuda} / cuDNN {cudnn}',
    en: 'ORT {version} builds need {needs}; the container has CUDA {cuda} / cuDNN {cudnn}',
  },
  'ev.compat_match': {
    zh: '按兼容表，ORT {version} 的 PyPI 构建适用于 CUDA {cuda} / cuDNN {cudnn}，但实际安装的构建仍无法加载 CUDA',
    en: 'By the compatibility table the PyPI build of ORT {version} fits CUDA {cuda} / cuDNN {cudnn}, yet the installed build does not load CUDA',
  },
  'ev.ort_packages': {
    zh: '已安装：{packages}。CPU 版 onnxruntime 与 onnxruntime-gpu 共用同一个 onnxruntime 模块，会覆盖或取代 GPU 版',
    en: 'Installed: {packages}. The CPU-only onnxruntime and onnxruntime-gpu share one onnxruntime module, so the CPU one shadows or replaces the GPU build',
  },
  'ev.recommend_version': {
    zh: '建议固定为 onnxruntime-gpu {version}',
    en: 'Pin onnxruntime-gpu {version}',
  },
  'ev.gpu_util': {
    zh: '该容器的 GPU 利用率 {pct}%',
    en: 'GPU utilisation for this container {pct} %',
  },
  'ev.no_gpu_data': {
    zh: '无 GPU 数据（主机上没有 nvidia-smi）',
    en: 'No GPU data (no nvidia-smi on the host)',
  },
  'ev.shm': {
    zh: '/dev/shm 大小 {size}（建议至少 {min}）',
    en: '/dev/shm is {size} (at least {min} advised)',
  },
  'ev.batch_size': { zh: '[digital] batch_size = {value}', en: '[digital] batch_size = {value}' },
  'ev.hook_missing': {
    zh: '会话选项钩子未安装：会话使用默认线程与显存设置',
    en: 'No session-options hook: sessions run with default threads and memory arena',
  },
  'ev.env': {
    zh: '服务进程环境：ORT_PARALLEL={ORT_PARALLEL}，OMP_WAIT_POLICY={OMP_WAIT_POLICY}',
    en: 'Service process environment: ORT_PARALLEL={ORT_PARALLEL}, OMP_WAIT_POLICY={OMP_WAIT_POLICY}',
  },
  'ev.env_truth': {
    zh: 'ORT_PARALLEL 不是环境变量（它是 SessionOptions.execution_mode 的取值），ONNX Runtime 自 1.7 起忽略 OMP_* 变量：设置它们无害，但对 ONNX Runtime 没有已知效果',
    en: 'ORT_PARALLEL is not an environment variable (it is a value of SessionOptions.execution_mode), and ONNX Runtime has ignored OMP_* variables since 1.7: setting them is harmless but has no known effect on ONNX Runtime',
  },
  'ev.service_not_running': {
    zh: '没有找到 python app.py 进程',
    en: 'No python app.py process found',
  },
  'ev.port_down': { zh: '端口 {port} 无响应', en: 'Port {port} does not answer' },
  'ev.queue_size': {
    zh: '服务报告的队列长度 {size}',
    en: 'Queue size reported by the service: {size}',
  },
  'ev.stall_gpu_idle': {
    zh: '任务停滞时 GPU 空闲（{pct}%）',
    en: 'GPU idle while the task is stalled ({pct} %)',
  },
  'ev.wait_at_start': {
    zh: '服务刚启动（{uptime} 秒）：等工作进程就绪后再提交任务',
    en: 'The service started {uptime} s ago: submit tasks once its workers are ready',
  },
  'ev.changed_since_start': {
    zh: '服务启动后改动过：{changes}',
    en: 'Changed after the service started: {changes}',
  },
  'ev.all_clear': {
    zh: '日志无已知故障特征；ORT 使用 CUDA；共享内存与 batch_size 正常',
    en: 'No known failure signature in the logs; ORT uses CUDA; shared memory and batch_size are fine',
  },
  'ev.logs_only': {
    zh: '仅依据日志判断（无探测数据）',
    en: 'Judged from the logs only (no probe data)',
  },
} as const satisfies Record<string, { zh: string; en: string }>;

export type MessageId = keyof typeof MESSAGES;

export function msg(id: MessageId, params: Params = {}): MessageRef {
  return { id, params };
}

/** Formats a moment for the reader: the UI passes the viewer's zone, the CLI the machine's. */
export type TimeFormatter = (epochMs: number, lang: Lang) => string;

/** `YYYY-MM-DD HH:MM:SS <zone>` in the process's own time zone, the zone named (CLI, server-side text). */
export const localTimeFormatter: TimeFormatter = (ms, lang) => {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  const off = -d.getTimezoneOffset();
  const zone =
    off === 0
      ? 'UTC'
      : `UTC${off > 0 ? '+' : '-'}${p(Math.floor(Math.abs(off) / 60))}:${p(Math.abs(off) % 60)}`;
  const text = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
  return lang === 'zh' ? `${text}（${zone}）` : `${text} ${zone}`;
};

function renderValue(v: ParamValue, lang: Lang, fmt: TimeFormatter): string {
  if (typeof v !== 'object') return String(v);
  if ('at' in v) return fmt(v.at, lang);
  if ('local' in v) return v.local;
  if ('sig' in v) return signatureById(v.sig).title[lang];
  return renderMessage(v.ref, lang, fmt);
}

export function renderMessage(
  ref: MessageRef,
  lang: Lang,
  fmt: TimeFormatter = localTimeFormatter,
): string {
  const template: string = MESSAGES[ref.id][lang];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(ref.params, name) ? renderValue(ref.params[name]!, lang, fmt) : whole,
  );
}
