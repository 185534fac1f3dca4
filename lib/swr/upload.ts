import type { ActionError } from '@/lib/web/result';
import { ApiError } from './fetch-json';

// A file sent as a request body with its progress (fetch cannot report an upload's progress; XMLHttpRequest can),
// cancellable; the route's error thrown as ApiError, as sendRequest does.

export interface UploadProgress {
  sent: number;
  total: number;
  /** Bytes per second since the start. */
  rate: number;
}

export class UploadCancelled extends Error {
  constructor() {
    super('upload cancelled');
    this.name = 'UploadCancelled';
  }
}

export function uploadFile<T>(
  url: string,
  file: Blob,
  onProgress: (p: UploadProgress) => void,
  signal: AbortSignal,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const started = performance.now();
    xhr.open('POST', url);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      const seconds = Math.max(0.001, (performance.now() - started) / 1000);
      onProgress({
        sent: e.loaded,
        total: e.lengthComputable ? e.total : file.size,
        rate: e.loaded / seconds,
      });
    };
    xhr.onload = () => {
      let data: unknown = null;
      try {
        data = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON: the status says enough */
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(data as T);
      const error = (data as { error?: ActionError } | null)?.error ?? {
        code: 'internal' as const,
        message: `HTTP ${xhr.status}`,
      };
      reject(new ApiError(xhr.status, error));
    };
    xhr.onerror = () => reject(new TypeError('network error'));
    xhr.onabort = () => reject(new UploadCancelled());
    signal.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}
