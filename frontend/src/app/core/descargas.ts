import { HttpClient, HttpResponse } from '@angular/common/http';
import { Observable } from 'rxjs';

/** The one place the SPA saves files: attachments (Content-Disposition) and generated text. */

/** `GET url` as a Blob with its headers (to read the Content-Disposition file name). */
export function pedirArchivo(http: HttpClient, url: string): Observable<HttpResponse<Blob>> {
  return http.get(url, { responseType: 'blob', observe: 'response' });
}

/** The file name of a `Content-Disposition` header (RFC 6266 `filename*` first), else `respaldo`. */
export function nombreDeArchivo(cabecera: string | null | undefined, respaldo: string): string {
  const extendido = /filename\*\s*=\s*[^']*'[^']*'([^;]+)/i.exec(cabecera ?? '');
  if (extendido) {
    try {
      return decodeURIComponent(extendido[1].trim());
    } catch {
      // Malformed percent-encoding: fall through to the plain name.
    }
  }
  const simple = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(cabecera ?? '');
  return (simple?.[2] ?? simple?.[1])?.trim() || respaldo;
}

/** Saves a Blob under `nombre` through a temporary link. */
export function guardarArchivo(contenido: Blob, nombre: string): void {
  const url = URL.createObjectURL(contenido);
  const link = document.createElement('a');
  link.href = url;
  link.download = nombre;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Downloads an attachment and saves it with the server's name (or `respaldo`). */
export function descargar(respuesta: Observable<HttpResponse<Blob>>, respaldo: string): void {
  respuesta.subscribe((r) => guardarArchivo(r.body ?? new Blob(), nombreDeArchivo(r.headers.get('Content-Disposition'), respaldo)));
}
