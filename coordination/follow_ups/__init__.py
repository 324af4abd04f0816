"""The minutes' decisions and the follow-ups (tindak lanjut) they assign: deadlines in working
days, reports on them, evidence, escalation, the Sekda's inbox and dashboard."""
