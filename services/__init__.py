"""Services: the business rules, shared by every entry point (admin, customer, SaaS instances, CLI).

The transaction rule, the same in every module:

1. A service function changes objects and calls `db.session.flush()` when it needs ids or wants a
   constraint checked early. It never commits and never rolls back.
2. Each use case commits once, through `unidad_de_trabajo()`. Views get it from the guarded
   blueprint (`routes.base.Blueprint`: every POST/PUT/PATCH/DELETE view runs inside one); CLI
   commands and jobs open it themselves. Leaving the block normally commits; an exception rolls
   everything back, so a failed use case never leaves half of its rows behind.
3. What must happen only once the change is stored (an e-mail) is registered with `al_confirmar(fn)`;
   what must be undone when it is not (a file already written to disk) with `al_deshacer(fn)`.
4. A failure that must leave its trace (a failed login counted, a challenge burnt) is raised with
   `fallar_guardando(error)`: it stores what was recorded, then raises.
5. One documented exception: `intentos.reservar` stores the brute-force counters at once (`confirmar()`),
   first thing in a sign-in use case, so their row locks are released before the slow password check;
   `claves_api.marcar_uso` stores an instance key's `last_used_at` (at most once a minute) before the view runs.

Look-ups answer the same 404 everywhere: `obtener_o_404(Modelo, id)`, whose error code comes from the
model's `__recurso__` (`("empresa", "la empresa")` -> `empresa_no_encontrada`, "La empresa no existe."; a
third element gives the code when the name's gender differs from the resource's).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from database.db import db
from utils.errors import APIError

log = logging.getLogger("tratios.transaccion")

T = TypeVar("T")

_PROFUNDIDAD = "tratios_uow_profundidad"
_AL_CONFIRMAR = "tratios_al_confirmar"
_AL_DESHACER = "tratios_al_deshacer"


def _pendientes(clave: str) -> list[Callable[[], object]]:
    return db.session.info.setdefault(clave, [])


def al_confirmar(fn: Callable[[], object]) -> None:
    """Run `fn` after the current unit of work commits (never if it rolls back). A failure of `fn`
    is logged and never undoes nor fails the use case."""
    _pendientes(_AL_CONFIRMAR).append(fn)


def al_deshacer(fn: Callable[[], object]) -> None:
    """Run `fn` if the current unit of work rolls back (e.g. delete a file written for it)."""
    _pendientes(_AL_DESHACER).append(fn)


def _ejecutar(clave: str) -> None:
    tareas = db.session.info.pop(clave, [])
    for tarea in tareas:
        try:
            tarea()
        except Exception:  # a side effect after the fact must not turn a stored change into an error
            log.exception("Falló una tarea posterior a la transacción (%s)", getattr(tarea, "__name__", tarea))


def confirmar() -> None:
    """Commit and run the `al_confirmar` tasks (the one place that commits)."""
    db.session.commit()
    db.session.info.pop(_AL_DESHACER, None)
    _ejecutar(_AL_CONFIRMAR)


def deshacer() -> None:
    db.session.rollback()
    db.session.info.pop(_AL_CONFIRMAR, None)
    _ejecutar(_AL_DESHACER)


@contextmanager
def unidad_de_trabajo() -> Iterator[None]:
    """One use case, one commit. Nested blocks join the outermost one."""
    info = db.session.info
    profundidad = info.get(_PROFUNDIDAD, 0)
    info[_PROFUNDIDAD] = profundidad + 1
    try:
        yield
        if profundidad == 0:
            confirmar()
    except BaseException:
        if profundidad == 0:
            deshacer()
        raise
    finally:
        info[_PROFUNDIDAD] = profundidad


def fallar_guardando(error: Exception) -> None:
    """Store what the failing use case recorded (counters, audit of the attempt), then raise `error`."""
    confirmar()
    raise error


def no_encontrado(modelo: type) -> APIError:
    recurso, nombre, *codigo = modelo.__recurso__
    terminacion = "a" if nombre.startswith("la ") else "o"
    codigo = codigo[0] if codigo else f"{recurso}_no_encontrad{terminacion}"
    return APIError(404, codigo, f"{nombre[0].upper()}{nombre[1:]} no existe.")


def obtener_o_404(modelo: type[T], ident, **filtros) -> T:
    """The row with primary key `ident`, or the model's 404. `filtros` (e.g. `empresa_id=3`) must all
    match too, so another tenant's row answers exactly like a missing one."""
    objeto = db.session.get(modelo, ident) if ident is not None else None
    if objeto is None or any(getattr(objeto, campo) != valor for campo, valor in filtros.items()):
        raise no_encontrado(modelo)
    return objeto
