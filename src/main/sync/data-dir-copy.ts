import { statSync } from 'node:fs';
import { hostname } from 'node:os';
import type { Database } from 'better-sqlite3';
import { MachineRepo } from './machine-repo';

// A data dir copied whole (a backup restored beside the original, a folder copied to a second
// computer) holds the same machine id as its original: if both ran, both would write segments
// as one machine and the others would keep whichever arrived first. The data dir's identity on
// disk (its inode) is noted at every open; when it changed, this is a copy, and it becomes a
// machine of its own before it writes anything. Moving a data dir to another disk looks the
// same, and costs only a new id: the history stays.

/** The data dir's identity on disk: its inode, which a copy does not keep. */
function identityOf(dataDir: string): string {
  return `ino:${statSync(dataDir).ino}`;
}

/** Notes the data dir's identity; on a copy, takes a new machine id. Returns what to tell the person. */
export function claimDataDir(db: Database, dataDir: string, newId: () => string, now: number): string | null {
  const machines = new MachineRepo(db);
  const identity = identityOf(dataDir);
  const noted = machines.dataDirIdentity();
  if (noted === identity) return null;
  if (noted === null) {
    machines.noteDataDirIdentity(identity);
    return null;
  }
  const id = newId();
  const old = machines.becomeNewMachine({ id, name: hostname() || 'this machine', identity }, now);
  if (old.instance === null) return null; // never synced: nobody else knew the old id
  const name = machines.local().name;
  return (
    `this data dir is a copy of machine "${old.name}" (${old.id.slice(0, 8)}): it is now machine ` +
    `"${name}" (${id.slice(0, 8)}), so that the two never write as one; what it held stays ` +
    `"${old.name}"'s (\`tt sync name NAME\` renames this one)`
  );
}
