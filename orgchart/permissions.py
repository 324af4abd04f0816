"""Who may do what to the org structure and the regulations: ``rules`` predicates.

Deny by default: a permission nobody registered here is refused (orgchart.auth grants none),
and a user without a role assignment passes no predicate but the public ``view`` ones.
Regulations' permissions are registered here too, because roles live in orgchart and
regulations must not depend on it.
"""

from __future__ import annotations

import rules

from orgchart.models import Role, region_scope, role_of


@rules.predicate
def is_superadmin(user) -> bool:
    return role_of(user) == Role.SUPERADMIN


def has_role(*roles: str) -> rules.Predicate:
    def check(user) -> bool:
        return role_of(user) in roles

    return rules.predicate(check, name=f"has_role({', '.join(roles)})")


@rules.predicate
def in_own_region(user, obj) -> bool:
    """The object belongs to the user's region. Without an object (the "add" question), any
    user bound to a region passes; the object's region is checked when it exists."""
    scope = region_scope(user)
    if scope is None:
        return False
    if scope == "all" or obj is None:
        return True
    return getattr(obj, "owning_region_id", None) == scope


@rules.predicate
def is_own(user, obj) -> bool:
    return obj is not None and getattr(obj, "user_id", None) == user.pk


has_any_role = rules.predicate(lambda user: role_of(user) is not None, name="has_any_role")
is_secretariat_staff = has_role(Role.SECRETARIAT_STAFF)

# Public data (Perwal Banjar 6/2023 Pasal 16): anyone may read it, even without logging in.
public = rules.always_allow
# The secretariat (Setda) keeps its own region's structure.
keeps_structure = is_superadmin | (is_secretariat_staff & in_own_region)
# The text of a regulation and the reference data change only by superadmin (region packs).
superadmin_only = is_superadmin


def _register(app: str, model: str, *, view, change) -> None:
    rules.add_perm(f"{app}.view_{model}", view)
    for action in ("add", "change", "delete"):
        rules.add_perm(f"{app}.{action}_{model}", change)


for model in (
    "region",
    "regulation",
    "revocation",
    "provision",
    "recital",
    "annex",
    "annexentry",
    "rule",
):
    _register("regulations", model, view=public, change=superadmin_only)

for model in ("unit", "unitlink", "position", "appointment", "unitaffair"):
    _register("orgchart", model, view=public, change=keeps_structure)
for model in ("affair", "kindrelation"):
    _register("orgchart", model, view=public, change=superadmin_only)

_register(
    "orgchart",
    "official",
    view=is_superadmin | (has_any_role & in_own_region),
    change=keeps_structure,
)
# A certifier's NIP is personal data, like an official's.
_register(
    "regulations",
    "certifier",
    view=is_superadmin | (has_any_role & in_own_region),
    change=superadmin_only,
)
_register(
    "orgchart",
    "roleassignment",
    view=is_superadmin | is_own | (has_role(Role.SECRETARIAT_STAFF, Role.SEKDA) & in_own_region),
    change=superadmin_only,
)

# API tokens and session epochs belong to their owners, who manage them on the token page
# (orgchart/views/account.py, by ownership); in the admin only the superadmin sees and revokes
# them, and nobody makes a token there (its key would never be shown).
for model in ("apitoken", "sessionepoch"):
    rules.add_perm(f"orgchart.view_{model}", superadmin_only)
    rules.add_perm(f"orgchart.add_{model}", rules.always_deny)
    rules.add_perm(f"orgchart.change_{model}", superadmin_only)
    rules.add_perm(f"orgchart.delete_{model}", superadmin_only)

# App-level permissions decide who sees an app in the admin at all.
rules.add_perm("regulations", is_superadmin | is_secretariat_staff)
rules.add_perm("orgchart", is_superadmin | is_secretariat_staff)
