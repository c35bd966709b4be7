"""Integrity checks of core, run by `ronghe check-integrity`."""

from .models import Sequence


def check_sequences() -> list[str]:
    return [
        f"sequence {s.code}/{s.period} of company {s.company_id} has next value {s.next_value} < 1"
        for s in Sequence.objects.filter(next_value__lt=1)
    ]
