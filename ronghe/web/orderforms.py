"""What the sales and purchase order pages share: the line editor's data in and out (web/order_form.html)."""

import datetime
import json

from ronghe.core.errors import ValidationFailed


def posted_lines(request) -> list[dict]:
    try:
        raw = json.loads(request.POST.get("lines_json") or "[]")
    except json.JSONDecodeError:
        raw = []
    return [r for r in raw if str(r.get("product") or "").strip()]


def lines_for_service(raw: list[dict], products: dict) -> list[dict]:
    """Editor rows → service line dicts; an unknown product is a field error."""
    out, errors = [], {}
    for i, r in enumerate(raw):
        pid = str(r.get("product") or "")
        product = products.get(int(pid)) if pid.isdigit() else None
        if product is None:
            errors[f"lines.{i}.product"] = ["?"]
            continue
        line = {
            "product": product,
            "quantity": r.get("quantity"),
            "discount_percent": r.get("discount_percent") or "0",
        }
        if str(r.get("unit_price") or "").strip():
            line["unit_price"] = r["unit_price"]
        if str(r.get("vat_rate") or "").strip():
            line["vat_rate"] = r["vat_rate"]
        if r.get("requested_date"):
            try:
                line["requested_date"] = datetime.date.fromisoformat(r["requested_date"])
            except ValueError:
                errors[f"lines.{i}.requested_date"] = ["?"]
        out.append(line)
    if errors:
        raise ValidationFailed(fields=errors)
    return out
