import type { IncomingMessage } from 'node:http';

export interface ReadRequest {
  token?: string;
  /** Form fields, JSON members or query parameters; uploaded files arrive as Buffers. */
  args: Record<string, unknown>;
  /** The body as sent, for an upload URL that receives raw bytes. */
  body: Buffer;
  contentType: string;
}

/** Reads a Web API request the way Slack accepts them: query string, form, JSON or multipart; token as Bearer or field. */
export async function readRequest(request: IncomingMessage): Promise<ReadRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const contentType = (request.headers['content-type'] ?? '').toLowerCase();
  const query = Object.fromEntries(new URL(request.url ?? '/', 'http://fake').searchParams);
  const args: Record<string, unknown> = { ...query, ...(await parseBody(body, contentType)) };
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  const token = bearer ?? (typeof args.token === 'string' ? args.token : undefined);
  delete args.token;
  return { ...(token === undefined ? {} : { token }), args, body, contentType };
}

async function parseBody(body: Buffer, contentType: string): Promise<Record<string, unknown>> {
  if (body.length === 0) return {};
  if (contentType.startsWith('application/json')) {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  }
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(body.toString('utf8')));
  }
  if (contentType.startsWith('multipart/form-data')) {
    const form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
    const args: Record<string, unknown> = {};
    for (const [key, value] of form)
      args[key] = typeof value === 'string' ? value : Buffer.from(await value.arrayBuffer());
    return args;
  }
  return {};
}
