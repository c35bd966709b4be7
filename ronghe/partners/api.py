"""Partner endpoints: /api/v1/partners/..."""

from decimal import Decimal

from ninja import Field, Router, Schema, Status

from ronghe.core.apikit import page_of, paginate, require_company, resolve
from ronghe.core.scoping import require_perm
from ronghe.core.selectors import user_list

from . import selectors, services
from .models import AddressKind, Partner, PartnerKind

router = Router(tags=["partners"])


class PartnerOut(Schema):
    id: int
    code: str
    kind: str
    name: str
    short_name: str
    is_customer: bool
    is_supplier: bool
    parent_id: int | None
    job_title: str
    tax_id: str
    phone: str
    mobile: str
    email: str
    website: str
    province: str
    city: str
    district: str
    street: str
    postcode: str
    owner_id: int | None
    owner_name: str | None
    payment_term_id: int | None
    credit_limit: Decimal
    currency: str
    active: bool

    @staticmethod
    def resolve_owner_name(obj: Partner):
        return obj.owner.get_display_name() if obj.owner_id else None

    @staticmethod
    def resolve_currency(obj: Partner):
        return obj.currency_id


class PartnerIn(Schema):
    kind: PartnerKind = PartnerKind.ORGANISATION
    name: str = Field(..., max_length=150)
    code: str = Field("", max_length=30)
    short_name: str = Field("", max_length=60)
    is_customer: bool = False
    is_supplier: bool = False
    parent_id: int | None = None
    job_title: str = ""
    tax_id: str = ""
    phone: str = ""
    mobile: str = ""
    email: str = ""
    website: str = ""
    province: str = ""
    city: str = ""
    district: str = ""
    street: str = ""
    postcode: str = ""
    owner_id: int | None = None
    payment_term_id: int | None = None
    credit_limit: Decimal = Decimal("0")
    currency: str = "CNY"
    note: str = ""


class PartnerPatch(Schema):
    kind: PartnerKind | None = None
    name: str | None = Field(None, max_length=150)
    short_name: str | None = None
    is_customer: bool | None = None
    is_supplier: bool | None = None
    job_title: str | None = None
    tax_id: str | None = None
    phone: str | None = None
    mobile: str | None = None
    email: str | None = None
    website: str | None = None
    province: str | None = None
    city: str | None = None
    district: str | None = None
    street: str | None = None
    postcode: str | None = None
    owner_id: int | None = None
    payment_term_id: int | None = None
    credit_limit: Decimal | None = None
    note: str | None = None


def _data(request, payload: dict) -> dict:
    company = request.company
    fks = {"parent_id", "owner_id", "payment_term_id", "currency"}
    data = {k: v for k, v in payload.items() if k not in fks}
    if "parent_id" in payload:
        data["parent"] = resolve(
            selectors.partner_list(user=request.user, company=company, active=None),
            payload["parent_id"],
            "parent_id",
        )
    if "owner_id" in payload:
        data["owner"] = resolve(user_list(company=company), payload["owner_id"], "owner_id")
    if "payment_term_id" in payload:
        data["payment_term"] = resolve(
            selectors.payment_term_list(company=company), payload["payment_term_id"], "payment_term_id"
        )
    if "currency" in payload:
        from ronghe.core.models import Currency

        data["currency"] = resolve(Currency.objects.filter(active=True), payload["currency"], "currency")
    return data


@router.get("/partners", response=page_of(PartnerOut), summary="Partners the caller may see")
def partner_list(
    request,
    q: str = "",
    role: str = "",
    owner: int | None = None,
    active: bool = True,
    page: int = 1,
    limit: int = 50,
):
    qs = selectors.partner_list(
        user=request.user, company=require_company(request), q=q, role=role, owner=owner, active=active
    ).order_by("-id")
    return paginate(qs, page=page, limit=limit)


@router.get("/partners/{partner_id}", response=PartnerOut)
def partner_get(request, partner_id: int):
    return selectors.partner_get_for_user(pk=partner_id, user=request.user, company=require_company(request))


