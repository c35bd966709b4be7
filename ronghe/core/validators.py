"""Validators for Chinese identifiers and common fields. Messages are translated and name the problem."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# 统一社会信用代码 (GB 32100-2015): 18 characters from this alphabet (no I, O, Z, S, V).
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_USCC_RE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")


def uscc_check_char(first17: str) -> str:
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def is_valid_uscc(value: str) -> bool:
    value = (value or "").strip().upper()
    if not _USCC_RE.match(value):
        return False
    return uscc_check_char(value[:17]) == value[17]


def validate_uscc(value: str) -> None:
    if not is_valid_uscc(value):
        raise ValidationError(
            _(
                "“%(value)s” is not a valid unified social credit code (18 characters with a correct check digit)."
            ),
            code="invalid_uscc",
            params={"value": value},
        )


_PHONE_RE = re.compile(r"^\+?[0-9][0-9\- ()]{5,24}$")


def validate_phone(value: str) -> None:
    if value and not _PHONE_RE.match(value.strip()):
        raise ValidationError(
            _("Enter a valid phone number (digits, spaces, +, - and brackets)."), code="invalid_phone"
        )


def validate_non_negative(value) -> None:
    if value is not None and value < 0:
        raise ValidationError(_("This value must not be negative."), code="negative")


def normalize_phone(value: str) -> str:
    """Digits only, without a leading +86 / 0086: the form used for duplicate checks."""
    digits = re.sub(r"\D", "", value or "")
    if digits.startswith("0086"):
        digits = digits[4:]
    elif digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    return digits
