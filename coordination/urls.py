"""URLs of the coordination pages, under /koordinasi/."""

from django.urls import path

from coordination import urls_compliance, urls_reports, views
from coordination.views import invitations, minutes

app_name = "coordination"

urlpatterns = [
    path("rapat/", views.meeting_list, name="meetings"),
    path("rapat/baru/", views.meeting_new, name="meeting-new"),
    path("rapat/catat/", views.meeting_record_held, name="meeting-record-held"),
    path("rapat/<int:pk>/", views.meeting_detail, name="meeting"),
    path("rapat/<int:pk>/undang/", invitations.invitation_add, name="invitation-add"),
    path("rapat/<int:pk>/kirim-undangan/", invitations.invitations_send, name="invitations-send"),
    path("rapat/<int:pk>/batal/", views.meeting_cancel, name="meeting-cancel"),
    path("rapat/<int:pk>/ubah/", views.meeting_edit, name="meeting-edit"),
    path("rapat/<int:pk>/notulen/", minutes.minutes, name="minutes"),
    path("notulen/berkas/<int:pk>/", minutes.minutes_document, name="minutes-document"),
    path("rapat/<int:pk>/undangan.pdf", views.invitation_pdf, name="invitation-pdf"),
    path("rapat/<int:pk>/undangan.ics", views.invitation_ics, name="invitation-ics"),
    path("rapat/<int:pk>/notulen.pdf", views.minutes_pdf, name="minutes-pdf"),
    path("undangan/<int:pk>/hapus/", invitations.invitation_remove, name="invitation-remove"),
    path("undangan/<int:pk>/jawab/", invitations.invitation_answer, name="invitation-answer"),
    path("undangan/<int:pk>/kehadiran/", invitations.attendance, name="attendance"),
    path("tindak-lanjut/", views.follow_up_list, name="follow-ups"),
    path("tindak-lanjut/<int:pk>/", views.follow_up_detail, name="follow-up"),
    path("tindak-lanjut/<int:pk>/laporan/", views.follow_up_report, name="follow-up-report"),
    path("tindak-lanjut/<int:pk>/status/", views.follow_up_transition, name="follow-up-status"),
    path("tindak-lanjut/<int:pk>/terima/", views.follow_up_receive, name="follow-up-receive"),
    path("bukti/<int:pk>/", views.evidence_download, name="evidence"),
    path("kotak-masuk-sekda/", views.sekda_inbox, name="inbox"),
    path("dasbor/", views.dashboard, name="dashboard"),
    path("keputusan-mendesak/", views.urgent_list, name="urgent"),
    path("keputusan-mendesak/<int:pk>/lapor/", views.urgent_report, name="urgent-report"),
    path("keputusan-mendesak/<int:pk>/terima/", views.urgent_receive, name="urgent-receive"),
    path("pengambilalihan/", views.takeover_list, name="takeovers"),
    path("pengambilalihan/<int:pk>/akhiri/", views.takeover_end, name="takeover-end"),
]

urlpatterns += urls_reports.urlpatterns + urls_compliance.urlpatterns
