"""The API lists each Asisten's units as the listing article of the seed text prints them."""

from __future__ import annotations

import re

import pytest

# Expected values are transcribed from the seed texts (/work/shared/seeds/), not from the packs.
# Unit names follow docs/region-pack.md: the item's words without list numbering and without the
# list's trailing punctuation ("; dan", ";", ".", ","), otherwise verbatim, typos included.

# Kota Bukittinggi, Perwal 4/2017, Pasal 12 huruf a, b, c.
BUKITTINGGI_ASSISTANTS = {
    "Pasal 12 huruf a": "Asisten pemerintahan dan kesejahteraan rakyat",
    "Pasal 12 huruf b": "Asisten ekonomi dan pembangunan",
    "Pasal 12 huruf c": "Asisten administrasi umum",
}
BUKITTINGGI_UNITS = {
    "Pasal 12 huruf a": [
        ("Dinas pendidikan dan kebudayaan", "Pasal 12 huruf a angka 1"),
        ("Dinas pariwisata, pemuda dan olahraga", "Pasal 12 huruf a angka 2"),
        ("Dinas kebakaran", "Pasal 12 huruf a angka 3"),
        ("Dinas kesehatan", "Pasal 12 huruf a angka 4"),
        ("Dinas sosial", "Pasal 12 huruf a angka 5"),
        ("Dinas satuan polisi pamong praja", "Pasal 12 huruf a angka 6"),
        ("Dinas Kependudukan dan pencatatan sipil", "Pasal 12 huruf a angka 7"),
        ("Dinas perpustakaan dan kearsipan", "Pasal 12 huruf a angka 8"),
        (
            "Dinas pemberdayaan perempuan dan perlindungan anak, pengendalian penduduk dan"
            " keluarga",
            "Pasal 12 huruf a angka 9",
        ),
        ("Dinas lingkungan hidup", "Pasal 12 huruf a angka 10"),
        ("Dinas pertanian dan pangan", "Pasal 12 huruf a angka 11"),
        ("Kecamatan", "Pasal 12 huruf a angka 12"),
        ("Sekretariat dewan perwakilan rakyat daerah", "Pasal 12 huruf a angka 13"),
        ("Bagian pemerintahan", "Pasal 12 huruf a angka 14"),
        ("Bagian kesejahteraan rakyat dan kemasyarakatan", "Pasal 12 huruf a angka 15"),
        ("Bagian hukum dan hak asasi manusia", "Pasal 12 huruf a angka 16"),
        ("Kantor kejaksaan tinggi", "Pasal 12 huruf a angka 17"),
        ("Kantor pengadilan negeri", "Pasal 12 huruf a angka 18"),
        ("Kantor badan pertanahan nasional", "Pasal 12 huruf a angka 19"),
        ("Kantor imigrasi", "Pasal 12 huruf a angka 20"),
        ("Polres", "Pasal 12 huruf a angka 21"),
        ("Kodim", "Pasal 12 huruf a angka 22"),
        ("Badan penanggulanggan bencana daerah", "Pasal 12 huruf a angka 23"),
        ("Kantor kesatuan bangsa dan politik", "Pasal 12 huruf a angka 24"),
    ],
    "Pasal 12 huruf b": [
        (
            "Dinas penanaman modal, pelayanan terpadu satu pintu, perindustrian dan tenaga kerja",
            "Pasal 12 huruf b angka 1",
        ),
        ("Dinas koperasi, usaha kecil dan menengah dan perdagangan", "Pasal 12 huruf b angka 2"),
        ("Dinas perumahan dan Kawasan permukiman", "Pasal 12 huruf b angka 3"),
        ("Dinas pekerjaan umum dan Penataan ruang", "Pasal 12 huruf b angka 4"),
        ("Dinas perhubungan", "Pasal 12 huruf b angka 5"),
        ("Dinas komunikasi dan informasi", "Pasal 12 huruf b angka 6"),
        ("Badan perencanaan, penelitian dan pengembangan", "Pasal 12 huruf b angka 7"),
        ("Bagian pembangunan", "Pasal 12 huruf b angka 8"),
        ("Bagian perekonomian", "Pasal 12 huruf b angka 9"),
        ("Bagian hubungan masyarakat", "Pasal 12 huruf b angka 10"),
        ("Kantor kementerian agama", "Pasal 12 huruf b angka 11"),
        ("Badan usaha milik daerah", "Pasal 12 huruf b angka 12"),
        ("Rumah sakit", "Pasal 12 huruf b angka 13"),
        (
            "Perguruan tinggi negeri/ perguruan tinggi swasta/koordinasi perguruan tinggi swasta",
            "Pasal 12 huruf b angka 14",
        ),
    ],
    "Pasal 12 huruf c": [
        ("Inspektorat", "Pasal 12 huruf c angka 1"),
        ("Badan keuangan", "Pasal 12 huruf c angka 2"),
        ("Badan kepegawaiandan pengembangan sumber daya manusia", "Pasal 12 huruf c angka 3"),
        ("Bagiann umum dan perlengkapan", "Pasal 12 huruf c angka 4"),
        ("Bagian keuangan", "Pasal 12 huruf c angka 5"),
        ("Bagian organisasi", "Pasal 12 huruf c angka 6"),
    ],
}

