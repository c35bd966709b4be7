"""Leave days over the 2025 and 2026 Spring Festival and National Day holidays, checked by hand against the
State Council schedules (国办发明电〔2024〕12号 for 2025, the 2026 notice of November 2025):

2025 春节 1/28–2/4 off, 1/26 (Sun) and 2/8 (Sat) worked; 国庆·中秋 10/1–10/8 off, 9/28 (Sun) and 10/11 (Sat) worked.
2026 春节 2/15–2/23 off, 2/14 (Sat) and 2/28 (Sat) worked; 国庆 10/1–10/7 off, 9/20 (Sun) and 10/10 (Sat) worked.
"""

from datetime import date
from decimal import Decimal

import pytest

from ronghe.oaforms.workdays import is_workday, leave_days

D = date


@pytest.mark.parametrize(
    ("start", "sh", "end", "eh", "days", "why"),
    [
        # 2025 Spring Festival: Fri 1/24, Sun 1/26 (worked), Mon 1/27, [1/28–2/4 off], Wed–Fri 2/5–2/7, Sat 2/8 (worked), Mon 2/10
        (D(2025, 1, 24), "am", D(2025, 2, 10), "pm", "8", "1/24,1/26,1/27,2/5,2/6,2/7,2/8,2/10"),
        (D(2025, 1, 25), "am", D(2025, 1, 26), "pm", "1", "Sat off, Sun 1/26 is a 调休 working day"),
        (D(2025, 1, 28), "am", D(2025, 2, 4), "pm", "0", "the whole holiday"),
        (D(2025, 2, 8), "pm", D(2025, 2, 8), "pm", "0.5", "afternoon of the 调休 Saturday"),
        # 2025 National Day: Sun 9/28 worked, Mon 9/29, Tue 9/30, [10/1–10/8 off], Thu 10/9, Fri 10/10, Sat 10/11 worked
        (D(2025, 9, 27), "am", D(2025, 10, 12), "pm", "6", "9/28,9/29,9/30,10/9,10/10,10/11"),
        (D(2025, 9, 29), "pm", D(2025, 10, 9), "am", "2", "half 9/29 + 9/30 + half 10/9"),
        # 2026 Spring Festival: Fri 2/13, Sat 2/14 worked, [2/15–2/23 off], Tue 2/24 – Fri 2/27, Sat 2/28 worked
        (D(2026, 2, 13), "am", D(2026, 2, 28), "pm", "7", "2/13,2/14,2/24,2/25,2/26,2/27,2/28"),
        (D(2026, 2, 14), "am", D(2026, 2, 14), "am", "0.5", "morning of the 调休 Saturday"),
        (D(2026, 2, 16), "am", D(2026, 2, 23), "pm", "0", "inside the holiday"),
        # 2026 National Day: Sun 9/20 worked, [10/1–10/7 off], Thu 10/8, Fri 10/9, Sat 10/10 worked
        (D(2026, 9, 19), "am", D(2026, 9, 21), "pm", "2", "Sat off, Sun 9/20 worked, Mon 9/21"),
        (D(2026, 9, 30), "pm", D(2026, 10, 11), "pm", "3.5", "half 9/30, 10/8, 10/9, 10/10"),
        # an ordinary week
        (D(2026, 11, 23), "am", D(2026, 11, 27), "am", "4.5", "Mon–Thu and Friday morning"),
    ],
)
def test_leave_days(start, sh, end, eh, days, why):
    assert leave_days(start, sh, end, eh) == Decimal(days), why


def test_adjusted_working_days_and_holidays():
    assert is_workday(D(2026, 2, 14)) and is_workday(D(2025, 1, 26)) and is_workday(D(2026, 10, 10))
    assert (
        not is_workday(D(2026, 2, 17)) and not is_workday(D(2025, 10, 8)) and not is_workday(D(2026, 11, 28))
    )


def test_reversed_range_is_refused():
    with pytest.raises(ValueError):
        leave_days(D(2026, 3, 5), "am", D(2026, 3, 4), "pm")
    with pytest.raises(ValueError):
        leave_days(D(2026, 3, 5), "pm", D(2026, 3, 5), "am")
