"""URLs of the meeting pages, under /koordinasi/: scheduling, invitations, answers,
attendance and the undangan."""

from django.urls import path

from coordination.meetings import invitation_views as invitations
from coordination.meetings import views

urlpatterns = [
    path("rapat/", views.meeting_list, name="meetings"),
    path("rapat/baru/", views.meeting_new, name="meeting-new"),
    path("rapat/catat/", views.meeting_record_held, name="meeting-record-held"),
    path("rapat/<int:pk>/", views.meeting_detail, name="meeting"),
    path("rapat/<int:pk>/undang/", invitations.invitation_add, name="invitation-add"),
    path("rapat/<int:pk>/kirim-undangan/", invitations.invitations_send, name="invitations-send"),
    path("rapat/<int:pk>/batal/", views.meeting_cancel, name="meeting-cancel"),
    path("rapat/<int:pk>/ubah/", views.meeting_edit, name="meeting-edit"),
    path("rapat/<int:pk>/undangan.pdf", views.invitation_pdf, name="invitation-pdf"),
    path("rapat/<int:pk>/undangan.ics", views.invitation_ics, name="invitation-ics"),
    path("undangan/<int:pk>/hapus/", invitations.invitation_remove, name="invitation-remove"),
    path("undangan/<int:pk>/jawab/", invitations.invitation_answer, name="invitation-answer"),
    path("undangan/<int:pk>/kehadiran/", invitations.attendance, name="attendance"),
]
