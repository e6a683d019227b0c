"""`zhibiao serve`: a thin layer that checks the database and hands the app to uvicorn."""

from typer.testing import CliRunner

from zhibiao.cli import app

runner = CliRunner()


def test_web_serve_names_a_missing_database_and_exits_1(tmp_path):
    result = runner.invoke(app, ["serve", "--db", str(tmp_path / "missing.duckdb")])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "missing.duckdb does not exist" in lines[0] and "Traceback" not in result.stderr


def test_web_serve_refuses_a_file_that_is_not_a_fact_database(tmp_path):
    other = tmp_path / "other.duckdb"
    other.write_bytes(b"not a database at all")
    result = runner.invoke(app, ["serve", "--db", str(other)])
    assert result.exit_code == 1 and "other.duckdb" in result.stderr and "Traceback" not in result.stderr


def test_web_serve_runs_uvicorn_with_the_app(demo_db, monkeypatch):
    calls = {}

    def fake_run(asgi, host, port, log_level):
        calls.update(app=asgi, host=host, port=port)

    monkeypatch.setattr("uvicorn.run", fake_run)
    result = runner.invoke(app, ["serve", "--db", str(demo_db), "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert (calls["host"], calls["port"]) == ("127.0.0.1", 8123)
    assert {r.path for r in calls["app"].routes} >= {"/", "/indicator/{key}.json"}
    assert "serving" in result.stderr and "8123" in result.stderr
    calls["app"].state.store.close()


def test_web_serve_rejects_a_bad_port():
    result = runner.invoke(app, ["serve", "--port", "70000"])
    assert result.exit_code == 2
