"""What a unit works on, read from words of its name: the field its officials' degrees come
from, and the names of its Bidang (in a Dinas or Badan) and Subbagian (in a Bagian)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    words: tuple[str, ...]
    field: str
    bidang: tuple[str, ...]
    subbagian: tuple[str, ...]


# First match wins, so the more specific words come first.
TOPICS = (
    Topic(("rumah sakit", "rsud"), "health", ("Pelayanan Medik",), ("Tata Usaha",)),
    Topic(
        ("kesehatan",),
        "health",
        ("Pelayanan Kesehatan", "Kesehatan Masyarakat", "Pencegahan dan Pengendalian Penyakit"),
        ("Tata Usaha",),
    ),
    Topic(
        ("hukum",),
        "law",
        ("Hukum",),
        ("Perundang-undangan", "Bantuan Hukum dan Hak Asasi Manusia"),
    ),
    Topic(
        ("perencanaan", "penelitian"),
        "finance",
        ("Perencanaan Makro dan Evaluasi", "Penelitian dan Pengembangan"),
        ("Penyusunan Program",),
    ),
    Topic(
        ("keuangan", "pendapatan", "aset", "statistik"),
        "finance",
        ("Anggaran", "Perbendaharaan", "Akuntansi dan Pelaporan"),
        ("Perbendaharaan", "Akuntansi dan Pelaporan"),
    ),
    Topic(
        ("perhubungan",),
        "works",
        ("Lalu Lintas dan Angkutan", "Prasarana Transportasi"),
        (),
    ),
    Topic(("perumahan", "permukiman"), "works", ("Perumahan", "Kawasan Permukiman"), ()),
    Topic(
        ("energi", "sumber daya mineral"),
        "works",
        ("Energi dan Ketenagalistrikan", "Pertambangan"),
        (),
    ),
    Topic(
        ("pekerjaan umum", "tata ruang"),
        "works",
        ("Bina Marga", "Cipta Karya", "Penataan Ruang"),
        (),
    ),
    Topic(
        ("penanaman modal", "perizinan"),
        "finance",
        ("Pelayanan Perizinan", "Promosi Penanaman Modal"),
        (),
    ),
    Topic(
        ("koperasi", "perdagangan", "perindustrian"),
        "finance",
        ("Perdagangan", "Koperasi dan Usaha Mikro"),
        (),
    ),
    Topic(("inspektorat",), "finance", (), ()),
    Topic(
        ("pertanian", "pangan", "peternakan"),
        "agriculture",
        ("Tanaman Pangan dan Hortikultura", "Penyuluhan"),
        (),
    ),
    Topic(("perkebunan",), "agriculture", ("Produksi Perkebunan", "Penyuluhan"), ()),
    Topic(
        ("perikanan", "kelautan"),
        "agriculture",
        ("Perikanan Tangkap", "Perikanan Budidaya"),
        (),
    ),
    Topic(("lingkungan", "kehutanan"), "agriculture", ("Pengendalian Pencemaran",), ()),
    Topic(
        ("kepegawaian", "sumber daya manusia"),
        "government",
        ("Mutasi dan Promosi", "Pengembangan Kompetensi"),
        (),
    ),
    Topic(
        ("pendidikan", "kebudayaan"),
        "education",
        ("Pembinaan Sekolah Dasar", "Kebudayaan"),
        (),
    ),
    Topic(
        ("komunikasi", "informatika", "informasi", "persandian", "hubungan masyarakat"),
        "ict",
        ("Aplikasi Informatika", "Informasi dan Komunikasi Publik"),
        ("Publikasi", "Dokumentasi dan Informasi Publik"),
    ),
    Topic(
        ("protokol",),
        "government",
        (),
        ("Protokol", "Komunikasi Pimpinan"),
    ),
    Topic(
        ("organisasi",),
        "government",
        (),
        ("Kelembagaan dan Analisis Jabatan", "Reformasi Birokrasi dan Akuntabilitas Kinerja"),
    ),
    Topic(
        ("pengadaan", "kerjasama"),
        "finance",
        (),
        ("Pengelolaan Pengadaan Barang/Jasa", "Pembinaan dan Advokasi Pengadaan"),
    ),
    Topic(
        ("perekonomian", "sumber daya alam"),
        "finance",
        (),
        ("Perekonomian", "Sumber Daya Alam"),
    ),
    Topic(
        ("pembangunan",),
        "finance",
        (),
        ("Pengendalian Pembangunan", "Penyusunan Program"),
    ),
    Topic(
        ("kesejahteraan", "kesos", "sosial"),
        "government",
        ("Rehabilitasi Sosial", "Perlindungan dan Jaminan Sosial"),
        ("Bina Mental Spiritual", "Kesejahteraan Sosial"),
    ),
    Topic(
        ("pemerintahan",),
        "government",
        (),
        ("Otonomi Daerah", "Administrasi Kewilayahan"),
    ),
    Topic(("umum", "perlengkapan"), "government", (), ("Tata Usaha Pimpinan", "Rumah Tangga")),
)
GENERAL = Topic((), "government", (), ())


def topic_of(name: str) -> Topic:
    lowered = " ".join(name.lower().split())
    for topic in TOPICS:
        if any(word in lowered for word in topic.words):
            return topic
    return GENERAL


FALLBACK_BIDANG = ("Program dan Pelaporan", "Pengendalian dan Evaluasi")
FALLBACK_SUBBAGIAN = ("Program dan Pelaporan", "Tata Usaha")


def bidang_of(name: str) -> tuple[str, str]:
    """Two Bidang of a Dinas or Badan, its own first."""
    return _two(topic_of(name).bidang, FALLBACK_BIDANG)


def subbagian_of(name: str) -> tuple[str, str]:
    """Two Subbagian of a Bagian, its own first."""
    return _two(topic_of(name).subbagian, FALLBACK_SUBBAGIAN)


def _two(own: tuple[str, ...], fallback: tuple[str, ...]) -> tuple[str, str]:
    names = list(dict.fromkeys((*own, *fallback)))
    return names[0], names[1]
