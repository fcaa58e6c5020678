/** The board's QR code as one vector path: error correction Q, a 4-module quiet zone, crisp square modules. */
import QRCode from 'qrcode';

export const QR_ERROR_CORRECTION = 'Q' as const;
export const QR_QUIET_MODULES = 4;

/** A path of `size`×`size` units, quiet zone included, for `text`; also the module count for checks. */
export function qrSvgPath(text: string, size: number): { path: string; modules: number; moduleSize: number } {
  const qr = QRCode.create(text, { errorCorrectionLevel: QR_ERROR_CORRECTION });
  const n = qr.modules.size;
  const m = size / (n + 2 * QR_QUIET_MODULES);
  const parts: string[] = [];
  for (let y = 0; y < n; y++) {
    let x = 0;
    while (x < n) {
      if (!qr.modules.get(x, y)) {
        x++;
        continue;
      }
      const start = x;
      while (x < n && qr.modules.get(x, y)) x++;
      // One rectangle per horizontal run of dark modules.
      const x0 = ((start + QR_QUIET_MODULES) * m).toFixed(3);
      const x1 = ((x + QR_QUIET_MODULES) * m).toFixed(3);
      const y0 = ((y + QR_QUIET_MODULES) * m).toFixed(3);
      const y1 = ((y + 1 + QR_QUIET_MODULES) * m).toFixed(3);
      parts.push(`M${x0} ${y0}H${x1}V${y1}H${x0}Z`);
    }
  }
  return { path: parts.join(''), modules: n, moduleSize: m };
}
