/**
 * The browser work of the enhanced 随手拍 form beyond drawing it: shrinking a photo, uploading with progress
 * and finding the place from the phone's position. The form loads this module at the first touch (and at
 * the latest when it is needed), so the script the page itself ships is what renders and hydrates the form.
 */
import type { FieldErrors } from '@/lib/domain/report-form';

const MAX_SIDE = 1600;

/** A photo shrunk to ≤ 1600 px JPEG in the browser; a file the browser cannot decode goes as it is and the server explains. */
export async function shrink(file: File): Promise<Blob> {
  try {
    const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    return await new Promise((resolve) => canvas.toBlob((b) => resolve(b ?? file), 'image/jpeg', 0.85));
  } catch {
    return file;
  }
}

export type UploadAnswer = { status: number; json: { ok: boolean; receiptUrl?: string; message?: string; errors?: FieldErrors } } | null;

/** Posts the form to /api/reports with upload progress; null when the network dropped it. */
export function upload(body: FormData, onProgress: (fraction: number) => void): Promise<UploadAnswer> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/reports');
    xhr.timeout = 120_000;
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      try {
        resolve({ status: xhr.status, json: JSON.parse(xhr.responseText) });
      } catch {
        resolve({ status: xhr.status, json: { ok: false, message: '服务器暂时无法处理，请稍后再试。您填写的内容都还在。' } });
      }
    };
    xhr.onerror = xhr.ontimeout = xhr.onabort = () => resolve(null);
    xhr.send(body);
  });
}

export interface Located {
  /** The position, when one could be had, and the nearest registered segment's code if any. */
  place: { lat: string; lng: string; segmentCode: string | null } | null;
  /** What to tell the reporter. */
  message: string;
}

/** The phone's position and the nearest segment to it (使用我的位置). */
export function locate(): Promise<Located> {
  return new Promise((resolve) => {
    if (!navigator.geolocation) return resolve({ place: null, message: '这个浏览器不能获取位置，请选择路段或填写地址。' });
    navigator.geolocation.getCurrentPosition(
      async (pos) => {
        const lat = pos.coords.latitude.toFixed(6);
        const lng = pos.coords.longitude.toFixed(6);
        try {
          const res = await fetch(`/api/segments/nearest?lat=${lat}&lng=${lng}`);
          const { segment } = (await res.json()) as { segment: { code: string; name: string; distanceM: number } | null };
          resolve(
            segment
              ? { place: { lat, lng, segmentCode: segment.code }, message: `已按位置选中最近的路段：${segment.name}（约 ${segment.distanceM} 米）。不对的话请在上面重新选择。` }
              : { place: { lat, lng, segmentCode: null }, message: '已记录您的位置，但附近没有登记的路段，请补充详细地址。' },
          );
        } catch {
          resolve({ place: { lat, lng, segmentCode: null }, message: '已记录您的位置。网络不好，没能查到附近路段，请选择路段或填写地址。' });
        }
      },
      () => resolve({ place: null, message: '没能获取位置（可能没有授权），请选择路段或填写地址。' }),
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  });
}
