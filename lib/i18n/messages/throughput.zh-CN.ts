import type { throughputEn } from './throughput.en';

// 吞吐测试页面的中文文案（在 zh-CN.ts 中展开合并）。
export const throughputZhCN: typeof throughputEn = {
  throughput: {
    nav: '吞吐测试', title: '吞吐测试', subtitle: '用同样的任务验证修复前后的效果，直接调用容器自身的 Web 接口。',
    inputs: '测试素材', builtinNote: '内置素材（一段音调 + 测试图案视频）首次使用时由控制台所在机器上的 ffmpeg 生成。',
    upload: '上传', audioFile: '音频（wav、mp3、m4a）', videoFile: '视频（mp4、mov）', uploading: '正在上传 {name}…', uploaded: '已保存 {name}',
    noInputs: '还没有保存的素材。', builtin: '内置', delete: '删除', size: '{mb} MB',
    tooLarge: '文件过大：{message}', badMedia: '已拒绝：{message}',
    runForm: '运行测试', container: '容器', pickContainer: '选择容器', audio: '音频', video: '视频', useBuiltin: '内置素材',
    jobs: '任务数', concurrency: '并发数', start: '开始测试', starting: '正在启动…',
    containerRuns: '此容器的测试记录', containerRunsNone: '此容器尚无测试记录。', runOne: '运行测试…',
    containerChart: '每次测试的平均任务耗时（秒；红色：并非所有任务成功）', succeeded: '成功 {ok}/{all}',
    runs: '测试记录', noRuns: '还没有测试记录。', open: '打开',
    status: { running: '运行中', done: '已完成', cancelled: '已取消', timed_out: '已超时', error: '出错' },
    run: {
      back: '← 吞吐测试', ofJob: '由修复任务运行：', title: '{container} 的测试', startedBy: '{time} 由 {actor} 启动', cancel: '取消测试',
      progress: '已完成 {done} / {total} 个任务', state: '测试时的容器状态',
      stateLine: 'ONNX Runtime {ort}（{providers}）· /dev/shm {shm} · batch size {batch} · 会话参数钩子 {hook}',
      yes: '已安装', no: '未安装', unknown: '?',
      jobsTitle: '任务', job: '任务', result: '结果', wait: '排队等待', processing: '处理', total: '总耗时', output: '输出',
      ok: '成功', failed: '失败', seconds: '{s} 秒',
      figures: '指标', successRate: '成功率', mean: '平均任务耗时', p95: 'p95 任务耗时', perMinute: '每分钟任务数', gpu: 'GPU 利用率（平均 / 最高）', queueFull: '队列满次数',
      signatures: '测试期间日志中的特征', noSignatures: '无',
      compare: '修复前 / 修复后', before: '修复前', after: '修复后', noBefore: '该容器没有更早的已完成测试可供对比。',
      chart: '平均任务耗时（秒）', verdict: '结论', gpuNote: 'GPU 数据：{note}',
    },
  },
};
