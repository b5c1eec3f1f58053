"""Pure metric functions, one module per rule family."""
from .akip import BOBOT_AKIP, PREDIKAT_AKIP, label_predikat, nilai_akip, predikat_akip, rentang_predikat
from .anggaran import pagu_per_induk, ringkas
from .capaian import (KATEGORI_CAPAIAN, SKALA, SKALA_AKIP, CapaianError, capaian, capaian_kualitatif,
                      capaian_naik, capaian_turun, kategori_capaian)
from .efisiensi import efisiensi_selisih, efisiensi_sisa
from .ikm import MUTU_IKM, ikm_dari_responden, ikm_dari_unsur, mutu_ikm, mutu_nrr, nrr_dari_responden
from .koordinasi import koordinasi_per_program, koordinasi_per_sasaran
from .tren import arah, kebutuhan_per_tahun, laju_tahunan, progres_renstra

__all__ = [n for n in dir() if not n.startswith("_")]