# Kabupaten Pasaman Barat, Perbup 49/2017, Pasal 12 huruf a, b, c. Huruf b ends with angka 19
# "rumah sakit; dan" and nothing after it; huruf c angka 8 repeats huruf b angka 1.
PASAMAN_BARAT_ASSISTANTS = {
    "Pasal 12 huruf a": "Asisten pemerintahan",
    "Pasal 12 huruf b": "Asisten Perekonomian dan pembangunan",
    "Pasal 12 huruf c": "Asisten Administrasi Umum",
}
PASAMAN_BARAT_UNITS = {
    "Pasal 12 huruf a": [
        ("dinas pemuda dan olahraga", "Pasal 12 huruf a angka 1"),
        ("dinassosial", "Pasal 12 huruf a angka 2"),
        ("dinas satuan polisi pamong praja", "Pasal 12 huruf a angka 3"),
        ("dinas kependudukan dan pencatatan sipil", "Pasal 12 huruf a angka 4"),
        ("dinas perhubungan", "Pasal 12 huruf a angka 5"),
        ("dinas tenaga kerja", "Pasal 12 huruf a angka 6"),
        ("dinaskomunikasi dan informasi", "Pasal 12 huruf a angka 7"),
        ("kecamatan", "Pasal 12 huruf a angka 8"),
        ("sekretariat DPRD", "Pasal 12 huruf a angka 9"),
        ("bagian pemerintahan", "Pasal 12 huruf a angka 10"),
        ("bagian pemerintahan nagari", "Pasal 12 huruf a angka 11"),
        ("bagian hukum", "Pasal 12 huruf a angka 12"),
        ("kejaksaan negeri", "Pasal 12 huruf a angka 13"),
        ("pengadilan negeri", "Pasal 12 huruf a angka 14"),
        ("kantor badan pertanahan nasional", "Pasal 12 huruf a angka 15"),
        ("kepolisian resor", "Pasal 12 huruf a angka 16"),
        ("komando distrik militer", "Pasal 12 huruf a angka 17"),
        ("badan penanggulangan bencana daerah", "Pasal 12 huruf a angka 18"),
        ("badan kesatuan bangsa dan politik", "Pasal 12 huruf a angka 19"),
    ],
    "Pasal 12 huruf b": [
        ("dinas penanaman modal, pelayanan terpadu satu pintu", "Pasal 12 huruf b angka 1"),
        ("dinas pendidikan", "Pasal 12 huruf b angka 2"),
        ("dinas kesehatan", "Pasal 12 huruf b angka 3"),
        ("dinas koperasi, usaha kecil dan menengah", "Pasal 12 huruf b angka 4"),
        ("dinas pekerjaan umum dan penataan ruang", "Pasal 12 huruf b angka 5"),
        ("dinas perumahan dan kawasan permukiman", "Pasal 12 huruf b angka 6"),
        ("dinas lingkungan hidup", "Pasal 12 huruf b angka 7"),
        ("dinas perkebunan", "Pasal 12 huruf b angka 8"),
        ("dinas tanaman pangan, hortikultura dan peternakan", "Pasal 12 huruf b angka 9"),
        ("dinas Perikanan", "Pasal 12 huruf b angka 10"),
        ("dinas pemberdayaan masyarakat dan nagari", "Pasal 12 huruf b angka 11"),
        ("dinas Pangan", "Pasal 12 huruf b angka 12"),
        ("bagian kesejahteraan rakyat", "Pasal 12 huruf b angka 13"),
        ("bagian perekonomian", "Pasal 12 huruf b angka 14"),
        ("bagian adm pembangunan", "Pasal 12 huruf b angka 15"),
        ("bagian layanan pengadaan", "Pasal 12 huruf b angka 16"),
        ("kantor kementerian agama", "Pasal 12 huruf b angka 17"),
        ("badan usaha milik daerah", "Pasal 12 huruf b angka 18"),
        ("rumah sakit", "Pasal 12 huruf b angka 19"),
    ],
    "Pasal 12 huruf c": [
        ("Inspektorat", "Pasal 12 huruf c angka 1"),
        ("badan pengelolaan keuangan daerah", "Pasal 12 huruf c angka 2"),
        ("badan kepegawaian dan pengembangan sumber daya manusia", "Pasal 12 huruf c angka 3"),
        ("badan Perencanaan", "Pasal 12 huruf c angka 4"),
        ("badan aset dan pendapatan daerah", "Pasal 12 huruf c angka 5"),
        ("dinas pariwisata", "Pasal 12 huruf c angka 6"),
        ("dinas pengendalian penduduk dan keluarga berencana", "Pasal 12 huruf c angka 7"),
        ("dinas penanaman modal, pelayanan terpadu satu pintu", "Pasal 12 huruf c angka 8"),
        ("dinas kearsipan", "Pasal 12 huruf c angka 9"),
        ("bagian umum", "Pasal 12 huruf c angka 10"),
        ("bagian keuangan", "Pasal 12 huruf c angka 11"),
        ("bagian organisasi", "Pasal 12 huruf c angka 12"),
        (
            "perguruan tinggi negeri/perguruan tinggi swasta/koordinasi perguruan tinggi swasta",
            "Pasal 12 huruf c angka 13",
        ),
    ],
}

