"""`manage.py seed_demo_users` on the five bundled regions: a roster worth trying every rule on,
valid NIPs, one demo user per role bound to the official they are, and nothing touched twice."""

from __future__ import annotations

import datetime
import io
import re
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password
from django.core.management import CommandError, call_command
from django.test import override_settings

from orgchart.demo.names import bare_name
from orgchart.demo.roster import DEMO_BASIS
from orgchart.demo.users import DEMO_PBKDF2_ITERATIONS, demo_password_hash
from orgchart.models import Appointment, Official, Position, Role, RoleAssignment, Unit
from orgchart.models.roles import ROLE_UNIT_KINDS
from regulations.answers import rule_for
from regulations.models import Region
from regulations.nip import parse_nip
from regulations.rule_kinds import RuleKind

MD5 = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CODES = ("13.12", "13.75", "17.71", "32.79", "64.02")
FILLED_KINDS = ("kepala_daerah", "wakil", "setda", "asisten", "staf_ahli", "kecamatan")
FILLED_KINDS += ("inspektorat", "setwan", "rsud", "kelurahan")
PASSWORD_LINE = re.compile(r"^\s+(\S+)\s+(\S{16})\s", re.M)  # username, then a fresh password


def run(*args) -> str:
    out = io.StringIO()
    call_command("seed_demo_users", *args, stdout=out)
    return out.getvalue()


def passwords(output: str) -> dict[str, str]:
    return dict(PASSWORD_LINE.findall(output))


