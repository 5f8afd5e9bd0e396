// A line too long to hold (over the reader's cap, tens of megabytes of tool output) still
// says when it was written and what it is: those fields are small top-level members between
// the huge ones. This fold streams the line's bytes once and keeps a compact copy of it —
// the top-level object with every member value larger than VALUE_LIMIT replaced by null —
// which readTranscriptLine then reads like any other line.

import { BACKSLASH, CLOSE_BRACE, CLOSE_BRACKET, COMMA, OPEN_BRACE, OPEN_BRACKET, QUOTE } from './json-bytes';

/** Top-level values up to this size are kept; larger ones become null. */
const VALUE_LIMIT = 16 * 1024;
/** A compact copy larger than this means the line is not a record (huge keys, garbage). */
const OUTPUT_LIMIT = 1 << 20;

const NULL_BYTES = [0x6e, 0x75, 0x6c, 0x6c];

export class OversizedLineFold {
  private readonly out: number[] = [];
  private value: number[] = [];
  private valueTooBig = false;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private inValue = false;
  private broken = false;

  /** Feeds the next bytes of the line (no newline among them). */
  feed(bytes: Uint8Array, start: number, end: number): void {
    for (let i = start; i < end && !this.broken; i++) this.step(bytes[i]!);
  }

  /** The compact line, or null when the bytes were not one JSON object. */
  result(): Uint8Array | null {
    if (this.broken || this.depth !== 0 || this.out.length === 0) return null;
    return Uint8Array.from(this.out);
  }

  private step(byte: number): void {
    if (this.inString) {
      if (this.escaped) this.escaped = false;
      else if (byte === BACKSLASH) this.escaped = true;
      else if (byte === QUOTE) this.inString = false;
      this.emit(byte);
      return;
    }
    if (this.depth === 1 && this.inValue && (byte === COMMA || byte === CLOSE_BRACE)) {
      this.endValue();
      if (byte === CLOSE_BRACE) this.depth = 0;
      this.push(byte);
      return;
    }
    if (this.depth === 0) {
      // Outside the object: only whitespace, then exactly one '{'.
      if (byte === 0x20 || byte === 0x09 || byte === 0x0d) return;
      if (byte !== OPEN_BRACE || this.out.length > 0) {
        this.broken = true;
        return;
      }
    }
    if (byte === QUOTE) this.inString = true;
    else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) this.depth++;
    else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) this.depth--;
    if (this.depth < 0) {
      this.broken = true;
      return;
    }
    if (this.depth === 1 && !this.inValue && byte === 0x3a) {
      this.push(byte);
      this.inValue = true;
      this.value = [];
      this.valueTooBig = false;
      return;
    }
    this.emit(byte);
  }

  /** A byte of a value (into the value buffer) or of the structure (straight out). */
  private emit(byte: number): void {
    if (!this.inValue) {
      this.push(byte);
      return;
    }
    if (this.valueTooBig) return;
    if (this.value.length >= VALUE_LIMIT) {
      this.valueTooBig = true;
      this.value = [];
      return;
    }
    this.value.push(byte);
  }

  private endValue(): void {
    if (this.valueTooBig) for (const b of NULL_BYTES) this.push(b);
    else for (const b of this.value) this.push(b);
    this.value = [];
    this.inValue = false;
  }

  private push(byte: number): void {
    if (this.out.length >= OUTPUT_LIMIT) {
      this.broken = true;
      return;
    }
    this.out.push(byte);
  }
}