# Kota Bengkulu, Perwal 24/2018, Pasal 21 ayat (2) huruf a, b, c: each Asisten is named inside
# its huruf ("... melalui Asisten Pemerintahan dan Kesejahteraan Sosial yang meliputi ...").
BENGKULU_ASSISTANTS = {
    "Pasal 21 ayat (2) huruf a": "Asisten Pemerintahan dan Kesejahteraan Sosial",
    "Pasal 21 ayat (2) huruf b": "Asisten Perekonomian dan Pembangunan",
    "Pasal 21 ayat (2) huruf c": "Asisten Administrasi Umum",
}
BENGKULU_UNITS = {
    "Pasal 21 ayat (2) huruf a": [
        ("Sekretariat Dewan", "Pasal 21 ayat (2) huruf a angka 1"),
        ("Inspektorat Daerah", "Pasal 21 ayat (2) huruf a angka 2"),
        (
            "Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan"
            " Keluarga Berencana",
            "Pasal 21 ayat (2) huruf a angka 3",
        ),
        ("Dinas Kesehatan", "Pasal 21 ayat (2) huruf a angka 4"),
        ("Dinas Kependudukan dan Pencatatan Sipil", "Pasal 21 ayat (2) huruf a angka 5"),
        ("Dinas Sosial", "Pasal 21 ayat (2) huruf a angka 6"),
        ("Dinas Tenaga Kerja", "Pasal 21 ayat (2) huruf a angka 7"),
        ("Dinas Kepemudaan dan Keolahragaan", "Pasal 21 ayat (2) huruf a angka 8"),
        ("Satuan Polisi Pamong Praja", "Pasal 21 ayat (2) huruf a angka 9"),
        ("Dinas Pemadaman Kebakaran dan Penyelamatan", "Pasal 21 ayat (2) huruf a angka 10"),
        ("Dinas Pendidikan", "Pasal 21 ayat (2) huruf a angka 11"),
        ("Badan Penanggulangan Bencana Daerah", "Pasal 21 ayat (2) huruf a angka 12"),
        ("Badan Kesatuan Bangsa dan Politik", "Pasal 21 ayat (2) huruf a angka 13"),
    ],
    "Pasal 21 ayat (2) huruf b": [
        ("Badan Perencanaan, Penelitian dan Pengembangan", "Pasal 21 ayat (2) huruf b angka 1"),
        ("Dinas Lingkungan Hidup", "Pasal 21 ayat (2) huruf b angka 2"),
        ("Dinas Pangan dan Pertanian", "Pasal 21 ayat (2) huruf b angka 3"),
        ("Dinas Koperasi, Usaha Kecil dan Menengah", "Pasal 21 ayat (2) huruf b angka 4"),
        ("Dinas Perindustrian dan Perdagangan", "Pasal 21 ayat (2) huruf b angka 5"),
        ("Dinas Kelautan dan Perikanan", "Pasal 21 ayat (2) huruf b angka 6"),
        ("Dinas Perhubungan", "Pasal 21 ayat (2) huruf b angka 7"),
        ("Dinas Perumahan Rakyat dan Kawasan Permukiman", "Pasal 21 ayat (2) huruf b angka 8"),
        ("Dinas Pekerjaan Umum dan Penataan Ruang", "Pasal 21 ayat (2) huruf b angka 9"),
        ("Dinas Pariwisata", "Pasal 21 ayat (2) huruf b angka 10"),
    ],
    "Pasal 21 ayat (2) huruf c": [
        ("Badan Pengelolaan Keuangan dan Aset Daerah", "Pasal 21 ayat (2) huruf c angka 1"),
        ("Badan Pendapatan Daerah", "Pasal 21 ayat (2) huruf c angka 2"),
        ("Badan Kepegawaian, Pendidikan dan Pelatihan", "Pasal 21 ayat (2) huruf c angka 3"),
        (
            "Dinas Penanaman Modal dan Perizinan Terpadu Satu Pintu",
            "Pasal 21 ayat (2) huruf c angka 4",
        ),
        ("Dinas Perpustakaan dan Kearsipan", "Pasal 21 ayat (2) huruf c angka 5"),
        ("Dinas Komunikasi, Informasi dan Persandian", "Pasal 21 ayat (2) huruf c angka 6"),
        ("Dinas Statistik", "Pasal 21 ayat (2) huruf c angka 7"),
    ],
}

