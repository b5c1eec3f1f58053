"""Command line: ``lkjip check``, ``lkjip render``, ``lkjip preview``, ``lkjip batch``, ``lkjip kamus``,
``lkjip template``, ``lkjip import``, ``lkjip init``.

Exit codes: 0 fine (warnings allowed; ``lkjip preview`` stopped with Ctrl-C), 1 data errors, 2 usage
(``lkjip preview``: also a port that cannot be used), 3 render failure (``lkjip preview``: pandoc or
typst missing; errors after it started are shown in its page instead). A user's mistake never shows a
traceback unless ``--debug`` is given.
"""
from __future__ import annotations

import argparse
import re
import sys
import textwrap
import time
from pathlib import Path
from typing import Any, NoReturn

from . import __version__
from .errors import LkjipError, Temuan
from ._paths import ProjectPaths

ENGINES = ("pandoc", "quarto")  # lkjip.render.ENGINES, kept here so that the CLI starts without it

EPILOG_CHECK = "Contoh: lkjip check 2024\n        lkjip check 2024 --data /path/ke/data"
EPILOG_BATCH = ("Contoh: lkjip batch 2024 --unit unit/dinkes --unit unit/setda\n"
                "        lkjip batch 2023 2024 --jobs 2")
EPILOG_RENDER = "Contoh: lkjip render 2024\n        lkjip render 2024 --engine quarto"
EPILOG_PREVIEW = ("Contoh: lkjip preview 2024\n        lkjip preview 2024 --port 8000\n"
                  "Berhenti: Ctrl-C (kode keluar 0).")
DESC_PREVIEW = ("Membuat laporan sekali, lalu menyajikannya di peramban (alamat 127.0.0.1 dengan port bebas, "
                "dicetak) dan mengawasi data/TAHUN, notebooks/ dan templat. Setiap kali berkas disimpan, hanya "
                "bagian yang terdampak dijalankan ulang dan halaman dimuat ulang. Galat data tampil di halaman "
                "seperti keluaran 'lkjip check', di atas versi terakhir yang berhasil. PDF dibuat saat tautan "
                "PDF dibuka. Hasil pratinjau ditulis ke BUILD/TAHUN/pratinjau/, tidak pernah ke _output.")
# --- workbook commands (template, import, init) ---
EPILOG_TEMPLATE = ("Contoh: lkjip template 2025 --from 2024\n"
                   "        lkjip template 2024 --from 2024 --output isian-2024.xlsx")
EPILOG_IMPORT = ("Contoh: lkjip import isian-2025.xlsx --year 2025\n"
                 "        lkjip import isian-2024.xlsx --year 2024 --replace")
EPILOG_INIT = "Contoh: lkjip init 2025\n        lkjip init 2025 --from 2023"
DESC_TEMPLATE = ("Menulis buku kerja Excel (.xlsx) berisi petunjuk, sheet profil, satu sheet per tabel data dan sheet "
                 "narasi. Tanpa --from semua sheet kosong; dengan --from diisi dari data tahun itu (bila tahunnya "
                 "berbeda: seperti 'lkjip init', realisasi, pagu, nilai dan narasi dikosongkan).")
DESC_IMPORT = ("Membaca buku kerja dari 'lkjip template', memeriksanya seperti 'lkjip check' dan menyebut setiap "
               "masalah dengan nama sheet dan sel. Berkas data/TAHUN hanya ditulis bila tidak ada galat. Folder "
               "tahun yang sudah ada tidak diubah, kecuali dengan --replace: folder lama lalu dipindahkan ke "
               "DATA/.cadangan/TAHUN-N/ (N = 1, 2, ...).")
DESC_INIT = ("Membuat data/TAHUN dari tahun sebelumnya: profil, IKU, tujuan/sasaran, organisasi, dasar hukum, "
             "target Renstra dan pohon program disalin; realisasi, pagu, nilai IKM/AKIP, analisis dan narasi "
             "dikosongkan. Folder yang sudah ada tidak pernah diubah.")


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

    def __init__(self, **kwargs: Any) -> None:
        kwargs["formatter_class"] = _Formatter
        add_help = kwargs.pop("add_help", True)
        super().__init__(add_help=False, **kwargs)
        self._positionals.title = "argumen"
        self._optionals.title = "opsi"
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                              help="tampilkan bantuan ini lalu keluar")

    def error(self, message: str) -> NoReturn:  # argparse's own errors -> exit 2, in Indonesian
        self.print_usage(sys.stderr)
        for english, indonesian in _ARGPARSE_MESSAGES:
            message = re.sub(english, indonesian, message)
        print(f"lkjip: kesalahan penggunaan: {message}", file=sys.stderr)
        raise SystemExit(2)


