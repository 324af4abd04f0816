"""Benchmark: follow-up reminders when the worker is killed between sending a reminder and
marking it sent.

The goal (issue 12, "Ready for a government server"): "A notice e-mail carries a stable
Message-ID per reminder, so that the rare resend after a worker dies between sending and
marking is recognisable as the same message. Measure and document: with the worker killed at
that moment, reminders are never lost and at most one resend happens per crash."

Each crash round, on a scratch database:

1. three follow-ups of a meeting on Wed 3 June 2026 in Kutai Kartanegara (the bundled pack and
   the test personas) are made; on Wed 10 June each owes two reminders, the Asisten's notice
   at the due date and the Sekda's escalation (Perbup 4/2018 Pasal 13 ayat (5) and
   PORTAL_ESCALATION_DAYS), six in all;
2. a worker process runs the beat task ``coordination.scan_follow_ups`` with the file e-mail
   backend (one file per message, written and closed before the send returns); right after its
   k-th send returns, before the scan marks that reminder sent, it SIGKILLs itself. k is drawn
   from 1..6 (seeded, so a run is reproducible);
3. the next scan, one claim lease (``escalation.CLAIM_LEASE``) and a minute later, runs to the
   end; a third scan later still must send nothing.

Then the round's mail is read back. Counted exactly, per round: the reminders owed, the
reminders whose row is not sent or whose Message-ID is in no message (**lost**), the copies
beyond the first of each Message-ID (**resends**), and Message-IDs that belong to no reminder
(a resend that would not be recognisable). Goal: lost 0 in every round, resends at most 1 per
crash, no unknown Message-ID, every worker killed by SIGKILL, the third scan sending nothing.

Run by hand, never in CI, on SQLite in a temporary PORTAL_VAR_DIR (the embedded setup; with
``--pg``, a scratch PostgreSQL database ``bench_reminder_<pid>`` on 127.0.0.1, dropped after):

    .venv/bin/python bench/reminder_crash.py [--crashes 20] [--seed 12] [--pg]

It uses the tests' world (``tests.world``, ``coordination.follow_ups.tests.helpers``), so it
needs the development dependencies. The last line on stdout is the verdict; the exit status
is 0 for PASS, 1 for FAIL.
"""

from __future__ import annotations

import argparse
import atexit
import datetime
import email
import logging
import os
import random
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zoneinfo
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FOLLOW_UPS = 3  # per round; each owes two reminders on the scan day
MEETING_DAY = datetime.date(2026, 6, 3)
SCAN_DAY = datetime.date(2026, 6, 10)
ZONE = zoneinfo.ZoneInfo("Asia/Makassar")  # Kutai Kartanegara, WITA
FILE_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
PG_SERVER = "postgresql://postgres@127.0.0.1:5432"


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--crashes", type=int, default=20, help="crash rounds")
    parser.add_argument("--seed", type=int, default=12, help="seed for the kill points")
    parser.add_argument("--pg", action="store_true", help="scratch PostgreSQL database")
    # the worker's own arguments (the script starts itself as the worker)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--now", help=argparse.SUPPRESS)
    parser.add_argument("--kill-after", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--mail-dir", help=argparse.SUPPRESS)
    parser.add_argument("--region", type=int, help=argparse.SUPPRESS)
    return parser.parse_args()


ARGS = parse()
if not ARGS.worker:
    if ARGS.pg:
        os.environ["DATABASE_URL"] = f"{PG_SERVER}/bench_reminder_{os.getpid()}"
    else:
        os.environ.pop("DATABASE_URL", None)
    os.environ["PORTAL_VAR_DIR"] = tempfile.mkdtemp(prefix="bench-reminder-")
    atexit.register(shutil.rmtree, os.environ["PORTAL_VAR_DIR"], ignore_errors=True)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(64))  # the workers inherit it


def create_pg_database() -> None:
    import psycopg

    name = Path(os.environ["DATABASE_URL"]).name
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')


def drop_pg_database() -> None:
    import psycopg

    name = Path(os.environ["DATABASE_URL"]).name
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if ARGS.pg and not ARGS.worker:
    create_pg_database()
    atexit.register(drop_pg_database)  # whatever happens; FORCE ends our own connections

import django  # noqa: E402

django.setup()
logging.disable(logging.INFO)  # the portal's own INFO logs would bury the table

from django.core import mail  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

from coordination.core import notify  # noqa: E402
from coordination.follow_ups import escalation  # noqa: E402
from coordination.follow_ups.models import ReminderLog  # noqa: E402
from coordination.follow_ups.tests.helpers import held_meeting  # noqa: E402
from coordination.tasks import scan_follow_ups  # noqa: E402
from tests.world import load_region, side_of  # noqa: E402


def worker() -> None:
    """The beat task in this process, killed right after its k-th send has returned."""
    real_send, sends = notify.send, []

    def send_then_die(*args, **kwargs):
        result = real_send(*args, **kwargs)
        sends.append(result)
        if len(sends) == ARGS.kill_after:
            os.kill(os.getpid(), signal.SIGKILL)  # before the scan marks the reminder sent
        return result

    notify.send = send_then_die  # escalation reads notify.send at each call
    with override_settings(EMAIL_BACKEND=FILE_BACKEND, EMAIL_FILE_PATH=ARGS.mail_dir):
        scan_follow_ups(now=ARGS.now, region_ids=[ARGS.region])


