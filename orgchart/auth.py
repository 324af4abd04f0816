"""Authentication backend that logs users in but grants no permissions of its own."""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend


class LoginOnlyBackend(ModelBackend):
    """Password login as Django's ModelBackend does it. Permissions come only from the
    predicates registered with ``rules`` (deny by default), never from Django's
    user/group permission tables, so nobody gains a right by a stray admin checkbox."""

    def get_user_permissions(self, user_obj, obj=None) -> set[str]:
        return set()

    def get_group_permissions(self, user_obj, obj=None) -> set[str]:
        return set()

    def get_all_permissions(self, user_obj, obj=None) -> set[str]:
        return set()

    def has_perm(self, user_obj, perm, obj=None) -> bool:
        return False

    def has_module_perms(self, user_obj, app_label) -> bool:
        return False
