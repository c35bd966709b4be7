import pytest
from django.core.exceptions import ValidationError

from ronghe.core.validators import is_valid_uscc, normalize_phone, uscc_check_char, validate_uscc

# Published examples of 统一社会信用代码 whose check digits are known to be right.
VALID = ["91350100M000100Y43", "91110108551385082Q", "91310115MA1H7GQX37"]


@pytest.mark.parametrize("code", VALID)
def test_valid_uscc(code):
    assert is_valid_uscc(code)
    assert is_valid_uscc(code.lower())


@pytest.mark.parametrize(
    "code", ["91350100M000100Y44", "9135010OM000100Y43", "123", "", "91350100M000100Y4I"]
)
def test_invalid_uscc(code):
    assert not is_valid_uscc(code)
    with pytest.raises(ValidationError):
        validate_uscc(code)


def test_check_char_matches_known_code():
    assert uscc_check_char("91350100M000100Y4") == "3"


@pytest.mark.parametrize(
    ("raw", "norm"),
    [
        ("+86 138-0013-8000", "13800138000"),
        ("0086 13800138000", "13800138000"),
        ("021-5080 1234", "02150801234"),
    ],
)
def test_normalize_phone(raw, norm):
    assert normalize_phone(raw) == norm
