"""URLs of the compliance dashboard and its exports, under /koordinasi/kepatuhan/."""

urlpatterns: list = []
