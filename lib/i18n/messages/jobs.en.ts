// English texts of remedies, jobs and the activity page (merged into the main catalog by a spread in en.ts).
// Remedy titles, notices and step titles come from lib/remedies (bilingual data), not from here.
export const jobsEn = {
  jobs: {
    nav: 'Activity',
    panel: {
      title: 'Remediation', intro: 'Each step is previewed first; nothing changes until you confirm.',
      runbook: 'Fix queue blocking', runbookHint: 'Runs every step below that is not yet in place, restarts once, verifies.',
      runbookTest: 'Run a short test before and after',
      preview: 'Preview', viewerOnly: 'Operators and admins can run remedies; you can follow jobs on the Activity page.',
      options: 'Options', version: 'ONNX Runtime version', indexUrl: 'Index URL (empty: the env\'s own)', size: 'Shared memory size',
      composeFile: 'Also edit the Compose file', batchSize: 'batch_size', busy: 'Busy: job {job} is running on this container.',
    },
    preview: {
      title: 'Preview: {title}', planHash: 'plan {hash}', current: 'Now', wanted: 'After', alreadyApplied: 'Already in place: nothing to do.',
      needsRestart: 'Takes effect after the service restarts.', steps: 'What will run', noSteps: 'Nothing will run.',
      confirm: 'Run it', cancel: 'Close', where: { container: 'in the container', host: 'on the host', docker: 'Docker API' },
      durable: 'survives a dropped connection', durableHint: 'Runs detached in the container, with its output and exit status kept in a file there: a dropped connection neither stops it nor hides its outcome.',
      timeout: 'timeout {seconds} s', changes: 'Container configuration', blocked: 'Refused',
    },
    job: {
      title: 'Job {id}', by: '{user} via {via}', started: 'Started {time}', finished: 'Finished {time}', live: 'Live output',
      cancel: 'Cancel', undo: 'Undo…', verification: 'Verification', restore: 'What now', step: 'Step {n} of {total}',
      tests: 'Test before and after', test_before: 'Before', test_after: 'After',
      reconnecting: 'Connection lost, reconnecting…', open: 'Open', noOutput: 'No output yet.',
      kept: 'The original container is kept stopped as {name} so that Undo can put it back; it still takes disk space.',
      discard: 'Discard the original…', discardConfirm: 'Remove {name} for good? Undo of this job is then no longer possible.',
      discardYes: 'Remove it', discardNo: 'Keep it', discarded: 'The original container {name} was removed by {by}.',
    },
    status: {
      running: 'running', succeeded: 'succeeded', already_applied: 'already applied', failed: 'failed', cancelled: 'cancelled',
      timed_out: 'timed out', interrupted: 'interrupted',
    },
    batch: {
      title: 'Run on many containers', intro: 'One canary first, then waves of at most the given number of jobs; a failure stops the waves.',
      job: 'Remedy', parallel: 'Jobs at a time', onlyBlocking: 'Select the blocking ones', start: 'Start batch ({count} containers)',
      status: 'Batch {id}: {status} · {ok} ok, {failed} failed, {skipped} not run', none: 'Select at least one container.',
      statuses: { running: 'running', succeeded: 'succeeded', stopped: 'stopped at a failure', interrupted: 'interrupted', skipped: 'not run', refused: 'refused' },
    },
    activity: {
      title: 'Activity', intro: 'Every remedy, runbook and undo: who ran it, on what, and how it ended.', empty: 'No jobs yet.',
      host: 'Host', container: 'Container', user: 'User', result: 'Result', all: 'All', when: 'When', job: 'Job', steps: 'Steps',
    },
  },
} as const;