@router.post("/partners", response={201: PartnerOut})
def partner_create(request, payload: PartnerIn):
    company = require_company(request)
    require_perm(request.user, company, "partners.add_partner")
    data = _data(request, payload.dict())
    if payload.owner_id is None:
        data["owner"] = request.user
    return Status(201, services.partner_save(company=company, actor=request.user, data=data))


@router.patch("/partners/{partner_id}", response=PartnerOut)
def partner_update(request, partner_id: int, payload: PartnerPatch):
    company = require_company(request)
    require_perm(request.user, company, "partners.change_partner")
    partner = selectors.partner_get_for_user(pk=partner_id, user=request.user, company=company)
    return services.partner_save(
        company=company,
        actor=request.user,
        partner=partner,
        data=_data(request, payload.dict(exclude_unset=True)),
    )


@router.post("/partners/{partner_id}/archive", response=PartnerOut)
def partner_archive(request, partner_id: int):
    company = require_company(request)
    require_perm(request.user, company, "partners.change_partner")
    partner = selectors.partner_get_for_user(pk=partner_id, user=request.user, company=company)
    return services.partner_archive(partner=partner, actor=request.user, active=False)


class PartnerBankAccountIn(Schema):
    bank_name: str = Field(..., min_length=1, max_length=100)
    account_number: str = Field(..., min_length=1, max_length=40)
    account_name: str = ""
    is_default: bool = False


class PartnerBankAccountOut(Schema):
    id: int
    bank_name: str
    account_name: str
    account_number: str
    is_default: bool


class AddressIn(Schema):
    kind: AddressKind = AddressKind.SHIPPING
    contact_name: str = ""
    phone: str = ""
    province: str = ""
    city: str = ""
    district: str = ""
    street: str = Field(..., min_length=1, max_length=200)
    postcode: str = ""


class AddressOut(AddressIn):
    id: int


def _editable(request, partner_id):
    company = require_company(request)
    require_perm(request.user, company, "partners.change_partner")
    return selectors.partner_get_for_user(pk=partner_id, user=request.user, company=company)


@router.get("/partners/{partner_id}/bank-accounts", response=list[PartnerBankAccountOut])
def bank_account_list(request, partner_id: int):
    partner = selectors.partner_get_for_user(
        pk=partner_id, user=request.user, company=require_company(request)
    )
    return list(partner.bank_accounts.all())


@router.post("/partners/{partner_id}/bank-accounts", response={201: PartnerBankAccountOut})
def bank_account_add(request, partner_id: int, payload: PartnerBankAccountIn):
    partner = _editable(request, partner_id)
    return Status(
        201, services.partner_bank_account_add(partner=partner, actor=request.user, **payload.dict())
    )


@router.delete("/partners/{partner_id}/bank-accounts/{account_id}", response={204: None})
def bank_account_remove(request, partner_id: int, account_id: int):
    services.partner_bank_account_remove(
        partner=_editable(request, partner_id), actor=request.user, account_id=account_id
    )
    return Status(204, None)


@router.get("/partners/{partner_id}/addresses", response=list[AddressOut])
def address_list(request, partner_id: int):
    partner = selectors.partner_get_for_user(
        pk=partner_id, user=request.user, company=require_company(request)
    )
    return list(partner.addresses.all())


@router.post("/partners/{partner_id}/addresses", response={201: AddressOut})
def address_add(request, partner_id: int, payload: AddressIn):
    partner = _editable(request, partner_id)
    return Status(201, services.partner_address_add(partner=partner, actor=request.user, data=payload.dict()))


@router.delete("/partners/{partner_id}/addresses/{address_id}", response={204: None})
def address_remove(request, partner_id: int, address_id: int):
    services.partner_address_remove(
        partner=_editable(request, partner_id), actor=request.user, address_id=address_id
    )
    return Status(204, None)
