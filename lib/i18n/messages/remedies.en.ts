import { batchSizeEn } from './remedies/batch-size.en';
import { ortEnvEn } from './remedies/ort-env.en';
import { pinOrtEn } from './remedies/pin-ort.en';
import { restartEn } from './remedies/restart.en';
import { sessionOptionsEn } from './remedies/session-options.en';
import { shmEn } from './remedies/shm.en';

// Remedy titles and each remedy's own texts (one file per remedy under remedies/).
export const remediesEn = {
  remedies: {
    titles: {
      'pin-ort': 'Pin the onnxruntime-gpu version',
      'ort-env': 'Set ORT_PARALLEL / OMP_WAIT_POLICY',
      'session-options': 'Install the session-options hook',
      shm: 'Enlarge shared memory /dev/shm',
      'batch-size': 'Set batch_size to 1',
      restart: 'Restart the service',
      'fix-queue-blocking': 'Fix queue blocking',
    },
    'pin-ort': pinOrtEn,
    'ort-env': ortEnvEn,
    'session-options': sessionOptionsEn,
    shm: shmEn,
    'batch-size': batchSizeEn,
    restart: restartEn,
  },
} as const;