# Kabupaten Kutai Kartanegara, Perbup 4/2018: Pasal 10, 11 and 12 ayat (2), each split into
# categories by huruf. The Asisten is named in ayat (1) of its Pasal ("Assisten ...").
KUTAI_KARTANEGARA_CATEGORIES = {
    "a": "administrasi",
    "b": "operasional",
    "c": "teknis",
    "d": "dekonsentrasi",
    "e": "unsur_pelayanan_lainnya",
}
KUTAI_KARTANEGARA_ASSISTANTS = {
    "Pasal 10 ayat (2)": "Assisten Pemerintahan dan Kesejahteraan Rakyat",
    "Pasal 11 ayat (2)": "Assisten Perekonomian dan Pembangunan",
    "Pasal 12 ayat (2)": "Assisten Umum",
}
KUTAI_KARTANEGARA_UNITS = {
    "Pasal 10 ayat (2)": [
        ("Bagian Pemerintahan", "Pasal 10 ayat (2) huruf a angka 1", "administrasi"),
        ("Bagian Organisasi", "Pasal 10 ayat (2) huruf a angka 2", "administrasi"),
        ("Bagian Hukum", "Pasal 10 ayat (2) huruf a angka 3", "administrasi"),
        ("Bagian Kesejahteraan Rakyat", "Pasal 10 ayat (2) huruf a angka 4", "administrasi"),
        ("Dinas Sosial", "Pasal 10 ayat (2) huruf b angka 1", "operasional"),
        ("Dinas Kesehatan", "Pasal 10 ayat (2) huruf b angka 2", "operasional"),
        ("Dinas Transmigrasi dan Tenaga Kerja", "Pasal 10 ayat (2) huruf b angka 3", "operasional"),
        (
            "Dinas Kependudukan dan Catatan Sipil",
            "Pasal 10 ayat (2) huruf b angka 4",
            "operasional",
        ),
        (
            "Dinas Pertanahan dan Penataan Ruang",
            "Pasal 10 ayat (2) huruf b angka 5",
            "operasional",
        ),
        ("Kecamatan", "Pasal 10 ayat (2) huruf b angka 6", "operasional"),
        ("Sekretariat DPRD", "Pasal 10 ayat (2) huruf c angka 1", "teknis"),
        ("Dinas Pendidikan dan Kebudayaan", "Pasal 10 ayat (2) huruf c angka 2", "teknis"),
        (
            "Dinas Pemberdayaan Perempuan dan Perlindungan Anak",
            "Pasal 10 ayat (2) huruf c angka 3",
            "teknis",
        ),
        (
            "Dinas Pengendalian Penduduk dan Keluarga Berencana",
            "Pasal 10 ayat (2) huruf c angka 4",
            "teknis",
        ),
        ("Dinas Kepemudaan dan Olah Raga", "Pasal 10 ayat (2) huruf c angka 5", "teknis"),
        (
            "Dinas Pemberdayaan Masyarakat dan Desa",
            "Pasal 10 ayat (2) huruf c angka 6",
            "teknis",
        ),
        ("Dinas Kearsipan dan Perpustakaan", "Pasal 10 ayat (2) huruf c angka 7", "teknis"),
        ("Badan Penanggulangan Bencana Daerah", "Pasal 10 ayat (2) huruf c angka 8", "teknis"),
        ("Badan Kesatuan Bangsa dan Politik", "Pasal 10 ayat (2) huruf c angka 9", "teknis"),
        (
            "Badan Penelitian dan Pengembangan Daerah",
            "Pasal 10 ayat (2) huruf c angka 10",
            "teknis",
        ),
        ("RSUD. Aji Muhammad Parikesit", "Pasal 10 ayat (2) huruf c angka 11", "teknis"),
        (
            "RSUD. Aji Batara Agung Dewa Sakti Samboja",
            "Pasal 10 ayat (2) huruf c angka 12",
            "teknis",
        ),
        ("RSUD. Dayaku Raja Kota Bangun", "Pasal 10 ayat (2) huruf c angka 13", "teknis"),
        ("Satuan Polisi Pamong Praja", "Pasal 10 ayat (2) huruf c angka 14", "teknis"),
        ("Sekretariat Korpri", "Pasal 10 ayat (2) huruf c angka 15", "teknis"),
        (
            "Sekretariat KPU Kab. Kutai Kartanegara",
            "Pasal 10 ayat (2) huruf c angka 16",
            "teknis",
        ),
        ("Polres Kutai Kartanegara", "Pasal 10 ayat (2) huruf d angka 1", "dekonsentrasi"),
        ("Polres Bontang", "Pasal 10 ayat (2) huruf d angka 2", "dekonsentrasi"),
        ("Kodim 0906 Kutai Kartanegara", "Pasal 10 ayat (2) huruf d angka 3", "dekonsentrasi"),
        ("Kodim 0908 Bontang", "Pasal 10 ayat (2) huruf d angka 4", "dekonsentrasi"),
        (
            "Pangkalan TNI Angkatan Laut Balikpapan",
            "Pasal 10 ayat (2) huruf d angka 5",
            "dekonsentrasi",
        ),
        ("Kejaksaan Negeri Tenggarong", "Pasal 10 ayat (2) huruf d angka 6", "dekonsentrasi"),
        ("Pengadilan Negeri Tenggarong", "Pasal 10 ayat (2) huruf d angka 7", "dekonsentrasi"),
        (
            "Kantor Wilayah Hukum dan HAM Kalimantan Timur",
            "Pasal 10 ayat (2) huruf d angka 8",
            "dekonsentrasi",
        ),
        (
            "Pengadilan Agama Kabupaten Kutai Kartanegara",
            "Pasal 10 ayat (2) huruf d angka 9",
            "dekonsentrasi",
        ),
        (
            "Kantor Kementerian Agama Kabupaten Kutai Kartanegara",
            "Pasal 10 ayat (2) huruf d angka 10",
            "dekonsentrasi",
        ),
        ("Kantor Agraria dan Tata Ruang", "Pasal 10 ayat (2) huruf d angka 11", "dekonsentrasi"),
    ],
    "Pasal 11 ayat (2)": [
        ("Bagian Perekonomian", "Pasal 11 ayat (2) huruf a angka 1", "administrasi"),
        ("Bagian Pembangunan", "Pasal 11 ayat (2) huruf a angka 2", "administrasi"),
        ("Bagian Sumber Daya Alam", "Pasal 11 ayat (2) huruf a angka 3", "administrasi"),
        ("Bagian Layanan Pengadaan", "Pasal 11 ayat (2) huruf a angka 4", "administrasi"),
        ("Dinas Pekerjaan Umum", "Pasal 11 ayat (2) huruf b angka 1", "operasional"),
        (
            "Dinas Perumahan dan Kawasan Permukiman",
            "Pasal 11 ayat (2) huruf b angka 2",
            "operasional",
        ),
        ("Dinas Pertanian dan Peternakan", "Pasal 11 ayat (2) huruf b angka 3", "operasional"),
        ("Dinas Perkebunan", "Pasal 11 ayat (2) huruf b angka 4", "operasional"),
        ("Dinas Kelautan dan Perikanan", "Pasal 11 ayat (2) huruf b angka 5", "operasional"),
        ("Dinas Perhubungan", "Pasal 11 ayat (2) huruf b angka 6", "operasional"),
        (
            "Dinas Energi dan Sumber Daya Mineral",
            "Pasal 11 ayat (2) huruf b angka 7",
            "operasional",
        ),
        ("Dinas Pariwisata", "Pasal 11 ayat (2) huruf b angka 8", "operasional"),
        (
            "Dinas Perindustrian dan Perdagangan",
            "Pasal 11 ayat (2) huruf b angka 9",
            "operasional",
        ),
        (
            "Dinas Koperasi dan Usaha Kecil Menengah",
            "Pasal 11 ayat (2) huruf b angka 10",
            "operasional",
        ),
        ("Dinas Lingkungan Hidup dan Kehutanan", "Pasal 11 ayat (2) huruf c angka 1", "teknis"),
        ("Dinas Ketahanan Pangan", "Pasal 11 ayat (2) huruf c angka 2", "teknis"),
        (
            "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
            "Pasal 11 ayat (2) huruf c angka 3",
            "teknis",
        ),
        ("Badan Perencanaan Pembangunan Daerah", "Pasal 11 ayat (2) huruf c angka 4", "teknis"),
        ("Perbankan", "Pasal 11 ayat (2) huruf c angka 5", "teknis"),
        ("Perusahaan Daerah (BUMD)", "Pasal 11 ayat (2) huruf c angka 6", "teknis"),
        ("Badan Pusat Statistik", "Pasal 11 ayat (2) huruf d angka 1", "dekonsentrasi"),
        (
            "Kesyahbandaraan Otoritas Pelabuhan",
            "Pasal 11 ayat (2) huruf d angka 2",
            "dekonsentrasi",
        ),
        (
            "Perwakilan SKK Migas Kalimantan dan Sulawesi",
            "Pasal 11 ayat (2) huruf d angka 3",
            "dekonsentrasi",
        ),
        ("Balai Konservasi Hutan (BPKH)", "Pasal 11 ayat (2) huruf d angka 4", "dekonsentrasi"),
        (
            "PT. Perusahaan Listrik Negara Persero",
            "Pasal 11 ayat (2) huruf e",
            "unsur_pelayanan_lainnya",
        ),
    ],
    "Pasal 12 ayat (2)": [
        ("Bagian Umum", "Pasal 12 ayat (2) huruf a angka 1", "administrasi"),
        ("Bagian Perlengkapan", "Pasal 12 ayat (2) huruf a angka 2", "administrasi"),
        ("Bagian Penata Usaha Keuangan", "Pasal 12 ayat (2) huruf a angka 3", "administrasi"),
        (
            "Bagian Protokol dan Komunikasi Publik",
            "Pasal 12 ayat (2) huruf a angka 4",
            "administrasi",
        ),
        ("Badan Pendapatan Daerah", "Pasal 12 ayat (2) huruf b", "operasional"),
        ("Inspektorat", "Pasal 12 ayat (2) huruf c angka 1", "teknis"),
        ("Dinas Komunikasi dan Informatika", "Pasal 12 ayat (2) huruf c angka 2", "teknis"),
        (
            "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
            "Pasal 12 ayat (2) huruf c angka 3",
            "teknis",
        ),
        (
            "Badan Pengelola Keuangan dan Aset Daerah",
            "Pasal 12 ayat (2) huruf c angka 4",
            "teknis",
        ),
        ("BPK RI Perwakilan Samarinda", "Pasal 12 ayat (2) huruf d angka 1", "dekonsentrasi"),
        ("BPKP RI Perwakilan Samarinda", "Pasal 12 ayat (2) huruf d angka 2", "dekonsentrasi"),
        ("KPKN Samarinda", "Pasal 12 ayat (2) huruf d angka 3", "dekonsentrasi"),
        ("Kantor Pelayanan Pajak", "Pasal 12 ayat (2) huruf d angka 4", "dekonsentrasi"),
        (
            "Kantor Sistem Administrasi Manunggal Satu Atap (Samsat)",
            "Pasal 12 ayat (2) huruf d angka 5",
            "dekonsentrasi",
        ),
        ("Kantor Pos dan Giro", "Pasal 12 ayat (2) huruf e angka 1", "unsur_pelayanan_lainnya"),
        (
            "Kantor PT. Telekomunikasi",
            "Pasal 12 ayat (2) huruf e angka 2",
            "unsur_pelayanan_lainnya",
        ),
    ],
}

