"""Command line: ``lkjip check``, ``lkjip render``, ``lkjip kamus``.

Exit codes: 0 fine (warnings allowed), 1 data errors, 2 usage, 3 render failure. A user's mistake
never shows a traceback unless ``--debug`` is given.
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

from . import __version__
from .errors import LkjipError, Temuan, UsageError
from ._paths import ProjectPaths

EPILOG_CHECK = "Contoh: lkjip check 2024\n        lkjip check 2024 --data /path/ke/data"
EPILOG_BATCH = ("Contoh: lkjip batch 2024 --unit unit/dinkes --unit unit/setda\n"
                "        lkjip batch 2023 2024 --jobs 2")
EPILOG_RENDER = "Contoh: lkjip render 2024\n        lkjip render 2024 --engine pandoc"


_ARGPARSE_MESSAGES = (
    (r"the following arguments are required: ", "argumen wajib belum diberikan: "),
    (r"unrecognized arguments: ", "argumen tidak dikenal: "),
    (r"invalid choice: (.*) \(choose from (.*)\)", r"pilihan tidak dikenal: \1 (pilih salah satu: \2)"),
    (r"invalid int value: ", "bukan bilangan bulat: "),
    (r"expected one argument", "perlu satu nilai"),
    (r"^argument ", "argumen "),
)


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """argparse's help layout with Indonesian headings."""

    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        return super().add_usage(usage, actions, groups, "penggunaan: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse in Bahasa Indonesia: headings, the -h option and usage errors (exit 2)."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        kwargs["formatter_class"] = _Formatter
        add_help = kwargs.pop("add_help", True)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = "argumen"
        self._optionals.title = "opsi"
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                              help="tampilkan bantuan ini lalu keluar")

    def error(self, message: str) -> None:  # argparse's own errors -> exit 2, in Indonesian
        self.print_usage(sys.stderr)
        for english, indonesian in _ARGPARSE_MESSAGES:
            message = re.sub(english, indonesian, message)
        print(f"lkjip: kesalahan penggunaan: {message}", file=sys.stderr)
        raise SystemExit(2)


def _common(p: argparse.ArgumentParser, default: object) -> None:
    """Options accepted before or after the sub-command."""
    kw = {"default": default} if default is argparse.SUPPRESS else {}
    p.add_argument("--root", help="folder proyek (bawaan: dicari dari folder kerja)", **kw)
    p.add_argument("--data", help="folder data yang berisi subfolder per tahun (bawaan: ROOT/data)", **kw)
    p.add_argument("--debug", action="store_true", help="tampilkan traceback Python bila terjadi kesalahan", **kw)
    p.add_argument("--quiet", "-q", action="store_true", help="hanya tampilkan galat", **kw)


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="lkjip", description="LKjIP dari data: periksa data tahunan dan buat laporan HTML + PDF.",
                formatter_class=argparse.RawDescriptionHelpFormatter,
                epilog="Kode keluar: 0 berhasil, 1 galat data, 2 kesalahan penggunaan, 3 gagal membuat laporan.")
    p.add_argument("--version", action="version", version=f"lkjip {__version__}",
                   help="tampilkan versi lkjip lalu keluar")
    _common(p, None)
    common = _Parser(add_help=False)
    _common(common, argparse.SUPPRESS)
    sub = p.add_subparsers(dest="perintah", metavar="PERINTAH", parser_class=_Parser)
    c = sub.add_parser("check", help="periksa data satu tahun", epilog=EPILOG_CHECK, parents=[common],
                       description="Memeriksa semua berkas data/TAHUN dan menampilkan setiap galat dan peringatan.",
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    c.add_argument("tahun", type=int, help="tahun laporan, mis. 2024")
    r = sub.add_parser("render", help="buat laporan HTML dan PDF", epilog=EPILOG_RENDER, parents=[common],
                       description="Memeriksa data, menjalankan notebook tiap bab, lalu membuat HTML dan PDF.",
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    r.add_argument("tahun", type=int, help="tahun laporan, mis. 2024")
    r.add_argument("--engine", choices=("auto", "quarto", "pandoc"), default="auto",
                   help="mesin render: quarto bila tersedia, selain itu pandoc + typst (bawaan: auto)")
    r.add_argument("--output", help="folder keluaran (bawaan: ROOT/_output)")
    r.add_argument("--build", help="folder kerja sementara (bawaan: ROOT/_build)")
    r.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
                   help="jumlah bab yang dijalankan bersamaan (bawaan: jumlah inti prosesor)")
    r.add_argument("--no-cache", dest="cache", action="store_false",
                   help="jalankan ulang semua bab walaupun datanya tidak berubah")
    b = sub.add_parser("batch", help="buat laporan banyak unit dan/atau tahun sekaligus", parents=[common],
                       epilog=EPILOG_BATCH, formatter_class=argparse.RawDescriptionHelpFormatter,
                       description="Membuat laporan untuk setiap pasangan (unit, tahun) dengan beberapa proses "
                                   "sekaligus. Satu laporan yang gagal tidak menghentikan yang lain; ringkasan "
                                   "ditampilkan di akhir.")
    b.add_argument("tahun", type=int, nargs="+", help="tahun laporan, satu atau lebih")
    b.add_argument("--unit", action="append", default=[], metavar="FOLDER",
                   help="folder data satu unit (berisi subfolder per tahun); boleh diulang. Bawaan: folder data "
                        "proyek")
    b.add_argument("--engine", choices=("auto", "quarto", "pandoc"), default="auto", help="mesin render")
    b.add_argument("--output", help="folder keluaran (bawaan: ROOT/_output; per unit: OUTPUT/<unit>/<tahun>)")
    b.add_argument("--build", help="folder kerja sementara (bawaan: ROOT/_build)")
    b.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
                   help="jumlah laporan yang dibuat bersamaan (bawaan: jumlah inti prosesor)")
    k = sub.add_parser("kamus", help="tulis kamus data (docs/data-dictionary.md)", parents=[common],
                       description="Menulis kamus data dari skema berkas masukan.")
    k.add_argument("--stdout", action="store_true", help="cetak ke layar, jangan tulis berkas")
    return p


