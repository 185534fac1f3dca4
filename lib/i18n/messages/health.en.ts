// English texts of the health pages (merged into the main catalog by a spread in en.ts). Finding, evidence,
// signature and remedy texts come from lib/diagnosis (bilingual data), not from here.
export const healthEn = {
  health: {
    nav: 'Health', title: 'Fleet health', subtitle: '{containers} containers on {hosts} hosts · each host probed every {seconds} s',
    waiting: 'Waiting for the first probe round…', empty: 'No digital-human container has been probed yet.',
    filterGroup: 'Host group', filterFinding: 'Finding', filterHealth: 'Health', all: 'All', showing: 'Showing {shown} of {total}',
    counts: 'Findings across the fleet', countsHint: 'Click a finding to show only the containers that have it.', clearFilters: 'Clear filters',
    checkLog: 'Check a log a customer sent', noMatch: 'No probed container matches these filters.',
    columns: { container: 'Container', host: 'Host', health: 'Health', top: 'Top finding', gpu: 'GPU', probed: 'Probed' },
    states: { blocking: 'Blocking', degraded: 'Degraded', healthy: 'Healthy' },
    severity: { critical: 'critical', warning: 'warning', info: 'note', ok: 'ok' },
    stale: 'stale', staleHint: 'The host did not answer its last round; these values are older.',
    hostFailed: '{name}: probe failed: {error}', hostPending: '{name}: first round running…', ago: '{s} s ago', agoMin: '{m} min ago',
    noFinding: 'none', probeErrors: 'Probe errors: {errors}',
    container: {
      back: '← Fleet health', title: '{name} on {host}', probed: 'Probed {time}', notFound: 'This container is not among the probed ones (yet): the first round may still be running.',
      values: 'Current probe values', findings: 'Findings', evidence: 'Evidence', remedies: 'Remedies, in order', params: 'Suggested: {params}',
      charts: 'Over time', gpuChart: 'GPU utilisation (%)', queueChart: 'Queue-full hits per {step}', noSamples: 'No samples in this range yet.',
      minute: 'minute', hour: 'hour', range: 'Range', peak: 'peak {value}', total: 'total {value}',
      signatures: 'Signatures in the logs', signatureTasks: 'tasks {tasks}', noHits: 'no hits',
    },
    values: {
      ort: 'onnxruntime-gpu', providers: 'Session providers', available: 'get_available_providers()', cudaLibs: 'CUDA / cuDNN in the container',
      shm: '/dev/shm', shmDocker: 'HostConfig.ShmSize', gpu: 'GPU utilisation', gpuMem: 'GPU memory', batch: '[digital] batch_size',
      service: 'python app.py', port: 'Web port', queue: 'Queue size', env: 'ORT_PARALLEL / OMP_WAIT_POLICY', hook: 'Session-options hook',
      compose: 'Compose', running: 'PID {pid}, up {uptime}', notRunning: 'not running', answers: '{port} answers', down: '{port} does not answer',
      installed: 'installed', notInstalled: 'not installed', noGpu: 'no GPU data', unknown: 'unknown', composeValue: '{project} / {service}, shm_size {shm}',
    },
    logs: {
      title: 'Log', source: 'Source', gradio: '/tmp/gradio.log', dh: 'log/dh.log', docker: 'docker logs', lines: 'Lines',
      search: 'Search the log', onlyHits: 'Only lines with a signature', matches: '{shown} of {total} lines', empty: 'No line matches.',
      loading: 'Reading the log…', error: 'Could not read the log: {message}',
    },
  },
} as const;
