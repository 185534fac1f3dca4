import { EventEmitter } from 'node:events';

// Wakes the server-sent-event streams of this process when a job event is stored. Streams also poll the store, so
// jobs run by another process (the `dhc` CLI) reach the browser too, a little later.
class JobBus extends EventEmitter {}

const g = globalThis as { __dhJobBus?: JobBus };
export const jobBus: JobBus = (g.__dhJobBus ??= new JobBus().setMaxListeners(0) as JobBus);
