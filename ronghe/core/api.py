"""Platform endpoints: me, companies, users (read), units, currencies."""

from ninja import Router, Schema

from .apikit import page_of, paginate, require_company
from .models import Company, User
from .selectors import currency_list, unit_list, user_list
from .services import user_companies

router = Router(tags=["core"])


class CompanyOut(Schema):
    id: int
    name: str
    name_en: str
    uscc: str | None
    currency: str
    address: str
    phone: str

    @staticmethod
    def resolve_currency(obj: Company):
        return obj.currency_id


class UserOut(Schema):
    id: int
    username: str
    display_name: str
    email: str
    phone: str
    language: str

    @staticmethod
    def resolve_display_name(obj: User):
        return obj.get_display_name()


class MeOut(UserOut):
    company_id: int | None
    companies: list[CompanyOut]

    @staticmethod
    def resolve_company_id(obj: User, context):
        company = getattr(context["request"], "company", None)
        return company.pk if company else None

    @staticmethod
    def resolve_companies(obj: User):
        return list(user_companies(obj))


class UnitOut(Schema):
    id: int
    code: str
    name: str
    category: str
    factor: str

    @staticmethod
    def resolve_category(obj):
        return obj.category.code

    @staticmethod
    def resolve_factor(obj):
        return str(obj.factor)


class CurrencyOut(Schema):
    code: str
    name: str
    symbol: str
    decimals: int


@router.get("/me", response=MeOut, summary="The calling user and their companies")
def me(request):
    return request.user


@router.get("/companies", response=list[CompanyOut])
def companies(request):
    return list(user_companies(request.user))


@router.get("/users", response=page_of(UserOut))
def users(request, q: str = "", page: int = 1, limit: int = 50):
    return paginate(user_list(company=require_company(request), q=q), page=page, limit=limit)


@router.get("/users/{user_id}", response=UserOut)
def user_get(request, user_id: int):
    return user_list(company=require_company(request)).get(pk=user_id)


@router.get("/units", response=list[UnitOut])
def units(request):
    return list(unit_list())


@router.get("/currencies", response=list[CurrencyOut])
def currencies(request):
    return list(currency_list())
