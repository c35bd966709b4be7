"""Working days in mainland China: weekends, public holidays and adjusted working days (调休).

Uses the `chinese-calendar` package (State Council schedules, updated each year). For a year it does not
know yet, Monday–Friday counts as working days.
"""

from datetime import date, timedelta
from decimal import Decimal

import chinese_calendar


def is_workday(d: date) -> bool:
    try:
        return chinese_calendar.is_workday(d)
    except NotImplementedError:  # year not published in the installed package
        return d.weekday() < 5


def leave_days(start: date, start_half: str, end: date, end_half: str) -> Decimal:
    """Working days from `start` (am = whole day, pm = from noon) to `end` (pm = whole day, am = until noon).

    Raises ValueError when the range is reversed or ends before it starts on the same day."""
    if end < start or (end == start and start_half == "pm" and end_half == "am"):
        raise ValueError("end before start")
    total = Decimal(0)
    d = start
    while d <= end:
        if is_workday(d):
            weight = Decimal(1)
            if d == start and start_half == "pm":
                weight -= Decimal("0.5")
            if d == end and end_half == "am":
                weight -= Decimal("0.5")
            total += weight
        d += timedelta(days=1)
    return total
