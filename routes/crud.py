"""One way to declare an admin resource: its standard views over a service with the uniform verbs.

    registrar_crud(
        blp, empresas, esquemas.AdminEmpresaSchema, id_param="empresa_id",
        listar=Vista("Lista paginada; filtros `q` y `estado`.", esquemas.AdminEmpresaListArgsSchema),
        obtener=Vista("Una empresa."),
        crear=Vista("Crea una empresa.", esquemas.AdminEmpresaCreateSchema, errores={409: "NIT duplicado"}),
        actualizar=Vista("Actualiza los campos enviados.", esquemas.AdminEmpresaUpdateSchema, errores=(409,)),
        borrar=Vista("Borrado lógico.", estado=200, nombre="desactivar"),
        acciones={"activar": Vista("Deshace el borrado lógico.")},
    )

declares only the views it is given (`X` is `id_param`; `obj` is always `servicio.obtener(X)`, its 404):

| view          | method and rule             | calls                               | answers                        |
| ------------- | --------------------------- | ----------------------------------- | ------------------------------ |
| `listar`      | `GET ""` (query: `entrada`) | `servicio.listar(args)` -> a Select | 200, a page of `esquema`       |
| `obtener`     | `GET /<int:X>`              | `servicio.obtener(X)`               | 200 `esquema`                  |
| `crear`       | `POST ""`                   | `servicio.crear(data)`              | 201 `esquema`                  |
| `actualizar`  | `PUT /<int:X>`              | `servicio.actualizar(obj, data)`    | 200 `esquema`                  |
| `borrar`      | `DELETE /<int:X>`           | `servicio.borrar(obj)`              | 204 (`estado=200`: the object) |
| `acciones[n]` | `POST /<int:X>/<n, _ as ->` | `servicio.<n>(obj, data)` / `(obj)` | 200 `esquema`                  |

A `Vista` holds the operation's summary (the OpenAPI `summary`: one per operation) and its input schema
(`entrada`; an action without one takes no body), and may set: `errores` (the endpoint-specific codes,
as `Blueprint.route` takes them), `estado`, the endpoint name `nombre` (default: the view's name above),
`metodos` (e.g. `("PATCH",)` or `("PUT", "PATCH")` for an update), the action's path segment `ruta`,
the response schema `respuesta` (default `esquema`), the access level `acceso`, and `hacer`: a callable
used instead of the service verb, with the same arguments. Every write logs one line once committed.

A view that fits none of these is written by hand with `operacion`, one decorator instead of route +
arguments + response (its docstring is the summary):

    @operacion(blp, "POST", "/<int:ticket_id>/comentarios", entrada=ComentarioSchema, respuesta=..., estado=201)
    def comentar(data, ticket_id):
        return tickets.comentar(tickets.obtener(ticket_id), data)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from routes.base import Blueprint
from services import al_confirmar
from utils.logger import AppLogger
from utils.pagination import page_schema, paginate
from utils.security import Acceso

log = AppLogger.get("admin")


@dataclass(frozen=True)
class Vista:
    resumen: str
    entrada: type | None = None
    errores: tuple[int, ...] | dict[int, str] = ()
    estado: int | None = None
    nombre: str | None = None
    metodos: tuple[str, ...] | None = None
    ruta: str | None = None
    respuesta: type | None = None
    acceso: Acceso | None = None
    hacer: Callable | None = None


def operacion(blp: Blueprint, metodos: str | tuple[str, ...], regla: str, *, entrada=None, respuesta=None,
              estado: int = 200, errores: tuple[int, ...] | dict[int, str] = (), ubicacion: str = "json",
              acceso: Acceso | None = None, nombre: str | None = None):
    """Register the decorated function as the view of `metodos` on `regla` (see the module doc)."""
    metodos = [metodos] if isinstance(metodos, str) else list(metodos)

    def decorador(func):
        vista = blp.response(estado, respuesta)(func)
        if entrada is not None:
            vista = blp.arguments(entrada, location=ubicacion)(vista)
        return blp.route(regla, methods=metodos, endpoint=nombre or func.__name__, errores=errores,
                         acceso=acceso)(vista)

    return decorador


def _declarar(blp: Blueprint, vista: Vista, llamar: Callable, *, nombre: str, metodo: str, regla: str,
              estado: int, respuesta, id_param: str | None = None, ubicacion: str = "json") -> None:
    nombre = vista.nombre or nombre
    estado = vista.estado or estado
    escritura = metodo != "GET"

    def view(*datos, **ruta):
        resultado = llamar(*datos, **ruta)
        if escritura:
            ident = ruta.get(id_param) if id_param else getattr(resultado, "id", None)
            al_confirmar(partial(log.info, "%s %s/%s", nombre, blp.url_prefix, ident))
        return None if estado == 204 else resultado

    view.__name__ = view.__qualname__ = nombre
    view.__doc__ = vista.resumen  # the operation's summary in the OpenAPI document
    respuesta = None if estado == 204 else vista.respuesta or respuesta
    operacion(blp, vista.metodos or metodo, regla, entrada=vista.entrada, respuesta=respuesta, estado=estado,
              errores=vista.errores, ubicacion=ubicacion, acceso=vista.acceso)(view)


def registrar_crud(blp: Blueprint, servicio, esquema, *, id_param: str | None = None, listar: Vista | None = None,
                   obtener: Vista | None = None, crear: Vista | None = None, actualizar: Vista | None = None,
                   borrar: Vista | None = None, acciones: dict[str, Vista] | None = None) -> None:
    """Declare the standard views of a resource on `blp` (see the module doc)."""
    objeto = f"/<int:{id_param}>"

    def cargar(ruta: dict):
        return servicio.obtener(ruta[id_param])

    if listar is not None:
        consulta = listar.hacer or servicio.listar
        _declarar(blp, listar, lambda args: paginate(consulta(args), args["page"], args["per_page"]),
                  nombre="listar", metodo="GET", regla="", estado=200, respuesta=page_schema(esquema),
                  ubicacion="query")
    if obtener is not None:
        buscar = obtener.hacer or servicio.obtener
        _declarar(blp, obtener, lambda **ruta: buscar(ruta[id_param]), nombre="obtener", metodo="GET",
                  regla=objeto, estado=200, respuesta=esquema)
    if crear is not None:
        _declarar(blp, crear, crear.hacer or servicio.crear, nombre="crear", metodo="POST", regla="", estado=201,
                  respuesta=esquema)
    if actualizar is not None:
        cambiar = actualizar.hacer or servicio.actualizar
        _declarar(blp, actualizar, lambda data, **ruta: cambiar(cargar(ruta), data), nombre="actualizar",
                  metodo="PUT", regla=objeto, estado=200, respuesta=esquema, id_param=id_param)
    if borrar is not None:
        quitar = borrar.hacer or servicio.borrar
        _declarar(blp, borrar, lambda **ruta: quitar(cargar(ruta)), nombre="eliminar", metodo="DELETE",
                  regla=objeto, estado=204, respuesta=esquema, id_param=id_param)
    for nombre, accion in (acciones or {}).items():
        hacer = accion.hacer or getattr(servicio, nombre)
        _declarar(blp, accion, lambda *datos, _hacer=hacer, **ruta: _hacer(cargar(ruta), *datos), nombre=nombre,
                  metodo="POST", regla=f"{objeto}/{accion.ruta or nombre.replace('_', '-')}", estado=200,
                  respuesta=esquema, id_param=id_param)
