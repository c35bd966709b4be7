"""The flow definition format (JSON, stored per version) and how a request's values choose a branch.

    {
      "on_empty": "admin" | "skip",             # a node that resolves to nobody
      "escalation": {"after_hours": 24, "to": "manager" | "auto_approve"} | null,
      "branches": [
        {"name": "大额", "conditions": [{"field": "amount", "op": ">=", "value": 50000}], "nodes": [NODE, ...]},
        {"name": "默认", "conditions": [], "nodes": [NODE, ...]}          # the default branch: no conditions
      ]
    }
    NODE = {"key": "n1", "name": "部门主管", "kind": "approve" | "cc", "mode": "sequential" | "all" | "any",
            "approvers": {"rule": "users", "users": [3, 5]}         # named users
                       | {"rule": "role", "role": "general_manager"}
                       | {"rule": "manager", "levels": 1}           # initiator's manager N levels up
                       | {"rule": "dept_head"}                      # head of initiator's department or nearest above
                       | {"rule": "named_dept_head", "department": 7}
                       | {"rule": "self_select"},                   # the initiator picks at submission
            "deadline_hours": 24 | null}

Branches are tried in order; the first whose conditions all hold is taken (conditions are AND-ed).
"""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from ronghe.core.errors import ValidationFailed

RULES = {"users", "role", "manager", "dept_head", "named_dept_head", "self_select"}
MODES = {"sequential", "all", "any"}
KINDS = {"approve", "cc"}
OPS = {"==", "!=", ">", ">=", "<", "<=", "in", "not_in", "contains"}


def _num(v):
    try:
        return Decimal(str(v))
    except (InvalidOperation, ValueError, TypeError):
        return None


def condition_holds(cond: dict, values: dict) -> bool:
    actual = values.get(cond["field"])
    op, expected = cond["op"], cond.get("value")
    if op in {">", ">=", "<", "<="}:
        a, b = _num(actual), _num(expected)
        if a is None or b is None:
            return False
        return {">": a > b, ">=": a >= b, "<": a < b, "<=": a <= b}[op]
    if op in {"in", "not_in"}:
        options = [str(x) for x in (expected if isinstance(expected, list) else [expected])]
        items = actual if isinstance(actual, list) else [actual]
        hit = any(str(x) in options for x in items)
        return hit if op == "in" else not hit
    if op == "contains":
        return str(expected) in str(actual or "") if not isinstance(actual, list) else expected in actual
    a, b = _num(actual), _num(expected)
    same = (a == b) if a is not None and b is not None else str(actual) == str(expected)
    return same if op == "==" else not same


def choose_branch(spec: dict, values: dict) -> dict:
    for branch in spec["branches"]:
        if all(condition_holds(c, values) for c in branch.get("conditions", [])):
            return branch
    raise ValidationFailed(_("No branch of the approval flow applies and the flow has no default branch."))


def validate_spec(spec: dict) -> dict:
    """Check a flow definition; returns it normalized. Raises ValidationFailed naming the problem."""
    errors: list[str] = []
    if not isinstance(spec, dict) or not isinstance(spec.get("branches"), list) or not spec["branches"]:
        raise ValidationFailed(fields={"spec": [_("A flow needs at least one branch.")]})
    spec.setdefault("on_empty", "admin")
    if spec["on_empty"] not in {"admin", "skip"}:
        errors.append(_("“If nobody can approve” must be “company administrator” or “skip”."))
    esc = spec.get("escalation")
    if esc:
        if esc.get("to") not in {"manager", "auto_approve"} or not _num(esc.get("after_hours")):
            errors.append(
                _("Escalation needs a delay in hours and a target (manager or automatic approval).")
            )
    if spec["branches"][-1].get("conditions"):
        errors.append(_("The last branch is the default branch: it must have no conditions."))
    for b_i, branch in enumerate(spec["branches"], 1):
        branch.setdefault("name", _("Branch %(n)d") % {"n": b_i})
        branch.setdefault("conditions", [])
        for cond in branch["conditions"]:
            if not cond.get("field") or cond.get("op") not in OPS:
                errors.append(
                    _("Branch “%(b)s”: each condition needs a field and a valid operator.")
                    % {"b": branch["name"]}
                )
        nodes = branch.get("nodes") or []
        if not any(n.get("kind", "approve") == "approve" for n in nodes):
            errors.append(_("Branch “%(b)s” needs at least one approval node.") % {"b": branch["name"]})
        for n_i, node in enumerate(nodes, 1):
            node.setdefault("key", f"b{b_i}n{n_i}")
            node.setdefault("kind", "approve")
            node.setdefault("mode", "sequential")
            node.setdefault("name", node["key"])
            rule = (node.get("approvers") or {}).get("rule")
            if node["kind"] not in KINDS or node["mode"] not in MODES or rule not in RULES:
                errors.append(
                    _("Node “%(n)s”: choose a valid kind, mode and approver rule.") % {"n": node["name"]}
                )
                continue
            a = node["approvers"]
            if rule == "users" and not a.get("users"):
                errors.append(_("Node “%(n)s”: name at least one approver.") % {"n": node["name"]})
            if rule == "role" and not a.get("role"):
                errors.append(_("Node “%(n)s”: choose a role.") % {"n": node["name"]})
            if rule == "named_dept_head" and not a.get("department"):
                errors.append(_("Node “%(n)s”: choose a department.") % {"n": node["name"]})
            if rule == "manager":
                a["levels"] = int(a.get("levels") or 1)
            dh = node.get("deadline_hours")
            if dh not in (None, "") and (_num(dh) is None or _num(dh) <= 0):
                errors.append(
                    _("Node “%(n)s”: the deadline must be a positive number of hours.") % {"n": node["name"]}
                )
    if errors:
        raise ValidationFailed(fields={"spec": errors})
    return spec
