/**
 * The one way the browser talks to the server: JSON in and out, the session cookie, and errors
 * as problem+json turned into `ApiError` with the message in both languages and per-field errors.
 */
export interface FieldError {
  field: string;
  message_vi: string;
  message_en: string;
}

export class ApiError extends Error {
  constructor(public status: number, public vi: string, public en: string, public code: string, public errors: FieldError[] = [], public body: any = {}) {
    super(en);
  }
  /** The message in the user's language. */
  text(lang: string): string {
    return lang.startsWith('en') ? this.en : this.vi;
  }
  /** Field errors keyed by field path (e.g. "form.applicant.email"). */
  byField(lang: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.errors) out[e.field] = lang.startsWith('en') ? e.message_en : e.message_vi;
    return out;
  }
}

export async function api<T = any>(method: string, path: string, body?: unknown, opts: { idempotencyKey?: string; signal?: AbortSignal } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (opts.idempotencyKey) headers['idempotency-key'] = opts.idempotencyKey;
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, { method, headers, body: payload, credentials: 'same-origin', signal: opts.signal });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'Không kết nối được máy chủ. Kiểm tra mạng và thử lại.', 'Cannot reach the server. Check your connection and try again.', 'network');
  }
  const ct = res.headers.get('content-type') ?? '';
  const data = ct.includes('json') ? await res.json() : null;
  if (!res.ok) {
    throw new ApiError(res.status, data?.message_vi ?? `Lỗi ${res.status}`, data?.message_en ?? `Error ${res.status}`, data?.code ?? 'error', data?.errors ?? [], data);
  }
  return data as T;
}

export const get = <T = any>(path: string, signal?: AbortSignal) => api<T>('GET', path, undefined, { signal });
export const post = <T = any>(path: string, body?: unknown, idempotencyKey?: string) => api<T>('POST', path, body ?? {}, { idempotencyKey });

/** A fresh key per user intent: a double click or a retry of the same intent reuses it. */
export function newKey(): string {
  return crypto.randomUUID();
}

/** Uploads one file with progress (fetch has no upload progress; XHR does). */
export function uploadFile(file: File, onProgress: (fraction: number) => void, idempotencyKey = newKey()): Promise<any> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/files');
    xhr.setRequestHeader('idempotency-key', idempotencyKey);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      let data: any = null;
      try {
        data = JSON.parse(xhr.responseText);
      } catch { /* not JSON */ }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data);
      else reject(new ApiError(xhr.status, data?.message_vi ?? `Lỗi ${xhr.status}`, data?.message_en ?? `Error ${xhr.status}`, data?.code ?? 'error', data?.errors ?? []));
    };
    xhr.onerror = () => reject(new ApiError(0, 'Không tải được tệp lên. Kiểm tra mạng và thử lại.', 'The upload failed. Check your connection and try again.', 'network'));
    const fd = new FormData();
    fd.append('file', file);
    xhr.send(fd);
  });
}
