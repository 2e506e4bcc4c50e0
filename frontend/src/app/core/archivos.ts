/** Client-side checks before uploading (the server checks again, including the content). */
export const MAX_BYTES_ARCHIVO = 10 * 1024 * 1024;
export const MAX_BYTES_TICKET = 50 * 1024 * 1024;
// Same allow-list as utils/file_handler.PERMITIDOS on the server.
export const EXTENSIONES_PERMITIDAS = [
  'png', 'jpg', 'jpeg', 'gif', 'webp', 'pdf',
  'doc', 'xls', 'ppt', 'docx', 'xlsx', 'pptx', 'odt', 'ods',
  'txt', 'log', 'csv', 'zip',
];

export function extension(nombre: string): string {
  const i = nombre.lastIndexOf('.');
  return i > 0 ? nombre.slice(i + 1).toLowerCase() : '';
}

export function tamanoLegible(bytes: number): string {
  if (bytes < 1024) {
    return `${bytes} B`;
  }
  if (bytes < 1024 * 1024) {
    return `${(bytes / 1024).toLocaleString('es-CO', { maximumFractionDigits: 1 })} KB`;
  }
  return `${(bytes / 1024 / 1024).toLocaleString('es-CO', { maximumFractionDigits: 1 })} MB`;
}

/** Null when the file may be uploaded, else the Spanish reason. */
export function problemaArchivo(file: { name: string; size: number }, yaUsado = 0): string | null {
  const ext = extension(file.name);
  if (!EXTENSIONES_PERMITIDAS.includes(ext)) {
    return `«${file.name}»: el tipo de archivo no está permitido.`;
  }
  if (file.size === 0) {
    return `«${file.name}» está vacío.`;
  }
  if (file.size > MAX_BYTES_ARCHIVO) {
    return `«${file.name}» supera el máximo de 10 MB por archivo.`;
  }
  if (yaUsado + file.size > MAX_BYTES_TICKET) {
    return `«${file.name}» excede el total de 50 MB por ticket.`;
  }
  return null;
}
