"""查重: the keys that make two spellings of one customer meet, and the candidates for a new one.

A name key strips what varies between spellings of the same company — the region in front or in brackets
(北京张伟科技 / 张伟科技（北京）有限公司), the legal form (有限公司, Co., Ltd.), punctuation and spaces — and
writes the rest in toneless pinyin, so 张伟 and "zhang wei" give the same key. Candidates are found by
exact phone, e-mail, tax id or name key, and by a fuzzy name match (rapidfuzz) among names sharing a
prefix; each comes with the reasons it matched and its owner.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _
from pypinyin import lazy_pinyin
from rapidfuzz import fuzz

from ronghe.core.validators import normalize_phone

REGIONS = (
    "内蒙古 黑龙江 北京 上海 天津 重庆 河北 山西 辽宁 吉林 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 海南 "
    "四川 贵州 云南 陕西 甘肃 青海 台湾 广西 西藏 宁夏 新疆 香港 澳门 深圳 广州 杭州 南京 苏州 武汉 成都 西安 "
    "宁波 无锡 青岛 厦门 大连 沈阳 长沙 郑州 济南 合肥 福州 昆明 东莞 佛山"
).split()
LEGAL = (
    "股份有限公司",
    "有限责任公司",
    "集团有限公司",
    "有限公司",
    "分公司",
    "集团",
    "公司",
    "co ltd",
    "co., ltd.",
    "co.,ltd.",
    "company limited",
    "limited",
    "ltd",
    "inc",
    "corp",
    "llc",
    "gmbh",
)
_REGION = "|".join(sorted(REGIONS, key=len, reverse=True))
_BRACKETS = re.compile(r"[（(【\[]\s*(?:" + _REGION + r")[省市]?\s*[）)】\]]")
_LEADING = re.compile(r"^(?:中国)?(?:" + _REGION + r")(?:省|市|自治区)?")
_NOISE = re.compile(r"[\s\W_]+", re.UNICODE)


def name_key(name: str) -> str:
    """The comparable form of a company or person name ("" for an empty one)."""
    text = unicodedata.normalize("NFKC", name or "").strip().lower()
    if not text:
        return ""
    text = _BRACKETS.sub("", text)
    for suffix in LEGAL:
        if text.endswith(suffix) and len(text) > len(suffix):
            text = text[: -len(suffix)].rstrip(" ,.")
    stripped = _LEADING.sub("", text)
    text = stripped or text  # a name that is only a region keeps it
    text = _BRACKETS.sub("", text)
    return _NOISE.sub("", "".join(lazy_pinyin(text)))


def normalize_email(value: str) -> str:
    return (value or "").strip().lower()


@dataclass
class Candidate:
    obj: object
    reasons: list = field(default_factory=list)
    score: int = 0


def find(
    qs, *, name="", phone="", email="", tax_id="", key_field="name_key", limit: int = 20
) -> list[Candidate]:
    """Records of `qs` (already scoped to the company) that may be the same as the one described, best first.
    The model has `key_field`, `phone_norm`, `email` and `tax_id` fields."""
    key = name_key(name)
    phone_n = normalize_phone(phone)
    email_n = normalize_email(email)
    tax = (tax_id or "").strip().upper()
    exact = Q(pk__in=[])
    if key:
        exact |= Q(**{key_field: key})
    if len(phone_n) >= 7:
        exact |= Q(phone_norm=phone_n)
    if email_n:
        exact |= Q(email__iexact=email_n)
    if tax:
        exact |= Q(tax_id__iexact=tax)
    near = Q(pk__in=[])
    if len(key) >= 4:
        near = Q(**{f"{key_field}__startswith": key[:4]}) | Q(**{f"{key_field}__contains": key[:8]})
    found: dict[int, Candidate] = {}
    for obj in qs.filter(exact | near)[: limit * 10]:
        c = Candidate(obj)
        other = getattr(obj, key_field) or ""
        if key and other == key:
            c.reasons.append(_("same name"))
            c.score = max(c.score, 100)
        elif key and other:
            ratio = fuzz.ratio(key, other)
            partial = fuzz.partial_ratio(key, other) if min(len(key), len(other)) >= 6 else 0
            if ratio >= 85:
                c.reasons.append(_("similar name (%(score)s%%)") % {"score": int(ratio)})
                c.score = max(c.score, int(ratio))
            elif partial >= 95:
                c.reasons.append(_("name contains the other"))
                c.score = max(c.score, 80)
        if phone_n and len(phone_n) >= 7 and getattr(obj, "phone_norm", "") == phone_n:
            c.reasons.append(_("same phone"))
            c.score = max(c.score, 100)
        if email_n and normalize_email(getattr(obj, "email", "")) == email_n:
            c.reasons.append(_("same e-mail"))
            c.score = max(c.score, 100)
        if tax and (getattr(obj, "tax_id", "") or "").strip().upper() == tax:
            c.reasons.append(_("same tax id"))
            c.score = max(c.score, 100)
        if c.reasons:
            found[obj.pk] = c
    return sorted(found.values(), key=lambda c: (-c.score, c.obj.pk))[:limit]
