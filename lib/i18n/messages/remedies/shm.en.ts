// English texts of the shm remedy: step titles, states, notices, verifications (lib/remedies/modules/shm).
export const shmEn = {
  steps: {
    commit: 'Commit {name} to {image} (keeps everything written into it)',
    create: 'Create {tmpName} from the commit with ShmSize {size}, same configuration',
    stopOld: 'Stop {name} (timeout {seconds} s)',
    renameOld: 'Rename it to {oldName} (kept stopped for undo)',
    renameNew: 'Rename {tmpName} to {name} and start it',
    wait: 'Wait until the service answers on port {port} (up to {seconds} s)',
    composeFile: 'Set shm_size: {size} in {file} (backup {backup})',
  },
  notices: {
    compose:
      'This container belongs to Compose project "{project}". A later `docker compose up` re-creates it from the compose file and its image: the commit made here is not in either, and without shm_size in the file /dev/shm goes back to 64 MB. Edit the compose file too (option "Also edit the Compose file").',
    composeUnreadable: 'The compose file {file} could not be read on the host: {error}',
    composeSuggested:
      'Suggested change to {file} (not applied; tick "Also edit the Compose file"):\n{diff}',
  },
  /** current / wanted: `{size}` as "2 GiB" or "512 MiB". */
  state: '/dev/shm {size}',
  verify: {
    notRunning: '{container} is not running',
    detail: 'ShmSize {shmSize}, /dev/shm inside {seen}, container {id} running',
  },
  undo: {
    steps: {
      stopNew: 'Stop the re-created {name}',
      renameNew: 'Rename it to {aside} (kept stopped)',
      renameOld: 'Rename {oldName} back to {name} and start it',
      wait: 'Wait until the service answers',
      composeFile: 'Put {file} back as it was',
    },
    /** `{id}` a short container id, or the none text. */
    current: 're-created container {id} with /dev/shm {size}',
    wanted: 'the original container {id} with /dev/shm {size}',
    none: '(none)',
  },
} as const;
