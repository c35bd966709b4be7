"""VAT rates a document line may carry, from data/vat_rates.csv (copied from shared/reference)."""

import csv
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

_FILE = Path(__file__).parent / "data" / "vat_rates.csv"
_KINDS = {"tax_rate", "levy_rate", "levy_rate_reduced", "levy_rate_option"}


@lru_cache(maxsize=1)
def _rows():
    with _FILE.open(encoding="utf-8") as fh:
        return [r for r in csv.DictReader(fh) if r["kind"] in _KINDS]


def vat_rates(on: date | None = None) -> list[Decimal]:
    """Distinct rates valid on `on` (default today), highest first. Always includes 0."""
    on = on or date.today()
    rates = {Decimal("0")}
    for r in _rows():
        start = date.fromisoformat(r["valid_from"]) if r["valid_from"] else date.min
        end = date.fromisoformat(r["valid_to"]) if r["valid_to"] else date.max
        if start <= on <= end and r["rate"]:
            rates.add(Decimal(r["rate"]).normalize())
    return sorted(rates, reverse=True)


def vat_rate_choices(on: date | None = None) -> list[tuple[str, str]]:
    return [(str(r.quantize(Decimal("0.0001"))), f"{(r * 100).normalize():f}%") for r in vat_rates(on)]


def is_valid_vat_rate(rate: Decimal, on: date | None = None) -> bool:
    return rate is not None and Decimal(rate).normalize() in {r.normalize() for r in vat_rates(on)}
