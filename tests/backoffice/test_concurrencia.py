"""The one-non-cancelled-subscription rule holds under concurrency (real gunicorn, MariaDB)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from models import Suscripcion
from tests.conftest import requires_mysql


@requires_mysql
def test_concurrent_creations_give_exactly_one_subscription(gunicorn_server, make, catalogo, admin, auth_headers, db):
    empresa = make.empresa()
    headers = auth_headers(admin) | {"Content-Type": "application/json"}
    db.session.commit()
    base = gunicorn_server(workers=4)
    body = json.dumps({"empresa_id": empresa.id, "plan_id": catalogo["plan"].id, "periodo": "mensual"}).encode()

    def crear(_):
        request = urllib.request.Request(  # noqa: S310 - local test server over http
            f"{base}/admin/suscripciones", data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - local test server
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    with ThreadPoolExecutor(max_workers=8) as pool:
        estados = list(pool.map(crear, range(8)))
    assert sorted(estados) == [201] + [409] * 7, estados
    db.session.rollback()  # end the REPEATABLE READ snapshot taken before the requests
    assert db.session.query(Suscripcion).filter_by(empresa_id=empresa.id).count() == 1
