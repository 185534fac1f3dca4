// English texts of the restart remedy: step titles, states, notices, verifications (lib/remedies/modules/restart).
export const restartEn = {
  steps: {
    stop: 'Stop python app.py (PID {pid}): TERM, KILL after {seconds} s',
    start: 'Start the service in {dir} (conda env human, log /tmp/gradio.log)',
    wait: 'Wait until port {port} answers (up to {seconds} s)',
    startContainer: 'Start the stopped container {name}',
    startUnlessOwn: "Start the service in {dir} unless the container's own command does",
  },
  current: {
    containerExited: 'container exited',
    /** `{state}` Docker's state word (created, paused, ...), shown as is. */
    containerState: 'container {state}',
    running: 'running as PID {pid} in {cwd}',
    notRunning: 'not running',
  },
  wanted: {
    containerRunning: 'container running, web port answering',
    restarted: 'restarted, web port answering',
  },
  verify: {
    notRunning: 'the service is not running',
    answering: 'python app.py runs as PID {pid}, up {uptime} s, port {port} answers',
    notAnswering: 'python app.py runs as PID {pid}, up {uptime} s, port {port} does NOT answer',
  },
} as const;