def _print_findings(found: list[Temuan], quiet: bool) -> None:
    for t in found:
        if t.galat or not quiet:
            print(t.format(), file=sys.stderr if t.galat else sys.stdout)


def cmd_check(args: argparse.Namespace, paths: ProjectPaths) -> int:
    from .load import load_year
    from .validate import validate

    folder = paths.year_data(args.tahun)
    data = load_year(folder)
    found = validate(data)
    if data.profil.get("tahun") not in (None, args.tahun):
        found.insert(0, Temuan("galat", "tahun", "profil.yaml", "Tahun di profil tidak sama dengan folder.",
                               kolom="tahun", nilai=str(data.profil.get("tahun")), harapan=str(args.tahun)))
    _print_findings(found, args.quiet)
    errors = sum(t.galat for t in found)
    warnings = len(found) - errors
    if not args.quiet:
        todo: dict[str, int] = {}
        for t in found:
            if t.aturan in ("belum-diisi", "narasi-hilang", "narasi-kosong"):
                key = "narasi/" if t.berkas.startswith("narasi/") else t.berkas
                todo[key] = todo.get(key, 0) + 1
        if todo:
            print("\nBelum diisi: " + ", ".join(f"{k} ({n})" for k, n in todo.items())
                  + ". Laporan tetap dapat dibuat sebagai DRAF; isian kosong ditandai BELUM DIISI.")
        print(f"\nRingkasan {folder}: {errors} galat, {warnings} peringatan.")
    return 1 if errors else 0


def cmd_render(args: argparse.Namespace, paths: ProjectPaths) -> int:
    from .report import render_year

    start = time.monotonic()
    result = render_year(args.tahun, paths, engine=args.engine, quiet=args.quiet, jobs=args.jobs,
                         cache=args.cache)
    if not args.quiet:
        status = " (tidak berubah sejak render terakhir)" if result.reused_output else ""
        print(f"Laporan ditulis{status}: {result.html}\n                 {result.pdf}\n"
              f"Bab dijalankan: {result.executed_count} dari {len(result.notebooks)} (sisanya dari cache). "
              f"Mesin: {result.engine}. Waktu: {time.monotonic() - start:.1f} detik.")
    return 0


def cmd_batch(args: argparse.Namespace, paths: ProjectPaths) -> int:
    import os

    from .batch import plan, run_batch, summary

    start = time.monotonic()
    jobs_list = plan(paths, args.tahun, [Path(u) for u in args.unit])
    workers = args.jobs or max(1, min(len(jobs_list), os.cpu_count() or 1))

    def done(outcome, i: int, n: int) -> None:
        if not args.quiet:
            state = "berhasil" if outcome.ok else "GAGAL"
            print(f"[{i}/{n}] {outcome.job.unit} {outcome.job.year}: {state}", file=sys.stderr, flush=True)

    outcomes = run_batch(paths, jobs_list, engine=args.engine, jobs=workers, done=done)
    text = summary(outcomes, time.monotonic() - start)
    failed = [o for o in outcomes if not o.ok]
    if not args.quiet or failed:
        print(text)
    return max((o.exit_code or 1 for o in failed), default=0)


def cmd_kamus(args: argparse.Namespace, paths: ProjectPaths) -> int:
    from .dictionary import render_dictionary

    text = render_dictionary()
    if args.stdout:
        print(text)
    else:
        target = paths.root / "docs" / "data-dictionary.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        print(f"Kamus data ditulis: {target}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if not args.perintah:
        _parser().print_help()
        return 2
    try:
        paths = ProjectPaths.discover(args.root, data_root=args.data, output_root=getattr(args, "output", None),
                                      build_root=getattr(args, "build", None))
        return {"check": cmd_check, "render": cmd_render, "kamus": cmd_kamus,
                "batch": cmd_batch}[args.perintah](args, paths)
    except LkjipError as exc:
        if args.debug:
            raise
        print(f"lkjip: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("lkjip: dibatalkan.", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug, not a user mistake: say so briefly, details with --debug
        if args.debug:
            raise
        print(f"lkjip: kesalahan internal ({type(exc).__name__}: {exc}). Jalankan lagi dengan --debug untuk "
              "detail dan laporkan sebagai bug.", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
