"""Who may do what in the library. A user's level on a folder is the highest of the grants that name them
(as a user, through a department they work in or below, or through a role) on the folder and — while
folders inherit — on the folders above it. Company administrators manage everything; the owner of a
personal space manages all of it. No grant, no access (the folder is not even listed)."""

from ronghe.core.models import Membership
from ronghe.core.scoping import is_company_admin
from ronghe.org.models import Department, Employee

from .models import Folder, FolderGrant, Level


def principals(user, company) -> dict[str, set[int]]:
    """The user, the departments the user is in and all above them (a grant to 销售部 covers its groups),
    and the user's roles."""
    dept_ids = set(
        Employee.objects.filter(company=company, user=user, active=True).values_list(
            "department_id", flat=True
        )
    )
    parents = dict(Department.objects.filter(company=company).values_list("id", "parent_id"))
    above = set()
    for d in dept_ids:
        while d is not None and d not in above:
            above.add(d)
            d = parents.get(d)
    roles = set(
        Membership.objects.filter(company=company, user=user, active=True).values_list("roles__id", flat=True)
    ) - {None}
    return {"user": {user.pk}, "dept": above, "role": roles}


def levels(user, company) -> dict[int, int]:
    """Every folder of the company the user may reach, with the user's level on it (one pass, top-down)."""
    folders = list(Folder.objects.filter(company=company).values("id", "parent_id", "owner_id", "inherit"))
    if is_company_admin(user, company):
        return {f["id"]: Level.MANAGE for f in folders}
    who = principals(user, company)
    own: dict[int, int] = {}
    for g in FolderGrant.objects.filter(folder__company=company).values(
        "folder_id", "kind", "target_id", "level"
    ):
        if g["target_id"] in who.get(g["kind"], ()):
            own[g["folder_id"]] = max(own.get(g["folder_id"], 0), g["level"])
    children: dict[int | None, list[dict]] = {}
    for f in folders:
        children.setdefault(f["parent_id"], []).append(f)
    out: dict[int, int] = {}
    stack = [(f, 0) for f in children.get(None, [])]
    while stack:
        f, inherited = stack.pop()
        level = max(own.get(f["id"], 0), inherited if f["inherit"] else 0)
        if f["parent_id"] is None and f["owner_id"] == user.pk:
            level = Level.MANAGE
        if level:
            out[f["id"]] = level
        stack.extend((c, level) for c in children.get(f["id"], []))
    return out


def level_on(user, company, folder) -> int:
    return levels(user, company).get(folder.pk, 0)
