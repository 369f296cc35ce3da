"""The ``wuzhen-geo`` program: its parser and :func:`main`.

Every failure the user can cause ends as one clear line on stderr and a non-zero exit (2), never a
traceback; an internal error is one line too (exit 3) unless ``--debug`` asks for the traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from collections.abc import Sequence

from wuzhen_geo._version import __version__
from wuzhen_geo.cli import (access_commands, answer_commands, appraise_commands, calibration_commands, data_commands,
                            export_commands)
from wuzhen_geo.errors import DataError, DataValidationError, WuzhenGeoError

__all__ = ["build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    """The parser of ``wuzhen-geo``: global options, the data commands, then the answer commands."""
    parser = argparse.ArgumentParser(prog="wuzhen-geo", description="Wuzhen and Tongxiang regional transport "
                                     "map and planner.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--data", metavar="DIR", help="geodata folder (default: the shipped data)")
    parser.add_argument("--debug", action="store_true", help="show the full traceback of an internal error")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    data_commands.register(sub)
    answer_commands.register(sub)
    access_commands.register(sub)
    appraise_commands.register(sub)
    export_commands.register(sub)
    calibration_commands.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``wuzhen-geo`` with these arguments (default: the command line); return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        with warnings.catch_warnings():  # a NaN coordinate is reported as a data problem; numpy's note is noise
            warnings.filterwarnings("ignore", category=RuntimeWarning, module=r"shapely(\.|$)")
            return int(args.func(args) or 0)
    except DataValidationError as exc:
        first = exc.problems[0] if exc.problems else exc
        print(f"wuzhen-geo: error: the data is not valid ({len(exc.problems)} error(s)); first: {first}. "
              f"Run 'wuzhen-geo validate' for all.", file=sys.stderr)
    except (WuzhenGeoError, DataError) as exc:
        # in the language asked for where the error has it (a coordinate's), else as raised
        lang = getattr(args, "messages_lang", getattr(args, "lang", "en"))
        said = exc.text(lang) if callable(getattr(exc, "text", None)) else str(exc)
        print(f"wuzhen-geo: error: {said}", file=sys.stderr)
    except BrokenPipeError:  # the reader stopped early (``| head``): not an error; as other tools, say nothing
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second failure at exit
        return 0
    except KeyboardInterrupt:  # its text is empty: say what happened and what is left
        print("wuzhen-geo: interrupted; every file is written whole or not at all, so nothing half-written is "
              "left", file=sys.stderr)
        return 130
    except OSError as exc:  # the file the system names, and why, without Python's "[Errno n]"
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"wuzhen-geo: error: {where}{exc.strerror or exc}", file=sys.stderr)
    except Exception as exc:  # a bug, not bad input: still one line unless asked for more
        if args.debug:
            raise
        print(f"wuzhen-geo: internal error: {type(exc).__name__}: {exc} (rerun with --debug for the traceback)",
              file=sys.stderr)
        return 3
    return 2
