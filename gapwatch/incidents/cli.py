"""`gapwatch`: import, list, remove and analyse incident datasets from a shell.

    gapwatch import PATH [--name NAME] [--attribution TEXT] [--json]
    gapwatch datasets [--json]
    gapwatch remove NAME
    gapwatch analyse [--dataset NAME] [--width KM] [--from DATE] [--to DATE] [--actor TEXT]
                     [--violence TYPE ...] [--split DATE] [--json]

The store is $GAPWATCH_STORE (else the user data directory). Exit status 0 on success, 2 on
bad input (unreadable file, unknown dataset, bad date or width, bad limit variable), with one
line on stderr. The JSON shapes are documented in the README ("Command line").
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from gapwatch.incidents.analysis import DEFAULT_SPLIT, IncidentFilters, analyse, check_width
from gapwatch.incidents.importer import IncidentFileError
from gapwatch.incidents.lines import LineFileError
from gapwatch.incidents.store import BUNDLED_NAME, IncidentStore, StoreError

EXIT_OK = 0
EXIT_BAD_INPUT = 2
DEFAULT_WIDTH_KM = 10.0


class _BadInput(Exception):
    """Anything the user can fix: reported in one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _BadInput(message)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit status (the console script exits with it)."""
    try:
        args = _parser().parse_args(argv)
        store = IncidentStore()
        output: Any = args.run(store, args)
    except _BadInput as exc:
        return _fail(str(exc))
    except (IncidentFileError, StoreError, LineFileError) as exc:
        return _fail(str(exc))
    except ValueError as exc:  # a bad limit variable, width or date
        return _fail(str(exc))
    except OSError as exc:
        return _fail(f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": "))
    try:
        if isinstance(output, str):
            sys.stdout.write(output + "\n")
        else:
            json.dump(output, sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader stopped early (`gapwatch analyse --json | head`): not an error of ours.
        # Point stdout at /dev/null so Python's own flush at exit does not print a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return EXIT_OK


def _fail(message: str) -> int:
    one_line = " ".join(message.split())
    sys.stderr.write(f"gapwatch: error: {one_line}\n")
    return EXIT_BAD_INPUT


def _parser() -> _Parser:
    parser = _Parser(prog="gapwatch", description="Gap Watch incident data.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("import", help="import a UCDP GED or ACLED CSV export")
    p.add_argument("path", type=Path)
    p.add_argument("--name", help="dataset name (default: from the file name)")
    p.add_argument("--attribution", default="", help="credit shown with the data")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=_import)

    p = sub.add_parser("datasets", help="list the datasets")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=_datasets)

    p = sub.add_parser("remove", help="remove an imported dataset")
    p.add_argument("name")
    p.set_defaults(run=_remove)

    p = sub.add_parser("analyse", aliases=["analyze"], help="incidents in and around the band")
    p.add_argument("--dataset", default=BUNDLED_NAME)
    p.add_argument("--width", type=_number, default=DEFAULT_WIDTH_KM, help="band width, km")
    p.add_argument("--from", dest="date_from", type=_date)
    p.add_argument("--to", dest="date_to", type=_date)
    p.add_argument("--actor", default="", help="words in side A, side B or the dyad")
    p.add_argument("--violence", action="append", default=[], help="type of violence/event")
    p.add_argument("--split", type=_date, default=DEFAULT_SPLIT, help="before/after date")
    p.add_argument("--line", default="default", help="assumed line id")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=_analyse)
    return parser


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (use YYYY-MM-DD): {text[:40]!r}") from None


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text[:40]!r}") from None


def _import(store: IncidentStore, args: argparse.Namespace) -> Any:
    data = args.path.read_bytes()
    report = store.import_bytes(data, args.path.name, args.name, args.attribution)
    if args.json:
        return report.to_json()
    r = report.result
    lines = [
        f"{report.dataset.name}: {r.format}, {r.read:,} rows read, {r.imported:,} imported, "
        f"{r.merged:,} merged, {len(r.rejected):,} rejected"
        + (" (replaced the dataset of that name)" if report.replaced else "")
    ]
    lines += [f"  row {x.row}, {x.column or '-'}: {x.reason} [{x.value}]" for x in r.rejected]
    return "\n".join(lines)


def _datasets(store: IncidentStore, args: argparse.Namespace) -> Any:
    infos = store.datasets()
    if args.json:
        return [i.to_json() for i in infos]
    return "\n".join(
        f"{i.name}\t{i.format}\t{i.imported:,} events\t{i.first_date}..{i.last_date}\t"
        + ("bundled" if i.bundled else f"imported {i.imported_at} from {i.source_file}")
        for i in infos
    )


def _remove(store: IncidentStore, args: argparse.Namespace) -> Any:
    store.remove(args.name)
    return f"removed {args.name}"


def _analyse(store: IncidentStore, args: argparse.Namespace) -> Any:
    width = check_width(args.width)
    if args.date_from and args.date_to and args.date_from > args.date_to:
        raise _BadInput(f"--from {args.date_from} is after --to {args.date_to}")
    filters = IncidentFilters(
        date_from=args.date_from,
        date_to=args.date_to,
        text=" ".join(args.actor.split()),
        violence=tuple(sorted(set(args.violence))),
    )
    store.dataset(args.dataset)  # a clear error for an unknown name
    frame = store.incidents(args.dataset, args.line)
    result = analyse(
        frame,
        width,
        filters,
        args.split,
        line=store.line(args.line),
        dataset=args.dataset,
    )
    if args.json:
        return result.to_json()
    a = result
    out = [
        f"{a.dataset}: {a.events:,} events, band {a.width_km:g} km along line {a.line_id!r}",
        f"  inside:   {a.inside.exact:,} exact, {a.inside.approximate:,} approximate",
        f"  outside:  {a.outside.exact:,} exact, {a.outside.approximate:,} approximate",
        f"  unplaced: {a.unplaced:,} (location too coarse to place against the band)",
        f"  rate per 1,000 km²: band {a.rate.band_per_1000_km2:.2f}, "
        f"{a.rate.comparison.name.en} {a.rate.comparison_per_1000_km2:.2f}",
        f"  before {a.split_date}: {a.before.events:,} events; from it: {a.after.events:,}",
    ]
    out += [f"  note: {n}" for n in a.notes]
    return "\n".join(out)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