# Kota Banjar, Perwal 6/2023, Pasal 23 ayat (2) huruf b, c, d (huruf a is the Sekretaris Daerah).
BANJAR_ASSISTANTS = {
    "Pasal 23 ayat (2) huruf b": "Asisten Pemerintahan dan Kesejahteraan Rakyat",
    "Pasal 23 ayat (2) huruf c": "Asisten Perekonomian dan Pembangunan",
    "Pasal 23 ayat (2) huruf d": "Asisten Administrasi Umum",
}
BANJAR_UNITS = {
    "Pasal 23 ayat (2) huruf b": [
        ("Inspektorat Daerah", "Pasal 23 ayat (2) huruf b angka 1"),
        ("Sekretariat DPRD", "Pasal 23 ayat (2) huruf b angka 2"),
        ("Satuan Polisi Pamong Praja", "Pasal 23 ayat (2) huruf b angka 3"),
        ("Dinas Kependudukan dan Pencatatan Sipil", "Pasal 23 ayat (2) huruf b angka 4"),
        ("Dinas Pemberdayaan Masyarakat dan Desa", "Pasal 23 ayat (2) huruf b angka 5"),
        ("Dinas Kesehatan", "Pasal 23 ayat (2) huruf b angka 6"),
        ("Dinas Pendidikan dan Kebudayaan", "Pasal 23 ayat (2) huruf b angka 7"),
        (
            "Dinas Sosial, Pemberdayaan Perempuan dan Perlindungan Anak",
            "Pasal 23 ayat (2) huruf b angka 8",
        ),
        ("Dinas Pemuda dan Olahraga", "Pasal 23 ayat (2) huruf b angka 9"),
        (
            "Dinas Pengendalian Penduduk dan Keluarga Berencana",
            "Pasal 23 ayat (2) huruf b angka 10",
        ),
        ("Badan Kesatuan Bangsa dan Politik", "Pasal 23 ayat (2) huruf b angka 11"),
        ("Badan Penanggulangan Bencana Daerah", "Pasal 23 ayat (2) huruf b angka 12"),
        ("BLUD RSUD", "Pasal 23 ayat (2) huruf b angka 13"),
        ("Kecamatan", "Pasal 23 ayat (2) huruf b angka 14"),
        ("Kelurahan", "Pasal 23 ayat (2) huruf b angka 15"),
    ],
    "Pasal 23 ayat (2) huruf c": [
        (
            "Badan Perencanaan, Penelitian dan Pengembangan Daerah",
            "Pasal 23 ayat (2) huruf c angka 1",
        ),
        ("Dinas Tenaga Kerja", "Pasal 23 ayat (2) huruf c angka 2"),
        (
            "Dinas Koperasi, Usaha Kecil, Menengah dan Perdagangan",
            "Pasal 23 ayat (2) huruf c angka 3",
        ),
        (
            "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
            "Pasal 23 ayat (2) huruf c angka 4",
        ),
        ("Dinas Ketahanan Pangan, Pertanian dan Perikanan", "Pasal 23 ayat (2) huruf c angka 5"),
        ("Dinas Perhubungan", "Pasal 23 ayat (2) huruf c angka 6"),
        ("Dinas Pekerjaan Umum dan Tata Ruang", "Pasal 23 ayat (2) huruf c angka 7"),
        ("Dinas Lingkungan Hidup", "Pasal 23 ayat (2) huruf c angka 8"),
        ("Badan Usaha Milik Daerah", "Pasal 23 ayat (2) huruf c angka 9"),
    ],
    "Pasal 23 ayat (2) huruf d": [
        ("Dinas Komunikasi dan Informatika", "Pasal 23 ayat (2) huruf d angka 1"),
        ("Dinas Kearsipan dan Perpustakaan", "Pasal 23 ayat (2) huruf d angka 2"),
        (
            "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
            "Pasal 23 ayat (2) huruf d angka 3",
        ),
        (
            "Badan Pengelolaan Keuangan dan Pendapatan Daerah",
            "Pasal 23 ayat (2) huruf d angka 4",
        ),
    ],
}