@pytest.fixture(scope="module")
def seeded(five_regions, django_db_blocker):
    """The command run once on the five packs, after a real roster was entered in two units of
    Bukittinggi: one with an official holding a post today, one with a post nobody holds yet."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=MD5):
        bkt = five_regions["13.75"].region
        inspektorat = Unit.objects.get(region=bkt, key="inspektorat")
        kept = Official.objects.create(region=bkt, name="Drs. ZAINAL ARIFIN")
        Appointment.objects.create(
            official=kept,
            position=Position.objects.create(unit=inspektorat, title="Inspektur", level=1),
            start=datetime.date(2021, 3, 1),
        )
        social = Unit.objects.get(region=bkt, key="dinas-sosial")
        Position.objects.create(unit=social, title="Kepala Dinas Sosial", level=1)
        output = run()
    return SimpleNamespace(
        output=output, regions=five_regions, inspektorat=inspektorat, social=social, kept=kept
    )


def demo_appointments(**filters):
    return Appointment.objects.filter(basis=DEMO_BASIS, **filters)


def today_of(code: str) -> datetime.date:
    return Region.objects.get(code=code).today()


def test_every_dinas_badan_and_bagian_has_a_head_and_an_official_one_level_below(seeded, db):
    for code in CODES:
        day = today_of(code)
        units = Unit.objects.filter(region__code=code, kind__in=["dinas", "badan", "bagian"])
        assert units.count() > 10
        for unit in units.exclude(pk=seeded.social.pk):
            heads = list(Appointment.objects.heads_of(unit, day).select_related("position"))
            assert heads, f"{code} {unit.name} has no head today"
            below = Appointment.objects.as_of(day).filter(
                position__unit=unit, position__level=heads[0].position.level + 1
            )
            assert below.exclude(official=heads[0].official).exists(), f"{code} {unit.name}"


def test_the_top_of_each_region_and_its_kecamatan_inspektorat_setwan_and_rsud_are_filled(
    seeded, db
):
    for code in CODES:
        day = today_of(code)
        for unit in Unit.objects.filter(
            region__code=code,
            kind__in=FILLED_KINDS,
        ):
            assert Appointment.objects.heads_of(unit, day).exists(), f"{code} {unit.name}"
    titles = set(
        demo_appointments(position__unit__region__code="64.02").values_list(
            "position__title", flat=True
        )
    )
    assert {"Bupati Kutai Kartanegara", "Wakil Bupati Kutai Kartanegara"} <= titles
    assert "Sekretaris Daerah" in titles and "Inspektur" in titles
    assert {"Camat", "Sekretaris Kecamatan", "Kepala Dinas Kesehatan"} <= titles
    assert "Sekretaris Dinas Kesehatan" in titles and "Kepala Bagian Hukum" in titles
    assert demo_appointments(position__level=3).count() >= 5 * 5


def test_pasal_9_huruf_f_finds_the_official_one_level_below_in_bukittinggi_and_pasaman_barat(
    seeded, db
):
    for code in ("13.75", "13.12"):
        region, day = Region.objects.get(code=code), today_of(code)
        representation = rule_for(region, RuleKind.REPRESENTATION, day)
        assert representation.source and "Pasal 9 huruf f" in representation.source
        kinds = representation.value["unit_kinds"]
        represented = [
            unit
            for unit in Unit.objects.filter(region=region, kind__in=kinds)
            if Appointment.objects.as_of(day)
            .filter(position__unit=unit, position__level=1 + representation.value["levels_below"])
            .exists()
        ]
        assert {unit.kind for unit in represented} == set(kinds)


def test_each_region_has_an_acting_head_who_is_also_the_official_below_and_a_demo_user(seeded, db):
    for code in CODES:
        day = today_of(code)
        acting = demo_appointments(
            position__unit__region__code=code, position__level=1, kind="plt"
        ).select_related("position__unit", "official")
        assert 1 <= acting.count() <= 2
        for plt in acting:
            assert Appointment.objects.heads_of(plt.position.unit, day).first() == plt
            assert plt.official.appointments.filter(position__level=2).exists()
        users = RoleAssignment.objects.filter(
            region__code=code, role=Role.AGENCY_HEAD, official__in=[a.official for a in acting]
        )
        assert users.exists(), code


def test_every_official_of_the_roster_has_a_valid_nip_that_fits_the_person(seeded, db):
    appointments = demo_appointments().select_related("official", "position__unit")
    officials = {}
    for appointment in appointments:
        officials.setdefault(appointment.official, []).append(appointment)
    assert len(officials) > 5 * 80
    nips = [official.nip for official in officials if official.nip]
    assert len(nips) == len(set(nips))
    for official, held in officials.items():
        elected = held[0].position.unit.kind in {"kepala_daerah", "wakil"}
        assert bool(official.nip) is not elected, official.name
        assert "demo" not in official.name.lower()
        if elected:
            continue
        nip = parse_nip(official.nip)
        first_start = min(a.start for a in held)
        assert (nip.appointed[0], nip.appointed[1]) < (first_start.year, first_start.month)
        assert nip.appointed[0] - nip.birth_date.year >= 18
        assert first_start.year - nip.birth_date.year >= 25
        words = official.name.split()
        if {"Hj.", "Dra."} & set(words):
            assert nip.sex == "P", official.name
        if {"H.", "Drs."} & set(words):
            assert nip.sex == "L", official.name


def test_names_are_unique_in_each_region_and_written_with_degrees(seeded, db):
    for code in CODES:
        names = list(
            Official.objects.filter(region__code=code, appointments__basis=DEMO_BASIS)
            .distinct()
            .values_list("name", flat=True)
        )
        bare = [bare_name(name) for name in names]
        assert len(bare) == len(set(bare)), code
        assert sum("," in name for name in names) > len(names) / 2
        assert any(name.startswith(("Drs.", "Dra.", "dr.", "Ir.", "H.", "Hj.")) for name in names)


def test_every_role_has_a_user_in_every_region_bound_to_a_fitting_unit_and_official(seeded, db):
    assignments = RoleAssignment.objects.select_related("user", "unit", "official", "region")
    by_region: dict[str, set[str]] = {}
    for assignment in assignments.exclude(role=Role.SUPERADMIN):
        assignment.full_clean()
        user, unit = assignment.user, assignment.unit
        by_region.setdefault(assignment.region.code, set()).add(assignment.role)
        assert user.email == f"{user.username}@demo.portal.invalid"
        assert user.username.split(".")[0] in {"pasbar", "bkt", "bkl", "banjar", "kukar"}
        if unit.pk == seeded.inspektorat.pk:
            assert assignment.official is None  # the real Inspektur is no demo user
            continue
        assert assignment.official is not None, user.username
        assert user.get_full_name() == assignment.official.name
        assert assignment.official.appointments.filter(
            basis=DEMO_BASIS, position__unit=unit
        ).exists(), user.username
    for code in CODES:
        region = Region.objects.get(code=code)
        fitting = {
            role
            for role in Role.values
            if role != Role.SUPERADMIN
            and Unit.objects.filter(region=region, kind__in=ROLE_UNIT_KINDS[role]).exists()
        }
        assert by_region[code] == fitting, code
    assert "bkt.stafahli: the tree has no unit for a Staf Ahli; skipped." in seeded.output
    root = get_user_model().objects.get(username="superadmin")
    assert root.is_superuser and root.role_assignment.region is None


def test_the_users_a_rule_needs_are_bound_where_the_rule_acts(seeded, db):
    from coordination.reports.access import bappeda_of

    bkl = Region.objects.get(code="17.71")
    bound = {
        a.user.username: a.unit
        for a in RoleAssignment.objects.select_related("user", "unit").exclude(unit=None)
    }
    assert bound["bkl.bappeda"] == bappeda_of(bkl, bkl.today())
    assert bound["bkt.kadinkes"].name == "Dinas kesehatan"
    assert bound["bkt.setda"].name == "Bagian pemerintahan"
    staf = RoleAssignment.objects.get(user__username="bkt.staf").official
    assert staf.appointments.get(position__unit=bound["bkt.kadinkes"]).position.title == (
        "Sekretaris Dinas Kesehatan"
    )
    assert bound["banjar.setda"].kind == "setda"  # Banjar's text names no Bagian
    kukar = Region.objects.get(code="64.02")
    takeover = rule_for(kukar, RuleKind.TAKEOVER_ALLOWED, kukar.today()).value["by"]
    roles = {a.role for a in RoleAssignment.objects.filter(region=kukar)}
    assert set(takeover) <= roles
    pasbar = Region.objects.get(code="13.12")
    deciders = rule_for(pasbar, RuleKind.URGENT_DECISION_REPORT, pasbar.today()).value["deciders"]
    assert "kecamatan" in deciders and bound["pasbar.camat"].kind == "kecamatan"
    assert {bound[f"pasbar.kadis{i}"].kind for i in (1, 2, 3)} <= {"dinas", "badan"}


def test_a_unit_with_real_positions_is_left_alone(seeded, db):
    assert list(seeded.inspektorat.positions.values_list("title", flat=True)) == ["Inspektur"]
    assert list(seeded.social.positions.values_list("title", flat=True)) == ["Kepala Dinas Sosial"]
    assert not Appointment.objects.filter(position__unit=seeded.social).exists()
    assert seeded.kept.appointments.get().basis == ""
    assert "Left alone (they have positions of their own): Dinas sosial; Inspektorat" in (
        seeded.output
    )


def test_a_head_post_the_pack_evidences_only_in_the_past_gets_the_demo_head(seeded, db):
    hukum = Unit.objects.get(region__code="64.02", key="bagian-hukum")
    post = hukum.positions.get(level=1)
    evidenced = post.appointments.exclude(basis=DEMO_BASIS).get()
    assert evidenced.official.name == "PURNOMO, SH" and evidenced.end == evidenced.start
    head = Appointment.objects.heads_of(hukum, today_of("64.02")).get()
    assert head.position == post and head.basis == DEMO_BASIS


def test_a_second_run_adds_no_row_and_prints_no_new_password(seeded, db):
    first = passwords(seeded.output)
    assert len(first) == RoleAssignment.objects.count() > 5 * 14
    models = [Official, Position, Appointment, RoleAssignment, get_user_model()]
    counts = [model.objects.count() for model in models]
    history = [model.history.count() for model in models[:4]]
    versions = list(Region.objects.order_by("code").values_list("structure_version", flat=True))
    hashes = dict(get_user_model().objects.values_list("username", "password"))
    second = run()
    assert passwords(second) == {}
    assert not any(secret in second for secret in first.values())
    assert "roster unchanged" in second and "(exists)" in second
    assert [model.objects.count() for model in models] == counts
    assert [model.history.count() for model in models[:4]] == history
    assert list(Region.objects.order_by("code").values_list("structure_version", flat=True)) == (
        versions
    )
    assert dict(get_user_model().objects.values_list("username", "password")) == hashes


def test_the_roster_is_reproducible(seeded, db):
    """The same names, posts and NIPs come back when a region's roster is made again."""
    region = Region.objects.get(code="32.79")

    def roster() -> set[tuple]:
        return set(
            demo_appointments(position__unit__region=region).values_list(
                "position__unit__key", "position__title", "kind", "start", "official__name",
                "official__nip",
            )
        )  # fmt: skip

    before = roster()
    assert len(before) > 80
    ours = set(demo_appointments(position__unit__region=region).values_list("official", flat=True))
    demo_appointments(position__unit__region=region).delete()
    Position.objects.filter(unit__region=region, appointments__isnull=True).delete()
    Official.objects.filter(pk__in=ours).delete()
    assert roster() == set()
    run("--region", "32.79")
    assert roster() == before


