// Deterministic stream ids: a UUID version 5 (RFC 9562, SHA-1 name-based) of a stream's key,
// so that directory inference run twice over the same data names the same streams. Core has
// no crypto module (it is pure), so SHA-1 is written out here; it hashes short keys only.

/** RFC 9562's URL namespace; tt's names in it start with `tt:stream:` so they cannot clash. */
export const STREAM_ID_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

function utf8(text: string): number[] {
  return Array.from(new TextEncoder().encode(text));
}

function rotl(value: number, bits: number): number {
  return ((value << bits) | (value >>> (32 - bits))) >>> 0;
}

/** SHA-1 of a byte array, as 20 bytes. */
export function sha1(bytes: readonly number[]): number[] {
  const message = [...bytes, 0x80];
  while (message.length % 64 !== 56) message.push(0);
  const bitLength = bytes.length * 8;
  for (let i = 7; i >= 0; i--) message.push(i >= 4 ? 0 : (bitLength >>> (i * 8)) & 0xff);
  // The high 32 bits of the length are 0 for any key this hashes (< 512 MB).
  const h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
  const w = new Array<number>(80);
  for (let offset = 0; offset < message.length; offset += 64) {
    for (let i = 0; i < 16; i++) {
      const j = offset + i * 4;
      w[i] = ((message[j]! << 24) | (message[j + 1]! << 16) | (message[j + 2]! << 8) | message[j + 3]!) >>> 0;
    }
    for (let i = 16; i < 80; i++) w[i] = rotl(w[i - 3]! ^ w[i - 8]! ^ w[i - 14]! ^ w[i - 16]!, 1);
    let [a, b, c, d, e] = h as [number, number, number, number, number];
    for (let i = 0; i < 80; i++) {
      let f: number;
      let k: number;
      if (i < 20) [f, k] = [(b & c) | (~b & d), 0x5a827999];
      else if (i < 40) [f, k] = [b ^ c ^ d, 0x6ed9eba1];
      else if (i < 60) [f, k] = [(b & c) | (b & d) | (c & d), 0x8f1bbcdc];
      else [f, k] = [b ^ c ^ d, 0xca62c1d6];
      const temp = (rotl(a, 5) + f + e + k + w[i]!) >>> 0;
      [e, d, c, b, a] = [d, c, rotl(b, 30), a, temp];
    }
    h[0] = (h[0]! + a) >>> 0;
    h[1] = (h[1]! + b) >>> 0;
    h[2] = (h[2]! + c) >>> 0;
    h[3] = (h[3]! + d) >>> 0;
    h[4] = (h[4]! + e) >>> 0;
  }
  return h.flatMap((word) => [word >>> 24, (word >>> 16) & 0xff, (word >>> 8) & 0xff, word & 0xff]);
}

function uuidBytes(uuid: string): number[] {
  const hex = uuid.replace(/-/g, '');
  return Array.from({ length: 16 }, (_, i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16));
}

/** UUID version 5 of `name` in `namespace`. */
export function uuidV5(name: string, namespace: string): string {
  const hash = sha1([...uuidBytes(namespace), ...utf8(name)]).slice(0, 16);
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The id of the directory stream for a project key: the same key always gives the same id. */
export function directoryStreamId(projectKey: string): string {
  return uuidV5(`tt:stream:directory:${projectKey}`, STREAM_ID_NAMESPACE);
}