ASSISTANTS = {
    "13.75": BUKITTINGGI_ASSISTANTS,
    "13.12": PASAMAN_BARAT_ASSISTANTS,
    "17.71": BENGKULU_ASSISTANTS,
    "64.02": KUTAI_KARTANEGARA_ASSISTANTS,
    "32.79": BANJAR_ASSISTANTS,
}

# Units the API returns under each Asisten, whatever placed them there.
TOTAL_UNITS = {
    # Bukittinggi: only Pasal 12 places units (the Lampiran charts add none): 24, 14 and 6 angka.
    ("13.75", "Pasal 12 huruf a"): 24,
    ("13.75", "Pasal 12 huruf b"): 14,
    ("13.75", "Pasal 12 huruf c"): 6,
    # Pasaman Barat: 19 angka under huruf a; 19 under huruf b (angka 19 "rumah sakit; dan" is the
    # last); 13 under huruf c, counting angka 8, the dinas also listed under huruf b angka 1,
    # which appears under both Asisten.
    ("13.12", "Pasal 12 huruf a"): 19,
    ("13.12", "Pasal 12 huruf b"): 19,
    ("13.12", "Pasal 12 huruf c"): 13,
    # Bengkulu: the angka of Pasal 21 ayat (2) plus the 3 Bagian each Asisten gets in the
    # Lampiran table: 13 + 3 = 16, 10 + 3 = 13, 7 + 3 = 10.
    ("17.71", "Pasal 21 ayat (2) huruf a"): 16,
    ("17.71", "Pasal 21 ayat (2) huruf b"): 13,
    ("17.71", "Pasal 21 ayat (2) huruf c"): 10,
    # Kutai Kartanegara: the items of huruf a-e of ayat (2).
    # Pasal 10: 4 + 6 + 16 + 11 = 37 (no huruf e); Pasal 11: 4 + 10 + 6 + 4 + 1 = 25;
    # Pasal 12: 4 + 1 + 4 + 5 + 2 = 16.
    ("64.02", "Pasal 10 ayat (2)"): 37,
    ("64.02", "Pasal 11 ayat (2)"): 25,
    ("64.02", "Pasal 12 ayat (2)"): 16,
    # Banjar: only Pasal 23 ayat (2) places units: 15, 9 and 4 angka.
    ("32.79", "Pasal 23 ayat (2) huruf b"): 15,
    ("32.79", "Pasal 23 ayat (2) huruf c"): 9,
    ("32.79", "Pasal 23 ayat (2) huruf d"): 4,
}

