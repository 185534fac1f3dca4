// English texts of the throughput pages (merged into the main catalog by a spread in en.ts). Verdict sentences
// come bilingual from lib/throughput (data), not from here.
export const throughputEn = {
  throughput: {
    nav: 'Throughput', title: 'Throughput test', subtitle: 'Prove a fix: the same jobs before and after, through the container\'s own web API.',
    inputs: 'Test inputs', builtinNote: 'The built-in pair (a tone + a test pattern) is generated on the console\'s machine with ffmpeg on first use.',
    upload: 'Upload', audioFile: 'Audio (wav, mp3, m4a)', videoFile: 'Video (mp4, mov)', uploading: 'Uploading {name}…', uploaded: 'Stored {name}',
    noInputs: 'No stored inputs yet.', builtin: 'built-in', delete: 'Delete', size: '{mb} MB',
    tooLarge: 'Too large: {message}', badMedia: 'Refused: {message}',
    runForm: 'Run a test', container: 'Container', pickContainer: 'Pick a container', audio: 'Audio', video: 'Video', useBuiltin: 'Built-in pair',
    jobs: 'Jobs', concurrency: 'Concurrency', start: 'Start test', starting: 'Starting…',
    containerRuns: 'Test runs on this container', containerRunsNone: 'No test run on this container yet.', runOne: 'Run a test…',
    containerChart: 'Mean job time of each run (s; a red bar: not every job succeeded)', succeeded: '{ok}/{all} ok',
    runs: 'Runs', noRuns: 'No test run yet.', open: 'Open',
    status: { running: 'Running', done: 'Done', cancelled: 'Cancelled', timed_out: 'Timed out', error: 'Error' },
    run: {
      back: '← Throughput', ofJob: 'Run by the runbook job', title: 'Test run on {container}', startedBy: 'Started {time} by {actor}', cancel: 'Cancel run',
      progress: '{done} of {total} jobs finished', state: 'Container state at the time',
      stateLine: 'ONNX Runtime {ort} ({providers}) · /dev/shm {shm} · batch size {batch} · session-options hook {hook}',
      yes: 'yes', no: 'no', unknown: '?',
      jobsTitle: 'Jobs', job: 'Job', result: 'Result', wait: 'Queue wait', processing: 'Processing', total: 'Total', output: 'Output',
      ok: 'ok', failed: 'failed', seconds: '{s} s',
      figures: 'Figures', successRate: 'Success', mean: 'Mean job time', p95: 'p95 job time', perMinute: 'Jobs per minute', gpu: 'GPU utilisation (mean / max)', queueFull: 'Queue-full hits',
      signatures: 'Log signatures during the run', noSignatures: 'none',
      compare: 'Before / after', before: 'Before', after: 'After', noBefore: 'No earlier finished run on this container to compare with.',
      chart: 'Mean job time (s)', verdict: 'Verdict', gpuNote: 'GPU data: {note}',
    },
  },
};
