"""Reading the tables users upload: Excel (.xlsx) or CSV in UTF-8 or GBK (what Chinese software exports)."""

import csv
import io

from django.utils.translation import gettext as _

from .errors import ValidationFailed


def read_rows(filename: str, content: bytes) -> list[list]:
    """All rows of the first sheet (or of the CSV file), as lists of cell values."""
    if filename.lower().endswith((".xlsx", ".xlsm")):
        from openpyxl import load_workbook

        try:
            ws = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
        except Exception as exc:  # noqa: BLE001 — a broken or renamed file
            raise ValidationFailed(fields={"file": [_("The file could not be read as Excel.")]}) from exc
        return [list(r) for r in ws.iter_rows(values_only=True)]
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ValidationFailed(fields={"file": [_("The file is neither UTF-8 nor GBK text.")]})
    return list(csv.reader(io.StringIO(text)))


def read_records(filename: str, content: bytes, names: dict[str, str], required: tuple = ()) -> list[dict]:
    """Rows as {field: value} by the first row's headers; `names` maps header spellings (Chinese or English,
    any case) to fields. Raises ValidationFailed naming the missing required columns."""
    rows = read_rows(filename, content)
    if not rows:
        raise ValidationFailed(fields={"file": [_("The file is empty.")]})
    lookup = {k.strip().lower(): v for k, v in names.items()}
    header = [str(h or "").strip().lower() for h in rows[0]]
    cols = {lookup[h]: i for i, h in enumerate(header) if h in lookup}
    missing = [r for r in required if r not in cols]
    if missing:
        wanted = {v: k for k, v in names.items()}
        raise ValidationFailed(
            fields={
                "file": [
                    _("The first row must name the columns %(columns)s.")
                    % {"columns": "、".join(wanted.get(m, m) for m in missing)}
                ]
            }
        )
    out = []
    for row in rows[1:]:
        if not any(c not in (None, "") for c in row):
            continue
        out.append({k: (row[i] if i < len(row) else None) for k, i in cols.items()})
    return out
