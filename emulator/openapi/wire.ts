/**
 * The two wire formats of `wx.openApi`: the SDK posts multipart/form-data whose `requestData` part is a
 * protobuf `CommApiData`, and expects a protobuf `CommOpenApiResp` back (schema: the protobuf module
 * bundled in wx-server-sdk's index.js). Only the few messages used here are coded, by hand, because the
 * protobuf runtime is not a direct dependency of the project.
 */

type Field = Buffer | bigint;

function readVarint(buf: Buffer, pos: number): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  for (;;) {
    if (pos >= buf.length || shift > 63n) throw new Error('truncated varint');
    const byte = buf[pos++];
    result |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return [result, pos];
    shift += 7n;
  }
}

/** Decodes one protobuf message into its fields by number (repeated fields keep every occurrence). */
export function decodeFields(buf: Buffer): Map<number, Field[]> {
  const fields = new Map<number, Field[]>();
  let pos = 0;
  while (pos < buf.length) {
    const [key, afterKey] = readVarint(buf, pos);
    pos = afterKey;
    const fieldNo = Number(key >> 3n);
    const wireType = Number(key & 7n);
    let value: Field;
    if (wireType === 0) {
      [value, pos] = readVarint(buf, pos);
    } else if (wireType === 2) {
      const [length, afterLength] = readVarint(buf, pos);
      const end = afterLength + Number(length);
      if (end > buf.length) throw new Error('truncated field');
      value = buf.subarray(afterLength, end);
      pos = end;
    } else if (wireType === 1 || wireType === 5) {
      const size = wireType === 1 ? 8 : 4;
      if (pos + size > buf.length) throw new Error('truncated field');
      value = buf.subarray(pos, pos + size);
      pos += size;
    } else {
      throw new Error(`unsupported wire type ${wireType}`);
    }
    const list = fields.get(fieldNo) ?? [];
    list.push(value);
    fields.set(fieldNo, list);
  }
  return fields;
}

function writeVarint(value: bigint): Buffer {
  const bytes: number[] = [];
  let v = BigInt.asUintN(64, value);
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    bytes.push(byte);
  } while (v > 0n);
  return Buffer.from(bytes);
}

function bytesField(fieldNo: number, value: Buffer): Buffer {
  return Buffer.concat([writeVarint(BigInt((fieldNo << 3) | 2)), writeVarint(BigInt(value.length)), value]);
}

function varintField(fieldNo: number, value: number): Buffer {
  return Buffer.concat([writeVarint(BigInt(fieldNo << 3)), writeVarint(BigInt(value))]);
}

export interface OpenApiPair {
  key: string;
  value: Buffer;
  contentType?: string;
  filename?: string;
}

function bytesAt(fields: Map<number, Field[]>, fieldNo: number): Buffer | undefined {
  const value = fields.get(fieldNo)?.[0];
  return Buffer.isBuffer(value) ? value : undefined;
}

/** CommApiData { 1 apiType, 2 OpenApiData { 1 repeated KeyValuePair { 1 key, 2 value, 3 contenttype, 4 filename } }, 6 appid } */
export function decodeCommApiData(buf: Buffer): { pairs: OpenApiPair[]; appid?: string } {
  const top = decodeFields(buf);
  const openapiData = bytesAt(top, 2);
  const pairs: OpenApiPair[] = [];
  if (openapiData) {
    for (const raw of decodeFields(openapiData).get(1) ?? []) {
      if (!Buffer.isBuffer(raw)) continue;
      const pair = decodeFields(raw);
      pairs.push({
        key: bytesAt(pair, 1)?.toString('utf8') ?? '',
        value: bytesAt(pair, 2) ?? Buffer.alloc(0),
        contentType: bytesAt(pair, 3)?.toString('utf8'),
        filename: bytesAt(pair, 4)?.toString('utf8'),
      });
    }
  }
  return { pairs, appid: bytesAt(top, 6)?.toString('utf8') };
}

/** CommOpenApiResp { 1 respData, 2 contentType, 3 errorCode } */
export function encodeCommOpenApiResp(resp: { respData: Buffer; contentType: string; errorCode?: number }): Buffer {
  const parts = [bytesField(1, resp.respData), bytesField(2, Buffer.from(resp.contentType, 'utf8'))];
  if (resp.errorCode) parts.push(varintField(3, resp.errorCode));
  return Buffer.concat(parts);
}

export interface MultipartPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

/** Parses a multipart/form-data body (RFC 7578); throws on a malformed one. */
export function parseMultipart(body: Buffer, contentTypeHeader: string): MultipartPart[] {
  const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentTypeHeader);
  if (!match) throw new Error('multipart boundary missing');
  const delimiter = Buffer.from(`--${match[1] ?? match[2]}`);
  const parts: MultipartPart[] = [];
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new Error('multipart delimiter not found');
  for (;;) {
    pos += delimiter.length;
    if (body.subarray(pos, pos + 2).toString() === '--') return parts;
    pos += 2; // CRLF after the delimiter
    const headerEnd = body.indexOf('\r\n\r\n', pos);
    if (headerEnd < 0) throw new Error('multipart part headers not terminated');
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd);
    if (next < 0) throw new Error('multipart part not terminated');
    const headers = body.subarray(pos, headerEnd).toString('utf8');
    const disposition = /content-disposition:[^\r\n]*?\bname="([^"]*)"(?:[^\r\n]*?\bfilename="([^"]*)")?/i.exec(headers);
    if (!disposition) throw new Error('multipart part without a name');
    const type = /content-type:\s*([^\r\n]+)/i.exec(headers);
    parts.push({ name: disposition[1], filename: disposition[2], contentType: type?.[1]?.trim(), data: body.subarray(headerEnd + 4, next) });
    pos = next + 2;
  }
}
