// The worker thread entry (built to out/main/session-worker.js): parses one transcript (or
// reads one file of another agent) per message and posts the outcome back. It holds no state
// between jobs.
import { parentPort } from 'node:worker_threads';
import { runWorkerJob, type WorkerJob } from './worker-job';

const port = parentPort;
if (port === null) throw new Error('session-worker must run in a worker thread');

port.on('message', (message: { id: number; work: WorkerJob }) => {
  void Promise.resolve(runWorkerJob(message.work)).then((outcome) => {
    port.postMessage({ id: message.id, outcome });
  });
});