def test_reset_passwords_gives_new_ones_to_demo_users_only(seeded, db):
    User = get_user_model()
    User.objects.filter(username="bkl.wakil").update(email="wakil@bengkulukota.go.id")
    kept = User.objects.get(username="bkl.wakil").password
    old = User.objects.get(username="bkl.sekda").password
    output = run("--reset-passwords", "--region", "17.71")
    fresh = passwords(output)
    assert "bkl.sekda" in fresh and "superadmin" in fresh and "bkt.sekda" not in fresh
    sekda = User.objects.get(username="bkl.sekda")
    assert sekda.password != old and sekda.check_password(fresh["bkl.sekda"])
    assert "bkl.wakil" not in fresh and "(not a demo user: left alone)" in output
    assert User.objects.get(username="bkl.wakil").password == kept


def test_demo_passwords_are_hashed_quickly_and_rehashed_at_full_strength_on_login(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    encoded = demo_password_hash("s3cret-demo-pass")
    assert encoded.startswith(f"pbkdf2_sha256${DEMO_PBKDF2_ITERATIONS}$")
    upgraded = []
    assert check_password("s3cret-demo-pass", encoded, setter=upgraded.append)
    assert upgraded == ["s3cret-demo-pass"]  # Django re-hashes it with its own iterations


def test_an_unknown_region_is_refused(db):
    with pytest.raises(CommandError, match=r"99\.99"):
        run("--region", "99.99")


def test_a_pack_exported_after_make_run_holds_no_demo_official(seeded, db):
    """``export_region`` of a region seeded with the demo roster still gives the bundled pack,
    except the official the test entered by hand (real data is exported)."""
    from orgchart.packs.export import export_pack

    for code, pack in seeded.regions.items():
        exported = export_pack(pack.regulation)
        assert DEMO_BASIS not in exported
        if code != "13.75":
            assert exported == pack.path.read_text(encoding="utf-8"), code
