// The worker thread entry (built to out/main/session-worker.js): parses one transcript per
// message and posts the outcome back. It holds no state between jobs.
import { parentPort } from 'node:worker_threads';
import { parseTranscript, type ParseJob } from './transcript-reader';

const port = parentPort;
if (port === null) throw new Error('session-worker must run in a worker thread');

port.on('message', (message: { id: number; job: ParseJob }) => {
  port.postMessage({ id: message.id, outcome: parseTranscript(message.job) });
});