# A unit listed under a second Asisten is held by the first (the tree) and reached by the second
# through a `koordinasi` link; the API lists such linked units after the units the Asisten holds.
SECOND_LISTINGS = {
    ("dinas penanaman modal, pelayanan terpadu satu pintu", "Pasal 12 huruf c angka 8"),
}


def _assistants(client, code: str) -> dict[str, dict]:
    """The Asisten of the region as the API returns them, keyed by their listing provision.

    The API lists the Asisten in document order, which is the order of the listing provisions.
    """
    response = client.get(f"/api/v1/regions/{code}/portfolios/")
    assert response.status_code == 200
    assistants = response.json()["assistants"]
    provisions = list(ASSISTANTS[code])
    assert len(assistants) == len(provisions)
    return dict(zip(provisions, assistants, strict=True))


def _listed(assistant: dict, provision: str) -> list[dict]:
    """The units of the Asisten the listing provision places there, in the order the API gives."""
    return [unit for unit in assistant["units"] if unit["citation"].startswith(f"{provision} ")]


def _document_order(citation: str) -> tuple[int, ...]:
    """The position of an item in its list: "... huruf c angka 8" -> (3, 8)."""
    return tuple(
        ord(letter) - ord("a") + 1 if letter else int(number)
        for letter, number in re.findall(r"huruf ([a-z])\b|angka (\d+)", citation)
    )


