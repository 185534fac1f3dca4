// English texts the jobs engine writes into a job's result: the host check after an interruption, the service's
// state after a failure, restore hints, test-run summaries, runner notes (lib/jobs).
export const jobNotesEn = {
  jobNotes: {
    // Texts told one after another (lib/jobs/job-text.ts); the same in both languages.
    join: {
      sentences: '{first} {rest}',
      list: '{first}; {rest}',
    },
    hostCheck: {
      exited: 'finished with exit status 0 after the console stopped',
      failed: 'failed with exit status {code}',
      failedSaid: 'failed with exit status {code}: {stderr}',
      gone: 'ended without an exit status ({why})',
      notStarted: 'never started',
      stopped: 'still ran when its time was up, and was stopped',
      rollingBack: 'was being rolled back: the rollback {outcome}',
      couldNotRead: 'could not read: {error}',
      notChecked: 'The host could not be checked ({error}).',
      step: 'On the host, step {step} ("{title}") {outcome}.',
      now: 'Now: {parts}.',
      part: '{remedy}: {current}',
      partHolds: '{remedy}: {current} (holds)',
    },
    service: {
      containerStopped: 'The container is stopped. Run the restart remedy to bring it back.',
      notChecked: 'Could not check the service: {error}',
      notRunning:
        'The service (python app.py) is not running. Run the restart remedy to bring it back.',
      answering: 'The service runs (PID {pid}) and answers on port {port}.',
      notAnswering:
        'The service runs (PID {pid}) but does not answer on port {port}. Run the restart remedy to bring it back.',
    },
    restore: {
      nothingChanged: 'Nothing was changed: the job stopped before its first step completed.',
      rolledBack:
        'The {completed} completed step(s) were rolled back: the container is as it was before the job.',
      lastRan: '{completed} of {total} steps ran (last: "{title}").',
      noneCompleted: '0 of {total} steps completed.',
      inFlight: 'Step {step} ("{title}") was under way: it may have completed in part.',
      rollbackFailed: 'Rollback failed: {errors}.',
      originalKept:
        'The original container is kept stopped as "{name}": Undo renames it back and starts it.',
      runAgain:
        'Run the same remedy again to finish (it checks the state first and skips what already holds).',
      runAgainOrUndo:
        'Run the same remedy again to finish (it checks the state first and skips what already holds), or use Undo on this job to put the saved state back.',
      verifyFailed:
        'Every step ran, but verification did not pass. Run the same remedy again: it reads the state first, changes nothing that already holds, and verifies again.',
      verifyFailedOrUndo:
        'Every step ran, but verification did not pass. Run the same remedy again: it reads the state first, changes nothing that already holds, and verifies again; or use Undo on this job to put the saved state back.',
    },
    tests: {
      notice:
        'A short test ({jobs} jobs at once, built-in pair) runs before the first step and after verification; both are kept on the Throughput page.',
      summary:
        '{succeeded}/{jobs} jobs succeeded{mean}, {hits, plural, one {# queue-full hit} other {# queue-full hits}}',
      summaryStopped:
        '{succeeded}/{jobs} jobs succeeded{mean}, {hits, plural, one {# queue-full hit} other {# queue-full hits}} ({status})',
      mean: ', mean {seconds} s',
      error: '{status}: {error}',
    },
    runner: {
      wholeJob: 'the whole job',
      alreadyApplied: 'already applied: nothing changed',
      couldNotVerify: 'could not verify: {error}',
    },
    runbook: {
      skipped: 'Already in place, skipped: {remedy}.',
    },
    undo: {
      title: 'Undo {job}',
    },
  },
} as const;