def _tahun(text: str) -> int:
    """A year argument: four digits inside the range lkjip accepts in data (usage error otherwise)."""
    from ._inputs import YEAR_MAX, YEAR_MIN

    if not re.fullmatch(r"\d{4}", text.strip()) or not YEAR_MIN <= int(text) <= YEAR_MAX:
        raise argparse.ArgumentTypeError(f"tahun tidak sah: '{text}' (empat angka, {YEAR_MIN}-{YEAR_MAX})")
    return int(text)


def _jobs(text: str) -> int:
    if not text.strip().isdigit() or not 1 <= int(text) <= 256:
        raise argparse.ArgumentTypeError(f"jumlah tidak sah: '{text}' (bilangan bulat 1-256)")
    return int(text)


def _port(text: str) -> int:
    if not text.strip().isdigit() or not 0 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"port tidak sah: '{text}' (bilangan bulat 0-65535; 0 = port bebas)")
    return int(text)


def _common(p: argparse.ArgumentParser, default: object) -> None:
    """Options accepted before or after the sub-command."""
    kw: dict[str, Any] = {"default": default} if default is argparse.SUPPRESS else {}
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
    c.add_argument("tahun", type=_tahun, help="tahun laporan, mis. 2024")
    r = sub.add_parser("render", help="buat laporan HTML dan PDF", epilog=EPILOG_RENDER, parents=[common],
                       description="Memeriksa data, menjalankan notebook tiap bab, lalu membuat HTML dan PDF.",
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    r.add_argument("tahun", type=_tahun, help="tahun laporan, mis. 2024")
    r.add_argument("--engine", choices=ENGINES, default="pandoc",
                   help="mesin render: pandoc + typst (bawaan, terpasang bersama lkjip) atau quarto (perlu "
                        "Quarto di PATH; templat dan gaya yang sama)")
    r.add_argument("--output", help="folder keluaran (bawaan: ROOT/_output)")
    r.add_argument("--build", help="folder kerja sementara (bawaan: ROOT/_build)")
    r.add_argument("--jobs", "-j", type=_jobs, default=None, metavar="N",
                   help="jumlah bab yang dijalankan bersamaan, masing-masing dengan kernel Jupyter (bawaan: 1, "
                        "semua bab dalam satu proses: pustaka dimuat dan data dihitung sekali)")
    r.add_argument("--no-cache", dest="cache", action="store_false",
                   help="jalankan ulang semua bab walaupun datanya tidak berubah")
    r.add_argument("--html-mandiri", dest="mandiri", action="store_true",
                   help="juga tulis lkjip-TAHUN-mandiri.html: satu berkas dengan gambar di dalamnya, untuk e-mail")
    v = sub.add_parser("preview", help="pratinjau langsung di peramban, diperbarui setiap berkas disimpan",
                       parents=[common], epilog=EPILOG_PREVIEW, formatter_class=argparse.RawDescriptionHelpFormatter,
                       description=textwrap.fill(DESC_PREVIEW))
    v.add_argument("tahun", type=_tahun, help="tahun laporan, mis. 2024")
    v.add_argument("--port", type=_port, default=0, metavar="N",
                   help="port di 127.0.0.1 (bawaan: port bebas, dicetak saat mulai)")
    v.add_argument("--build", help="folder kerja sementara (bawaan: ROOT/_build)")
    b = sub.add_parser("batch", help="buat laporan banyak unit dan/atau tahun sekaligus", parents=[common],
                       epilog=EPILOG_BATCH, formatter_class=argparse.RawDescriptionHelpFormatter,
                       description="Membuat laporan untuk setiap pasangan (unit, tahun) dengan beberapa proses "
                                   "sekaligus. Satu laporan yang gagal tidak menghentikan yang lain; ringkasan "
                                   "ditampilkan di akhir.")
    b.add_argument("tahun", type=_tahun, nargs="+", help="tahun laporan, satu atau lebih")
    b.add_argument("--unit", action="append", default=[], metavar="FOLDER",
                   help="folder data satu unit (berisi subfolder per tahun); boleh diulang. Bawaan: folder data "
                        "proyek")
    b.add_argument("--engine", choices=ENGINES, default="pandoc", help="mesin render (bawaan: pandoc)")
    b.add_argument("--output", help="folder keluaran (bawaan: ROOT/_output; per unit: OUTPUT/<unit>/<tahun>)")
    b.add_argument("--build", help="folder kerja sementara (bawaan: ROOT/_build)")
    b.add_argument("--jobs", "-j", type=_jobs, default=None, metavar="N",
                   help="jumlah laporan yang dibuat bersamaan (bawaan: jumlah inti prosesor)")
    k = sub.add_parser("kamus", help="tulis kamus data (docs/data-dictionary.md)", parents=[common],
                       epilog="Contoh: lkjip kamus\n        lkjip kamus --stdout > kamus.md",
                       description="Menulis kamus data dari skema berkas masukan.")
    k.add_argument("--stdout", action="store_true", help="cetak ke layar, jangan tulis berkas")
    _add_workbook_commands(sub, common)
    return p


def _add_workbook_commands(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Parsers of ``lkjip template``, ``lkjip import`` and ``lkjip init``."""
    fmt = argparse.RawDescriptionHelpFormatter
    wrap = textwrap.fill
    t = sub.add_parser("template", help="buat buku kerja Excel untuk mengisi data satu tahun", parents=[common],
                       epilog=EPILOG_TEMPLATE, formatter_class=fmt,
                       description=wrap(DESC_TEMPLATE))
    t.add_argument("tahun", type=_tahun, help="tahun laporan, mis. 2025")
    t.add_argument("--from", dest="dari", type=_tahun, metavar="TAHUN", help="isi dari data tahun ini, mis. 2024")
    t.add_argument("--output", dest="keluaran", metavar="BERKAS",
                   help="berkas .xlsx yang ditulis (bawaan: ROOT/_output/lkjip-TAHUN-template.xlsx)")
    i = sub.add_parser("import", help="impor buku kerja Excel yang sudah diisi ke data/TAHUN", parents=[common],
                       epilog=EPILOG_IMPORT, formatter_class=fmt,
                       description=wrap(DESC_IMPORT))
    i.add_argument("buku_kerja", metavar="BUKU_KERJA", help="berkas .xlsx yang sudah diisi")
    i.add_argument("--year", "--tahun", dest="tahun", type=_tahun, required=True, metavar="TAHUN",
                   help="tahun data yang diimpor, mis. 2025")
    i.add_argument("--replace", action="store_true",
                   help="ganti folder tahun yang sudah ada (folder lama disimpan di DATA/.cadangan/TAHUN-N/)")
    n = sub.add_parser("init", help="mulai tahun baru dari data tahun sebelumnya", parents=[common],
                       epilog=EPILOG_INIT, formatter_class=fmt,
                       description=wrap(DESC_INIT))
    n.add_argument("tahun", type=_tahun, help="tahun baru, mis. 2025")
    n.add_argument("--from", dest="dari", type=_tahun, metavar="TAHUN", help="tahun sumber (bawaan: TAHUN-1)")


def _print_findings(found: list[Temuan], quiet: bool) -> None:
    for t in found:
        if t.galat or not quiet:
            print(t.format(), file=sys.stderr if t.galat else sys.stdout)


def cmd_check(args: argparse.Namespace, paths: ProjectPaths) -> int:
    from .report import check_summary, check_year

    _, found = check_year(args.tahun, paths)
    _print_findings(found, args.quiet)
    if not args.quiet:  # with the findings: the text of report.check_report (the live preview shows it)
        print("\n" + "\n\n".join(check_summary(found, paths.year_data(args.tahun))))
    return 1 if any(t.galat for t in found) else 0


def cmd_render(args: argparse.Namespace, paths: ProjectPaths) -> int:
    from .report import render_year

    start = time.monotonic()
    result = render_year(args.tahun, paths, engine=args.engine, quiet=args.quiet, jobs=args.jobs,
                         cache=args.cache, self_contained=args.mandiri)
    if not args.quiet:
        status = " (tidak berubah sejak render terakhir)" if result.reused_output else ""
        folder = result.html.parent
        print(f"\nLaporan ditulis{status}: {result.html}\n                 {result.pdf}\n"
              f"Data tiap tabel dan data terbuka: {folder / 'data'}\n"
              f"Data masukan: {paths.year_data(args.tahun)} ({result.warnings} peringatan"
              + (", DRAF: ada isian yang BELUM DIISI" if result.draft else "") + ")\n"
              f"Bab dijalankan: {result.executed_count} dari {len(result.notebooks)}"
              + (" (sisanya dari cache)" if result.executed_count < len(result.notebooks) else "") + ". "
              f"Mesin: {result.engine}. Waktu: {time.monotonic() - start:.1f} detik.")
    return 0


def cmd_preview(args: argparse.Namespace, paths: ProjectPaths) -> int:
    try:
        from .preview import preview
    except KeyboardInterrupt:  # Ctrl-C while it starts: stopped as when it runs
        print("Pratinjau dihentikan.", flush=True)
        return 0
    return preview(args.tahun, paths, port=args.port, debug=args.debug, quiet=args.quiet)


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


def cmd_template(args: argparse.Namespace, paths: ProjectPaths) -> int:
    from .workbook import write_template

    result = write_template(paths, args.tahun, source_year=args.dari,
                            output=Path(args.keluaran) if args.keluaran else None)
    if not args.quiet:
        for note in result.notes:
            print(f"Catatan: {note}")
        print(f"Templat ditulis: {result.path}\nSetelah diisi: lkjip import {result.path.name} --year {args.tahun}")
    return 0


def cmd_import(args: argparse.Namespace, paths: ProjectPaths) -> int:
    from .errors import DataError
    from .workbook import import_workbook

    result = import_workbook(Path(args.buku_kerja), paths, args.tahun, replace=args.replace)
    for m in result.masalah:
        if m.galat or not args.quiet:
            print(m.format(result.peta), file=sys.stderr if m.galat else sys.stdout)
    errors = len(result.galat)
    warnings = len(result.masalah) - errors
    if result.folder is None:
        kept = "tidak diubah" if result.target.exists() else "tidak dibuat"
        raise DataError(f"Impor dibatalkan: {errors} galat, {warnings} peringatan; {result.target} {kept}. "
                        "Perbaiki sel yang disebut di atas lalu impor lagi.")
    if not args.quiet:
        print(f"\nData {args.tahun} ditulis: {result.folder} ({warnings} peringatan).")
        if result.backup:
            print(f"Data lama disimpan di: {result.backup}")
        print(f"Langkah berikut: lkjip check {args.tahun}, lalu lkjip render {args.tahun}")
    return 0


def cmd_init(args: argparse.Namespace, paths: ProjectPaths) -> int:
    from .workbook import emptied_summary, init_year

    result = init_year(paths, args.tahun, args.dari)
    if not args.quiet:
        for note in result.notes:
            print(f"Catatan: {note}")
        print(f"Tahun {args.tahun} dibuat dari {result.source}: {result.folder}\nDikosongkan (isi sebelum laporan "
              "final):")
        for line in emptied_summary():
            print(f"  {line}")
        print(f"Disalin apa adanya, periksa bila berubah: pegawai.csv, target kegiatan/subkegiatan, rkt.csv, "
              f"tim_penyusun.csv, profil.yaml.\nLangkah berikut: lkjip check {args.tahun} (daftar yang belum "
              f"diisi); isi di Excel: lkjip template {args.tahun} --from {args.tahun}; lkjip render {args.tahun} "
              "membuat DRAF dengan tanda BELUM DIISI.")
    return 0


def main(argv: list[str] | None = None) -> int:
    import warnings

    # a hand-edited notebook whose cells lost their ids still runs (nbformat gives them ids when it
    # writes); its warning, printed for every read, says nothing an analyst can act on
    warnings.filterwarnings("ignore", message="Cell is missing an id field")
    args = _parser().parse_args(argv)
    if not args.perintah:
        _parser().print_help()
        return 2
    try:
        paths = ProjectPaths.discover(args.root, data_root=args.data, output_root=getattr(args, "output", None),
                                      build_root=getattr(args, "build", None))
        return {"check": cmd_check, "render": cmd_render, "kamus": cmd_kamus,
                "batch": cmd_batch, "template": cmd_template, "import": cmd_import,
                "init": cmd_init, "preview": cmd_preview}[args.perintah](args, paths)
    except LkjipError as exc:
        if args.debug:
            raise
        print(f"lkjip: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("lkjip: dibatalkan.", file=sys.stderr)
        return 130
    except OSError as exc:  # read-only or full disk, a folder in the way: the environment, not a bug
        if args.debug:
            raise
        where = exc.filename or "berkas"
        print(f"lkjip: gagal membaca/menulis {where} ({exc.strerror or exc}). Periksa izin tulis, ruang disk dan "
              "path; data dan laporan sebelumnya tidak diubah.", file=sys.stderr)
        return 3
    except Exception as exc:  # a bug, not a user mistake: say so briefly, details with --debug
        if args.debug:
            raise
        print(f"lkjip: kesalahan internal ({type(exc).__name__}: {exc}). Jalankan lagi dengan --debug untuk "
              "detail dan laporkan sebagai bug.", file=sys.stderr)
        return 1


def run() -> None:
    """The ``lkjip`` command: :func:`main`, then leave without tearing the interpreter down (freeing
    every module and object of a render costs about 0.3 s and changes nothing): output is flushed and
    exit handlers run first."""
    import atexit
    import os

    try:
        code = main()
    except SystemExit as exc:  # argparse: --help, usage errors
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
        if exc.code is not None and not isinstance(exc.code, int):
            print(exc.code, file=sys.stderr)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing more to say
            pass
    atexit._run_exitfuncs()
    os._exit(code)


if __name__ == "__main__":
    run()
