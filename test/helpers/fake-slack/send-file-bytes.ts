import type { ServerResponse } from 'node:http';
import type { UploadedFile } from './fake-slack-types.js';

/** A shared file's bytes as its download serves them, misbehaving as the file's `claims` ask. */
export function sendFileBytes(response: ServerResponse, file: UploadedFile): void {
  const content = file.content ?? Buffer.alloc(0);
  const { delayHeadersMs, breakAfterBytes, stallAfterBytes, trickle, hangUpBeforeAnswer } = file.claims ?? {};
  let timer: NodeJS.Timeout | undefined;
  // A client that gives up closes the connection: nothing more is sent.
  response.on('close', () => clearTimeout(timer));
  const sendFrom = (from: number): void => {
    if (trickle === undefined || from + trickle.bytes >= content.length)
      return void response.end(content.subarray(from));
    response.write(content.subarray(from, from + trickle.bytes));
    timer = setTimeout(() => sendFrom(from + trickle.bytes), trickle.everyMs);
  };
  const answer = (): void => {
    response.writeHead(200, { 'content-type': 'application/zip', 'content-length': String(content.length) });
    response.flushHeaders();
    // The connection drops part-way, as a network or a Slack edge can.
    if (breakAfterBytes !== undefined)
      return void response.write(content.subarray(0, breakAfterBytes), () => response.destroy());
    // Or it stays open and nothing more comes.
    if (stallAfterBytes !== undefined) return void response.write(content.subarray(0, stallAfterBytes));
    sendFrom(0);
  };
  // The connection closes before any answer, as a restarting edge or a proxy can.
  if (hangUpBeforeAnswer === true) return void response.socket?.destroy();
  if (delayHeadersMs === undefined) answer();
  else timer = setTimeout(answer, delayHeadersMs);
}
