"""SPA serving: built files, deep links, caching, and API paths kept as JSON."""

import pytest


@pytest.fixture
def spa_dir(app, tmp_path):
    dist = tmp_path / "browser"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text("<!doctype html><html><body><app-root>Tratios SPA</app-root></body></html>")
    (dist / "main-ABCD1234.js").write_text("console.log('main')")
    (dist / "assets" / "logo.txt").write_text("logo")
    previous = app.config["SPA_DIST_DIR"]
    app.config["SPA_DIST_DIR"] = str(dist)
    yield dist
    app.config["SPA_DIST_DIR"] = previous


def test_without_build_root_explains_dev_mode(client):
    response = client.get("/")
    assert response.status_code == 200
    body = response.get_json()
    assert "http://localhost:4200" in body["frontend"]
    assert "desarrollo" in body["message"]


def test_index_served_and_not_cached(client, spa_dir):
    response = client.get("/")
    assert response.status_code == 200
    assert b"Tratios SPA" in response.data
    assert "no-cache" in response.headers["Cache-Control"]


def test_deep_link_returns_index(client, spa_dir):
    response = client.get("/portal/tickets/42")
    assert response.status_code == 200
    assert b"Tratios SPA" in response.data


def test_hashed_asset_is_cacheable(client, spa_dir):
    response = client.get("/main-ABCD1234.js")
    assert response.status_code == 200
    assert "immutable" in response.headers["Cache-Control"]
    assert b"console.log" in response.data


def test_missing_asset_is_404_not_index(client, spa_dir):
    response = client.get("/chunk-NOPE1234.js")
    assert response.status_code == 404
    assert response.is_json


def test_path_traversal_not_served(client, spa_dir):
    response = client.get("/../../etc/passwd")
    assert b"root:" not in response.data


@pytest.mark.parametrize("path", ["/api/nada", "/admin/x/y", "/auth/zzz", "/account/foo"])
def test_api_prefixes_stay_json_404(client, spa_dir, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.is_json