def messages(mail_dir: Path) -> list[tuple[str, str, str]]:
    """(Message-ID, To, Subject) of every message the file backend wrote (79 dashes end
    each one)."""
    found = []
    for path in sorted(mail_dir.iterdir()):
        for chunk in path.read_text().split("-" * 79):
            if chunk.strip():
                message = email.message_from_string(chunk.lstrip("\n"))
                found.append((message["Message-ID"], message["To"], message["Subject"]))
    return found


@dataclass
class Round:
    number: int
    kill_after: int
    killed: bool
    owed: int
    lost: int
    resends: int
    unknown: int
    differing: int
    quiet_after: bool
    seconds: float


def scan_in_process(now: datetime.datetime, region_id: int, mail_dir: Path) -> int:
    with override_settings(EMAIL_BACKEND=FILE_BACKEND, EMAIL_FILE_PATH=str(mail_dir)):
        return len(scan_follow_ups(now=now.isoformat(), region_ids=[region_id])["sent"])


def crash_round(number: int, side, kill_after: int, work: Path) -> Round:
    started = time.perf_counter()
    follow_ups = [held_meeting(side, day=MEETING_DAY)[1][0] for _ in range(FOLLOW_UPS)]
    mail_dir = work / f"round-{number:02d}"
    mail_dir.mkdir()
    # Each round scans later on the same day, so earlier rounds' claims are long settled.
    now = datetime.datetime.combine(SCAN_DAY, datetime.time(7), ZONE)
    now += datetime.timedelta(minutes=40 * number)
    worker_run = subprocess.run(
        [
            sys.executable,
            __file__,
            "--worker",
            f"--now={now.isoformat()}",
            f"--kill-after={kill_after}",
            f"--mail-dir={mail_dir}",
            f"--region={side.region.pk}",
        ],
        env=os.environ.copy(),
        capture_output=True,
        text=True,
        check=False,
    )
    if worker_run.returncode != -signal.SIGKILL:
        print(worker_run.stdout, worker_run.stderr, file=sys.stderr)
    retry = now + escalation.CLAIM_LEASE + datetime.timedelta(minutes=1)
    scan_in_process(retry, side.region.pk, mail_dir)
    quiet = scan_in_process(retry + escalation.CLAIM_LEASE * 2, side.region.pk, mail_dir) == 0
    rows = list(ReminderLog.objects.filter(follow_up__in=follow_ups))
    expected = {escalation.reminder_message_id(row): row for row in rows}
    sent = messages(mail_dir)
    ids = [key for key, _to, _subject in sent]
    # copies that share a Message-ID are the same notice: same addressees, same subject
    differing = sum(1 for key in set(ids) if len({m[1:] for m in sent if m[0] == key}) > 1)
    unsent = sum(1 for key, row in expected.items() if row.sent_at is None or key not in ids)
    unclaimed = 2 * FOLLOW_UPS - len(rows)  # a reminder with no row was never even claimed
    return Round(
        number=number,
        kill_after=kill_after,
        killed=worker_run.returncode == -signal.SIGKILL,
        owed=2 * FOLLOW_UPS,
        lost=unsent + unclaimed,
        resends=sum(max(ids.count(key) - 1, 0) for key in expected),
        unknown=sum(1 for key in ids if key not in expected),
        differing=differing,
        quiet_after=quiet,
        seconds=time.perf_counter() - started,
    )


def report(rounds: list[Round]) -> bool:
    print(
        "| round | killed after send | killed | owed | lost | resends | unknown IDs "
        "| same ID, other message | s |"
    )
    print("| ---: | ---: | :---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rounds:
        print(
            f"| {r.number} | {r.kill_after} | {'yes' if r.killed else 'NO'} | {r.owed} | "
            f"{r.lost} | {r.resends} | {r.unknown} | {r.differing} | {r.seconds:.1f} |"
        )
    lost = sum(r.lost for r in rounds)
    most = max((r.resends for r in rounds), default=0)
    unknown = sum(r.unknown for r in rounds)
    differing = sum(r.differing for r in rounds)
    killed = sum(r.killed for r in rounds)
    quiet = all(r.quiet_after for r in rounds)
    owed = sum(r.owed for r in rounds)
    passed = lost == 0 and most <= 1 and unknown == 0 and killed == len(rounds) and quiet and rounds
    print(
        f"verdict: {'PASS' if passed else 'FAIL'} — {len(rounds)} crashes ({killed} by SIGKILL "
        f"right after a send), {owed} reminders owed: lost {lost} (goal 0), at most {most} "
        f"resend per crash (goal ≤ 1), {sum(r.resends for r in rounds)} resends in all, "
        f"{unknown} Message-IDs belonging to no reminder (goal 0), {differing} resends "
        f"differing from their first copy (goal 0), later scans "
        f"{'sent nothing' if quiet else 'SENT AGAIN'}"
    )
    return bool(passed)


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="bench-reminder-mail-"))
    try:
        call_command("migrate", verbosity=0)
        call_command("load_reference_data", verbosity=0)
        side = side_of(load_region("64.02"), "64.02")
        mail.outbox = []
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            picks = random.Random(ARGS.seed)
            rounds = [
                crash_round(n, side, picks.randint(1, 2 * FOLLOW_UPS), work)
                for n in range(1, ARGS.crashes + 1)
            ]
        return 0 if report(rounds) else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    if ARGS.worker:
        worker()
    else:
        raise SystemExit(main())
