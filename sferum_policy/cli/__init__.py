"""Command-line interface: ``sferum-policy`` (click, Russian help).

Heavy libraries are imported inside commands, never here: ``--help``, ``clauses``, ``refs`` and
``generate`` must start fast.
"""

from __future__ import annotations

import os
import sys

import click

from .. import __version__
from ..errors import SferumError
from . import i18n

i18n.install()

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "--version", "-V", prog_name="sferum-policy")
def cli() -> None:
    """Локальные акты об ИКОП «Сферум»: библиотека положений, реестр нормативных актов,
    создание и проверка положений.

    \b
    Примеры:
      sferum-policy clauses list --section rights
      sferum-policy refs show 273-ФЗ
      sferum-policy check положение.docx
    """


def _register() -> None:
    from . import check_cmd, data_cmds, fix_cmd

    cli.add_command(data_cmds.clauses)
    cli.add_command(data_cmds.refs)
    cli.add_command(data_cmds.docs)
    cli.add_command(data_cmds.info)
    cli.add_command(check_cmd.check)
    cli.add_command(fix_cmd.fix)
    for name, attr in (("generate_cmd", ("generate", "init")), ("modernize_cmd", ("modernize",)), ("audit_cmd", ("audit",)), ("serve_cmd", ("serve",))):
        try:
            mod = __import__(f"{__name__}.{name}", fromlist=list(attr))
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":
                raise
            continue
        for a in attr:
            command = getattr(mod, a, None)
            if command is not None:
                cli.add_command(command)


_register()
i18n.localize_metavars(cli)


def fail(message: str, code: int = 2) -> None:
    """Print one Russian line to stderr and exit."""
    click.echo(f"sferum-policy: {message}", err=True)
    sys.exit(code)


def main(argv: list[str] | None = None) -> None:
    """Entry point: user errors become one line and exit code 2, never a traceback."""
    try:
        code = cli.main(args=argv, prog_name="sferum-policy", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.Abort:
        fail("прервано пользователем", 130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(2)
    except SferumError as exc:
        fail(str(exc), exc.exit_code)
    except KeyboardInterrupt:
        fail("прервано пользователем", 130)
    except BrokenPipeError:
        sys.exit(0)
    except MemoryError as exc:  # the readers put the file's name in it
        from ..memory import out_of_memory_message

        fail(out_of_memory_message(exc.args[0] if exc.args and isinstance(exc.args[0], str) else "документ"))
    except Exception as exc:  # a bug, not the user's fault: one line, details on request
        from ..memory import is_out_of_memory

        if is_out_of_memory(exc):
            fail(f"не хватило памяти для обработки документа ({type(exc).__name__})")
        if os.environ.get("SFERUM_POLICY_DEBUG"):
            raise
        fail(f"внутренняя ошибка ({type(exc).__name__}: {exc}); повторите с SFERUM_POLICY_DEBUG=1 и сообщите разработчикам", 3)
    sys.exit(code if isinstance(code, int) else 0)
