import { Component, computed, input } from '@angular/core';

import { OtpSetup } from '../core/api/identidad';

/** `qr_svg` may come as raw SVG markup or as a data URI; shown as an <img> (no script runs). */
export function qrSrc(svg: string): string {
  const s = (svg ?? '').trim();
  if (s.startsWith('data:')) {
    return s;
  }
  // Inline SVG (e.g. segno's svg_inline) has no namespace; as an image it needs one.
  const svgConNs = /<svg[^>]*\sxmlns=/.test(s) ? s : s.replace(/<svg\b/, '<svg xmlns="http://www.w3.org/2000/svg"');
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgConNs)}`;
}

@Component({
  selector: 'app-otp-qr',
  template: `
    <div class="qr">
      <img [src]="src()" width="200" height="200" alt="Código QR para su aplicación de autenticación" data-testid="otp-qr" />
      <div>
        <p>Escanee el código con Google Authenticator, Microsoft Authenticator u otra aplicación TOTP.</p>
        <p>¿No puede escanear? Ingrese esta clave manualmente:</p>
        <code class="secreto" data-testid="otp-secret">{{ setup().secret }}</code>
      </div>
    </div>
  `,
  styles: `
    .qr { display: flex; gap: 16px; flex-wrap: wrap; align-items: center; }
    img { background: #fff; border: 1px solid #dadce0; border-radius: 8px; padding: 8px; }
    .secreto { display: inline-block; font-size: 15px; letter-spacing: 2px; background: #f1f3f4; padding: 6px 10px; border-radius: 4px; word-break: break-all; }
  `,
})
export class OtpQr {
  readonly setup = input.required<OtpSetup>();
  readonly src = computed(() => qrSrc(this.setup().qr_svg));
}
