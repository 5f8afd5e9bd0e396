import { createCipheriv, createDecipheriv, randomBytes, scryptSync, type Decipher } from 'node:crypto';
import { gzipSync } from 'node:zlib';

// Encrypted segments (`seg-00000001.jsonl.enc`), when a sync passphrase is set: the segment's
// text, gzipped, then sealed with AES-256-GCM (Node's own crypto). The key is scrypt of the
// passphrase, salted with the writing machine's id, so each machine's key is derived once per
// process whatever the number of its segments. The machine id and the segment number are
// authenticated with it, so a segment cannot be passed off under another name.
//
// Layout: "TTSEGE1\n" (8 bytes), a random 12-byte nonce, the ciphertext, the 16-byte tag.

export const ENCRYPTED_MAGIC = Buffer.from('TTSEGE1\n', 'latin1');
export const NONCE_BYTES = 12;
export const TAG_BYTES = 16;
/** What an encrypted segment adds to its gzipped text. */
export const ENVELOPE_BYTES = ENCRYPTED_MAGIC.length + NONCE_BYTES + TAG_BYTES;

/** scrypt's cost: 2^15 × 8 × 128 bytes = 32 MB and ~50–100 ms, once per machine and process. */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;

const keys = new Map<string, Buffer>();

function keyFor(passphrase: string, machine: string): Buffer {
  const cacheKey = `${machine}\u0000${passphrase}`;
  let key = keys.get(cacheKey);
  if (key === undefined) {
    key = scryptSync(passphrase.normalize('NFC'), `tt-sync-segment:${machine}`, 32, SCRYPT);
    keys.set(cacheKey, key);
  }
  return key;
}

const aad = (machine: string, seq: number) => Buffer.from(`tt-sync-segment:${machine}:${seq}`, 'utf8');

/** A segment's text, gzipped and sealed for `machine`'s segment `seq`. */
export function sealSegment(text: string, passphrase: string, machine: string, seq: number): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyFor(passphrase, machine), nonce);
  cipher.setAAD(aad(machine, seq));
  const body = Buffer.concat([cipher.update(gzipSync(text)), cipher.final()]);
  return Buffer.concat([ENCRYPTED_MAGIC, nonce, body, cipher.getAuthTag()]);
}

/**
 * A decipher for an encrypted segment whose first bytes (magic and nonce) and tag were read:
 * feed it the ciphertext; its final() throws when the passphrase is not the writer's or a
 * byte was changed, and what it gave before must then be thrown away.
 */
export function openSegment(
  head: Buffer,
  tag: Buffer,
  passphrase: string,
  machine: string,
  seq: number,
): Decipher | string {
  if (!head.subarray(0, ENCRYPTED_MAGIC.length).equals(ENCRYPTED_MAGIC)) return 'not an encrypted tt segment';
  const decipher = createDecipheriv(
    'aes-256-gcm',
    keyFor(passphrase, machine),
    head.subarray(ENCRYPTED_MAGIC.length, ENCRYPTED_MAGIC.length + NONCE_BYTES),
  );
  decipher.setAAD(aad(machine, seq));
  decipher.setAuthTag(tag);
  return decipher;
}
