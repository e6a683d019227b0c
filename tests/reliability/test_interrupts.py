"""An interrupt that a library reports as its own error is still an interrupt: DuckDB turns the
KeyboardInterrupt that Ctrl-C or SIGTERM raises inside a query into `RuntimeError: Query interrupted`
(or a failed rollback), which printed a traceback and exited 1 (found under load by the SIGTERM test)."""

import pytest
import typer
from typer.testing import CliRunner

from zhibiao import cli


def _app(error: Exception, interrupted: bool) -> typer.Typer:
    app = typer.Typer()

    @app.command(cls=cli._Command)
    def run() -> None:
        cli._INTERRUPT.requested = interrupted
        raise error

    @app.command(cls=cli._Command)
    def other() -> None:
        pass

    return app


@pytest.fixture(autouse=True)
def _no_interrupt_left():
    yield
    cli._INTERRUPT.requested = False


@pytest.mark.parametrize(
    ("error", "interrupted", "code", "said"),
    [
        (RuntimeError("Query interrupted"), True, 130, "interrupted"),
        (ValueError("cannot rollback - no transaction is active"), True, 130, "interrupted"),
        (typer.Exit(code=3), True, 3, ""),  # the command's own exit stands
        (RuntimeError("Query interrupted"), False, 1, ""),  # no interrupt: an error is an error
    ],
)
def test_an_error_raised_by_an_interrupt_ends_the_run_as_an_interrupt(error, interrupted, code, said):
    result = CliRunner().invoke(_app(error, interrupted), ["run"])
    assert result.exit_code == code
    assert said in result.output
    if code == 1:
        assert isinstance(result.exception, RuntimeError)
