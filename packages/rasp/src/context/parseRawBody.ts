/**
 * Turns a body the agent saw go by (see `captureBody`) into values to check, for apps that parse
 * bodies themselves: JSON, URL-encoded forms, the text fields of `multipart/form-data`, and any
 * `text/*`. Never throws: malformed or truncated JSON and forms are checked as one string, invalid
 * UTF-8 becomes U+FFFD, and other media types (images, archives, octet streams) are not user text.
 */

export function parseRawBody(contentType: string | undefined, body: Buffer): unknown {
  if (body.length === 0) return undefined;
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/json' || type.endsWith('+json')) {
    const text = body.toString('utf8');
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  if (type === 'application/x-www-form-urlencoded') {
    return formFields(new URLSearchParams(body.toString('utf8')));
  }
  if (type === 'multipart/form-data') {
    const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
    const value = boundary?.[1] ?? boundary?.[2];
    return value === undefined ? undefined : multipartFields(body.toString('utf8'), value);
  }
  if (type.startsWith('text/') || type === '') return body.toString('utf8');
  return undefined;
}

function formFields(params: URLSearchParams): Record<string, string[]> {
  const fields: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  for (const [name, value] of params) (fields[name] ??= []).push(value);
  return fields;
}

/**
 * The fields of a multipart body (RFC 7578): each part's `name` with its text, and for file
 * parts the client's file name (user input too) instead of the file's bytes.
 */
function multipartFields(text: string, boundary: string): Record<string, string[]> {
  const fields: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  for (const part of text.split(`--${boundary}`)) {
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd === -1) continue;
    const headers = part.slice(0, headerEnd);
    const name = /\bname="([^"]*)"/i.exec(headers)?.[1];
    if (name === undefined) continue;
    const fileName = /\bfilename="([^"]*)"/i.exec(headers)?.[1];
    const content = part.slice(headerEnd + 4).replace(/\r\n$/, '');
    (fields[name] ??= []).push(fileName ?? content);
  }
  return fields;
}
