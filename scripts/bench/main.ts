// The benchmark sections, run in order. Each file exports `run(): Promise<void>` and prints
// its own figures. Add a section with one import and one line in the list.
import { run as sessions } from './sessions';
import { run as allocation } from './allocation';
import { run as ingest } from './ingest';
import { run as timeline } from './timeline';
import { run as streams } from './streams';
import { run as streamsQuality } from './streams-quality';
import { run as review } from './review';
import { run as agentSources } from './agent-sources';
import { run as sync } from './sync';
import { run as insights } from './insights';

const sections: [name: string, run: () => Promise<void>][] = [
  ['sessions', sessions],
  ['allocation', allocation],
  ['ingest', ingest],
  ['timeline', timeline],
  [
    'streams',
    async () => {
      await streams();
      await streamsQuality();
    },
  ],
  ['review', review],
  ['agent-sources', agentSources],
  ['sync', sync],
  ['insights', insights],
];

const only = process.argv.slice(2);
for (const [name, run] of sections) {
  if (only.length > 0 && !only.includes(name)) continue;
  console.log(`\n## ${name}\n`);
  await run();
}
