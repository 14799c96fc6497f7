import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { classifyContent } from '../../src/preflight/classify-content.js';
import { encodeUtf16 } from './encode-utf16.js';

const PS1 = '# Installs the dten service\r\n$Password = \'not-a-real-one\'\r\nWrite-Host "done"\r\n';
const text = (encoding: string) => ({ kind: 'text', encoding });
const BINARY = { kind: 'binary' };

/** Bytes that look random but are the same on every run (SHA-256 in counter mode). */
function noise(length: number, seed = 'noise'): Buffer {
  const blocks = Array.from({ length: Math.ceil(length / 32) }, (_, i) =>
    createHash('sha256').update(`${seed}:${i}`).digest(),
  );
  return Buffer.concat(blocks).subarray(0, length);
}

/** The first 8 KiB of the Node binary running this test: a real ELF executable. */
async function nodeHead(): Promise<Buffer> {
  const file = await open(process.execPath);
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(8192), 0, 8192, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

/** A RIFF/WAVE file of quiet 16-bit PCM: small little-endian numbers, so most odd bytes are zero. */
function quietWave(): Buffer {
  const samples = Buffer.alloc(8000);
  for (let i = 0; i < samples.length; i += 2) samples.writeInt16LE(Math.round(100 + 90 * Math.sin(i / 20)), i);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + samples.length, 4);
  header.write('WAVEfmt ', 8, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(8000, 24);
  header.writeUInt32LE(16000, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(samples.length, 40);
  return Buffer.concat([header, samples]);
}

describe('classifying a file by its head', () => {
  it('UTF-8 text is text, with or without a byte-order mark', () => {
    expect(classifyContent(Buffer.from(PS1))).toEqual(text('utf8'));
    expect(classifyContent(Buffer.from(`\uFEFF${PS1}`))).toEqual(text('utf8'));
    expect(classifyContent(Buffer.alloc(0))).toEqual(text('utf8'));
  });

  it.each([
    ['UTF-16LE with a byte-order mark, as PowerShell ISE saves a script', encodeUtf16(PS1, 'le'), 'utf16le'],
    ['UTF-16BE with a byte-order mark', encodeUtf16(PS1, 'be'), 'utf16be'],
    ['UTF-16LE without a byte-order mark', encodeUtf16(PS1, 'le', false), 'utf16le'],
    ['UTF-16BE without a byte-order mark', encodeUtf16(PS1, 'be', false), 'utf16be'],
    ['UTF-16LE with a mark, in Cyrillic and Japanese', encodeUtf16('Пароль = секрет\r\n設定 = 値\r\n'), 'utf16le'],
    ['UTF-16LE with a mark holding no NUL byte at all', encodeUtf16('設定値'), 'utf16le'],
    [
      'UTF-16LE without a mark, with box drawing whose low byte is zero',
      encodeUtf16(`# ${'─'.repeat(20)}\r\n${PS1}`, 'le', false),
      'utf16le',
    ],
    ['an empty UTF-16 file (the mark alone)', encodeUtf16(''), 'utf16le'],
  ])('%s is text', (_case, bytes, encoding) => {
    expect(classifyContent(bytes)).toEqual(text(encoding));
  });

  it('a UTF-16 head cut inside a surrogate pair, or after an odd byte, is still text', () => {
    const emoji = encodeUtf16(`${PS1}😀😀`);
    expect(classifyContent(emoji.subarray(0, emoji.length - 2))).toEqual(text('utf16le'));
    expect(classifyContent(emoji.subarray(0, emoji.length - 3))).toEqual(text('utf16le'));
    // The 8 KiB read ends between the two halves of the emoji.
    const long = encodeUtf16(`${'x'.repeat(4094)}😀${PS1}`, 'be');
    expect(classifyContent(long)).toEqual(text('utf16be'));
  });

  it('only the first 8 KiB are read, so a NUL further on does not make a text file binary', () => {
    expect(classifyContent(Buffer.concat([Buffer.from('a'.repeat(8192)), Buffer.alloc(10)]))).toEqual(text('utf8'));
  });

  it('a zip is an archive', () => {
    expect(classifyContent(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]))).toEqual({ kind: 'archive' });
  });

  it('a real ELF executable (the running Node) is binary', async () => {
    expect(classifyContent(await nodeHead())).toEqual(BINARY);
  });

  it('a PE executable is binary', () => {
    const pe = Buffer.alloc(0x200);
    pe.write('MZ', 0, 'latin1');
    pe.writeUInt32LE(0x80, 0x3c);
    pe.write('This program cannot be run in DOS mode.', 0x4e, 'latin1');
    pe.write('PE\0\0', 0x80, 'latin1');
    expect(classifyContent(pe)).toEqual(BINARY);
  });

  it.each([
    ['random bytes holding NULs', noise(8192)],
    ['random bytes after a UTF-16LE byte-order mark', Buffer.concat([Buffer.from([0xff, 0xfe]), noise(4096)])],
    ['random bytes after a UTF-16BE byte-order mark', Buffer.concat([Buffer.from([0xfe, 0xff]), noise(4096)])],
    ['UTF-32LE text (its mark starts like UTF-16LE)', Buffer.from('\xff\xfe\0\0a\0\0\0b\0\0\0', 'latin1')],
    ['quiet 16-bit PCM audio, mostly small little-endian numbers', quietWave()],
    ['a table of small 16-bit numbers', Buffer.from(Uint16Array.from({ length: 2000 }, (_, i) => (i % 40) + 1).buffer)],
    [
      'UTF-16LE-looking text with control characters in it',
      encodeUtf16('name\u0001\u0002value\u001b[0m\r\n', 'le', false),
    ],
    ['a lone odd byte with a NUL', Buffer.from([0])],
  ])('%s stays binary', (_case, bytes) => {
    expect(classifyContent(bytes)).toEqual(BINARY);
  });

  it('UTF-16 without a byte-order mark that is mostly not ASCII-range stays binary (too easily a binary)', () => {
    expect(classifyContent(encodeUtf16('Пароль = секрет; Пароль = секрет\r\n', 'le', false))).toEqual(BINARY);
  });
});
