/** Shapes shared by every area of the Tratios API: pagination, the error body, location look-ups. */

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  per_page: number;
  pages: number;
}

export interface ApiErrorBody {
  error: string;
  message: string;
  details?: Record<string, unknown>;
}

export interface Pais {
  iso2: string;
  nombre: string;
  nombre_en: string;
}

export interface Ciudad {
  id: number;
  nombre: string;
  region: string | null;
  poblacion: number | null;
}
