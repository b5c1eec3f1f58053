"""lkjip: the LKjIP (Laporan Kinerja Instansi Pemerintah) from data alone.

Layers: load -> validate -> compute -> present -> render -> CLI.
"""
__version__ = "0.1.0"