def _check_listing(assistant: dict, provision: str, expected: list[tuple]) -> None:
    """The units listed by the provision, with their citations, in the order of the text."""
    listed = [(unit["name"], unit["citation"]) for unit in _listed(assistant, provision)]
    wanted = [item[:2] for item in expected]
    assert sorted(listed, key=lambda pair: _document_order(pair[1])) == wanted
    # The units the Asisten holds come in document order too; only second listings come last.
    held = [pair for pair in listed if pair not in SECOND_LISTINGS]
    assert held == [pair for pair in wanted if pair not in SECOND_LISTINGS]


REGIONS = [
    ("13.75", BUKITTINGGI_UNITS),
    ("13.12", PASAMAN_BARAT_UNITS),
    ("17.71", BENGKULU_UNITS),
    ("64.02", KUTAI_KARTANEGARA_UNITS),
    ("32.79", BANJAR_UNITS),
]
LISTINGS = [
    pytest.param(code, provision, units, id=f"{code}-{provision}")
    for code, listing in REGIONS
    for provision, units in listing.items()
]


@pytest.mark.parametrize(
    ("code", "provision", "name"),
    [
        pytest.param(code, provision, name, id=f"{code}-{provision}")
        for code, names in ASSISTANTS.items()
        for provision, name in names.items()
    ],
)
def test_each_asisten_bears_the_name_its_listing_provision_prints(
    five_regions, db, client, code, provision, name
):
    assert _assistants(client, code)[provision]["name"] == name


@pytest.mark.parametrize(("code", "provision", "units"), LISTINGS)
def test_each_asisten_lists_the_units_of_its_article_as_published(
    five_regions, db, client, code, provision, units
):
    _check_listing(_assistants(client, code)[provision], provision, units)


@pytest.mark.parametrize(
    ("code", "provision", "total"),
    [
        pytest.param(code, provision, total, id=f"{code}-{provision}")
        for (code, provision), total in TOTAL_UNITS.items()
    ],
)
def test_each_asisten_has_as_many_units_as_the_text_places_under_it(
    five_regions, db, client, code, provision, total
):
    assert len(_assistants(client, code)[provision]["units"]) == total


@pytest.mark.parametrize(
    ("provision", "units"),
    [
        pytest.param(provision, units, id=provision)
        for provision, units in KUTAI_KARTANEGARA_UNITS.items()
    ],
)
def test_kutai_kartanegara_units_carry_the_category_of_their_huruf(
    five_regions, db, client, provision, units
):
    listed = _listed(_assistants(client, "64.02")[provision], provision)
    categories = [(unit["name"], unit["citation"], unit["category"]) for unit in listed]
    assert categories == units
    for _name, citation, category in units:
        huruf = re.search(r"huruf ([a-e])\b", citation).group(1)
        assert KUTAI_KARTANEGARA_CATEGORIES[huruf] == category


def test_pasaman_barat_lists_the_penanaman_modal_dinas_under_two_asisten(five_regions, db, client):
    assistants = _assistants(client, "13.12")
    name = "dinas penanaman modal, pelayanan terpadu satu pintu"
    citations = {
        provision: [u["citation"] for u in assistant["units"] if u["name"] == name]
        for provision, assistant in assistants.items()
    }
    assert citations == {
        "Pasal 12 huruf a": [],
        "Pasal 12 huruf b": ["Pasal 12 huruf b angka 1"],
        "Pasal 12 huruf c": ["Pasal 12 huruf c angka 8"],
    }
    held = assistants["Pasal 12 huruf b"]["units"][0]
    linked = next(u for u in assistants["Pasal 12 huruf c"]["units"] if u["name"] == name)
    assert held["id"] == linked["id"]


def test_bengkulu_asisten_also_get_the_bagian_of_the_lampiran(five_regions, db, client):
    assistants = _assistants(client, "17.71")
    lampiran = {
        provision: sum(unit["citation"] == "Lampiran" for unit in assistant["units"])
        for provision, assistant in assistants.items()
    }
    assert lampiran == dict.fromkeys(BENGKULU_ASSISTANTS, 3)
